/**
 * The review store's cache of attention weights (not a store). Attention is computed on
 * demand by the services (a model run per beat), and a beat's attention does not change
 * with edits (it is the model's view of the signal), so it is kept per beat id for the
 * whole review and only the missing beats are asked for.
 */
import type { RendererApi } from '../api';
import type { BeatAttention } from '../../../shared/review';
import { CallError } from './recording-tiles';

/** Beats one `review:attention` call may ask for (the contract's limit). */
export const MAX_ATTENTION_BEATS = 400;
/** Beats kept: a few hundred pages' worth. */
const MAX_KEPT = 6000;

export class AttentionCache {
  private readonly cache = new Map<number, BeatAttention>();
  private readonly pending = new Map<number, Promise<void>>();

  constructor(
    private readonly api: RendererApi,
    readonly recordingId: string,
  ) {}

  /** Attention of the beats `ids` that the services could compute, in the order asked. Throws CallError. */
  async get(ids: readonly number[]): Promise<BeatAttention[]> {
    const missing = ids.filter((id) => !this.cache.has(id) && !this.pending.has(id)).slice(0, MAX_ATTENTION_BEATS);
    if (missing.length > 0) {
      const load = this.load(missing);
      for (const id of missing) this.pending.set(id, load);
      load.finally(() => missing.forEach((id) => this.pending.delete(id))).catch(() => undefined);
    }
    await Promise.all(ids.map((id) => this.pending.get(id)).filter((p) => p !== undefined));
    return ids.map((id) => this.cache.get(id)).filter((a): a is BeatAttention => a !== undefined);
  }

  private async load(ids: number[]): Promise<void> {
    const result = await this.api.calls['review:attention']({ recordingId: this.recordingId, beatIds: ids });
    if (!result.ok) throw new CallError(result.error);
    for (const item of result.value) this.cache.set(item.beatId, item);
    while (this.cache.size > MAX_KEPT) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
