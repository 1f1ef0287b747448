/**
 * `POST /api/batch` (src/shared/channels.ts BATCH_ENDPOINT): several calls in one request.
 * Each call goes through the same dispatcher as one sent alone (channel check, argument
 * validation, the reviewer gate, errors as Results), and they run concurrently; the answer
 * lists their Results in the order asked. A body that is not a list of 1 to MAX_BATCH_CALLS
 * `{ channel, arg }` objects is refused as a whole with `ipc/invalid-argument`.
 */
import { MAX_BATCH_CALLS } from '../../shared/channels';
import { fail, ok, type Result } from '../../shared/result';
import type { Dispatch } from '../ipc/dispatch';

/** One call of a batch as the client sends it. */
interface BatchItem {
  channel: string;
  arg?: unknown;
}

function isBatchItem(value: unknown): value is BatchItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { channel?: unknown }).channel === 'string';
}

/** Dispatches every call of `body`; never throws. */
export async function dispatchBatch(dispatch: Dispatch, body: unknown): Promise<Result<Result<unknown>[]>> {
  if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH_CALLS || !body.every(isBatchItem)) {
    return fail({
      code: 'ipc/invalid-argument',
      message: `A batch is a list of 1 to ${MAX_BATCH_CALLS} calls, each { channel, arg }.`,
    });
  }
  return ok(await Promise.all(body.map((item) => dispatch(item.channel, item.arg))));
}
