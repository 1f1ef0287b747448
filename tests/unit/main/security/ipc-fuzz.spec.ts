/**
 * Property tests of the one entry point both transports use (createDispatcher: the Electron
 * IPC handlers of src/main/ipc/register.ts and the loopback server both call it): random
 * channel names and random arguments never crash it, every argument reaches a handler only
 * after the channel's zod schema accepted it, and every refusal is a typed Result. The HTTP
 * part sends random channels and bodies to the real loopback server and expects the same
 * Result the dispatcher gives directly.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallHandlers } from '../../../../src/shared/api';
import { CALL_CHANNELS, CALLS, isCallChannel } from '../../../../src/shared/ipc-contract';
import type { Result } from '../../../../src/shared/result';
import { createDispatcher } from '../../../../src/main/ipc/dispatch';
import { startLoopbackServer, type LoopbackServer } from '../../../../src/main/serve/server';
import { raw } from '../serve/http-client';

interface Seen {
  channel: string;
  arg: unknown;
}

/** Handlers that record what reached them and answer with it. */
function recordingHandlers(seen: Seen[]): CallHandlers {
  const entries = CALL_CHANNELS.map((channel) => [
    channel,
    async (arg: unknown) => {
      seen.push({ channel, arg });
      return { echoed: channel };
    },
  ]);
  return Object.fromEntries(entries) as unknown as CallHandlers;
}

const channels = fc.oneof(
  fc.constantFrom(...CALL_CHANNELS),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'APP:INFO', 'app:info ', 'app:info\0', ''),
  fc.constantFrom(...CALL_CHANNELS).map((c) => `${c}x`),
);
const args = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.jsonValue(),
  fc.constant(undefined),
  fc.record({ recordingId: fc.string(), path: fc.string(), startSec: fc.double(), durationSec: fc.double(), id: fc.string() }, { requiredKeys: [] }),
);

function expectResultShape(result: Result<unknown>): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(typeof result.error.code).toBe('string');
    expect(typeof result.error.message).toBe('string');
  }
}

describe('createDispatcher', () => {
  it('never throws, and passes a handler only arguments its channel’s schema accepts', async () => {
    await fc.assert(
      fc.asyncProperty(channels, args, async (channel, arg) => {
        const seen: Seen[] = [];
        const result = await createDispatcher(recordingHandlers(seen))(channel, arg);
        expectResultShape(result);
        if (!isCallChannel(channel)) {
          expect(result).toMatchObject({ ok: false, error: { code: 'ipc/unknown-channel' } });
          expect(seen).toEqual([]);
          return;
        }
        const parsed = CALLS[channel].request.safeParse(arg);
        if (parsed.success) {
          expect(result).toEqual({ ok: true, value: { echoed: channel } });
          expect(seen).toEqual([{ channel, arg: parsed.data }]);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'ipc/invalid-argument' } });
          if (!result.ok) expect(result.error.message).toContain(channel);
          expect(seen).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('turns anything a handler throws into a failed Result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (thrown) => {
        const handlers = { ...recordingHandlers([]), 'app:info': () => Promise.reject(thrown) } as CallHandlers;
        const result = await createDispatcher(handlers)('app:info', undefined);
        expect(result.ok).toBe(false);
        expectResultShape(result);
      }),
    );
  });
});

describe('startLoopbackServer (random calls)', () => {
  const TOKEN = 'fuzz-token';
  let dir: string;
  let server: LoopbackServer;
  const dispatch = createDispatcher(recordingHandlers([]));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ra-ipc-fuzz-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    server = await startLoopbackServer({ dispatch, rendererDir: join(dir, 'renderer'), token: TOKEN, port: 0, maxBodyBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every random channel and body with the Result the dispatcher gives, never a 500', async () => {
    const bodies = fc.oneof(fc.json(), fc.string(), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(channels, bodies, async (channel, body) => {
        const response = await raw(server.port, {
          method: 'POST',
          path: `/api/${encodeURIComponent(channel)}`,
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body,
        });
        const result = JSON.parse(response.body) as Result<unknown>;
        expectResultShape(result);
        let arg: unknown;
        try {
          arg = body === '' ? undefined : JSON.parse(body);
        } catch {
          expect([response.status, result]).toMatchObject([400, { ok: false, error: { code: 'ipc/invalid-argument' } }]);
          return;
        }
        expect(response.status).toBe(200);
        expect(result).toEqual(JSON.parse(JSON.stringify(await dispatch(channel, arg))));
      }),
      { numRuns: 300 },
    );
  });
});
