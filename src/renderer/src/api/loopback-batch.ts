/**
 * Batching for the loopback client: the page-data calls made in one turn of the event loop
 * travel as one `POST /api/batch` (src/shared/channels.ts BATCH_ENDPOINT). A jump on the
 * review screen asks for the page's signals, beats and noise at once; sent as three requests,
 * each costs the renderer a fetch and an answer to handle, the browser's network service a
 * request, and the server a turn, and on a loaded 2-core machine the page waits for the last
 * of them. A call made alone goes to its own `/api/<channel>` as before.
 */
import { BATCH_ENDPOINT, type CallChannelName } from '../../../shared/channels';
import { fail, type ErrorInfo, type Result } from '../../../shared/result';

/** The calls that are batched: the page data the strip waits for (read-only, answered quickly). */
export const BATCHED_CHANNELS: ReadonlySet<CallChannelName> = new Set<CallChannelName>(['recording:window', 'recording:annotations', 'review:beats', 'review:noise', 'review:rhythm']);

/** Sends one request: the channel (or BATCH_ENDPOINT) and its JSON body; resolves to the answer's Result. */
export type Post = (channel: string, arg: unknown) => Promise<Result<unknown>>;

interface Queued {
  channel: CallChannelName;
  arg: unknown;
  resolve: (result: Result<unknown>) => void;
}

/** A function that queues a call and sends the queue at the end of the current task's microtasks. */
export function createBatcher(post: Post): (channel: CallChannelName, arg: unknown) => Promise<Result<unknown>> {
  let queue: Queued[] = [];

  async function send(): Promise<void> {
    const batch = queue;
    queue = [];
    if (batch.length === 1) {
      const [only] = batch as [Queued];
      only.resolve(await post(only.channel, only.arg));
      return;
    }
    const answer = await post(BATCH_ENDPOINT, batch.map(({ channel, arg }) => (arg === undefined ? { channel } : { channel, arg })));
    batch.forEach((call, i) => call.resolve(resultAt(answer, i, batch.length)));
  }

  return (channel, arg) =>
    new Promise((resolve) => {
      if (queue.length === 0) queueMicrotask(() => void send());
      queue.push({ channel, arg, resolve });
    });
}

/** The `i`-th call's Result from a batch's answer; a failed batch fails each of its calls. */
function resultAt(answer: Result<unknown>, i: number, count: number): Result<unknown> {
  if (!answer.ok) return fail(answer.error);
  const results = answer.value;
  if (!Array.isArray(results) || results.length !== count) {
    const info: ErrorInfo = { code: 'internal', message: `The server answered a batch of ${count} calls with ${Array.isArray(results) ? results.length : 'no list of'} results.` };
    return fail(info);
  }
  return results[i] as Result<unknown>;
}
