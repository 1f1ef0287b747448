import { describe, expect, it } from 'vitest';
import { BATCH_ENDPOINT } from '../../../../src/shared/channels';
import { fail, ok, type Result } from '../../../../src/shared/result';
import { createBatcher, type Post } from '../../../../src/renderer/src/api/loopback-batch';

/** A Post that answers each channel with its own argument, and a batch with each call's. */
function echoPost(sent: { channel: string; arg: unknown }[]): Post {
  return async (channel, arg) => {
    sent.push({ channel, arg });
    if (channel !== BATCH_ENDPOINT) return ok({ channel, arg });
    return ok((arg as { channel: string; arg?: unknown }[]).map((c) => ok({ channel: c.channel, arg: c.arg })));
  };
}

describe('createBatcher', () => {
  it('sends the calls made in one turn as one batch and gives each call its own result', async () => {
    const sent: { channel: string; arg: unknown }[] = [];
    const call = createBatcher(echoPost(sent));
    const results = await Promise.all([call('recording:window', { startSec: 10 }), call('review:beats', { startSec: 0 }), call('review:noise', { startSec: 0 })]);
    expect(sent.map((s) => s.channel)).toEqual([BATCH_ENDPOINT]);
    expect(sent[0]?.arg).toEqual([{ channel: 'recording:window', arg: { startSec: 10 } }, { channel: 'review:beats', arg: { startSec: 0 } }, { channel: 'review:noise', arg: { startSec: 0 } }]);
    expect(results).toEqual([
      ok({ channel: 'recording:window', arg: { startSec: 10 } }),
      ok({ channel: 'review:beats', arg: { startSec: 0 } }),
      ok({ channel: 'review:noise', arg: { startSec: 0 } }),
    ]);
  });

  it('sends a call made alone to its own channel, and calls of later turns apart', async () => {
    const sent: { channel: string; arg: unknown }[] = [];
    const call = createBatcher(echoPost(sent));
    expect(await call('review:beats', { startSec: 30 })).toEqual(ok({ channel: 'review:beats', arg: { startSec: 30 } }));
    await call('review:noise', { startSec: 30 });
    expect(sent.map((s) => s.channel)).toEqual(['review:beats', 'review:noise']);
  });

  it('fails every call of a batch the server refused, with its error', async () => {
    const refused: Post = async () => fail({ code: 'ipc/unauthorized', message: 'no token' });
    const call = createBatcher(refused);
    const results = await Promise.all([call('review:beats', {}), call('review:noise', {})]);
    expect(results.map((r: Result<unknown>) => (r.ok ? null : r.error.code))).toEqual(['ipc/unauthorized', 'ipc/unauthorized']);
  });

  it('fails every call when the answer does not list one result per call', async () => {
    const short: Post = async () => ok([ok(1)]);
    const call = createBatcher(short);
    const results = await Promise.all([call('review:beats', {}), call('review:noise', {})]);
    expect(results.map((r: Result<unknown>) => (r.ok ? null : r.error.code))).toEqual(['internal', 'internal']);
  });
});
