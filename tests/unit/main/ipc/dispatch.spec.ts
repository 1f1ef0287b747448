import { describe, expect, it } from 'vitest';
import type { CallHandlers } from '../../../../src/shared/api';
import { AppError } from '../../../../src/shared/errors';
import { CALL_CHANNELS } from '../../../../src/shared/ipc-contract';
import { createDispatcher } from '../../../../src/main/ipc/dispatch';

/** Handlers that fail the test if called, except those overridden. */
function handlers(overrides: Partial<CallHandlers> = {}): CallHandlers {
  const unexpected = async (): Promise<never> => {
    throw new Error('handler should not be called');
  };
  const base = Object.fromEntries(CALL_CHANNELS.map((c) => [c, unexpected])) as unknown as CallHandlers;
  return { ...base, ...overrides };
}

describe('createDispatcher', () => {
  it('returns ipc/unknown-channel when the channel is not in the contract', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('fs:readFile', { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/unknown-channel' } });
  });

  it('does not treat Object.prototype names as channels', async () => {
    const dispatch = createDispatcher(handlers());
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(await dispatch(name, undefined)).toMatchObject({ ok: false, error: { code: 'ipc/unknown-channel' } });
    }
  });

  it('returns ipc/invalid-argument naming the channel and the issue when the argument fails the schema', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('recording:window', { recordingId: 'x', startSec: -1, durationSec: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ipc/invalid-argument');
    expect(result.error.message).toContain('recording:window');
    expect(result.error.message).toContain('startSec');
  });

  it('rejects an argument for a channel that takes none', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('app:info', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-argument' } });
  });

  it('rejects an upload file name with a folder in it before the handler runs', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('recording:upload', { files: [{ name: '../evil.hea', dataBase64: '' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-argument' } });
  });

  it('passes the validated argument to the handler and wraps its value', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'recording:overview': async (arg) => {
          seen.push(arg);
          return { recordingId: arg.recordingId, signalIndex: arg.signalIndex, binDurationSec: 1, min: [0], max: [1] };
        },
      }),
    );
    const result = await dispatch('recording:overview', { recordingId: 'r1', signalIndex: 0, bins: 1 });
    expect(seen).toEqual([{ recordingId: 'r1', signalIndex: 0, bins: 1 }]);
    expect(result).toEqual({ ok: true, value: { recordingId: 'r1', signalIndex: 0, binDurationSec: 1, min: [0], max: [1] } });
  });

  it('turns an AppError thrown by the handler into its code, message and detail', async () => {
    const dispatch = createDispatcher(
      handlers({
        'recording:open': async () => {
          throw new AppError('file/not-found', '/x/100.hea: no such header file.', { file: '/x/100.hea' });
        },
      }),
    );
    const result = await dispatch('recording:open', { path: '/x/100.hea' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'file/not-found', message: '/x/100.hea: no such header file.', detail: { file: '/x/100.hea' } },
    });
  });

  it('turns any other throw into an internal error instead of rejecting', async () => {
    const dispatch = createDispatcher(
      handlers({
        'library:recent': async () => {
          throw new TypeError('boom');
        },
        'library:samples': () => Promise.reject('a string'),
      }),
    );
    await expect(dispatch('library:recent', undefined)).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    await expect(dispatch('library:samples', undefined)).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'a string' } });
  });
});
