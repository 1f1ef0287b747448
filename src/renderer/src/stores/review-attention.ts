/**
 * The review store's cache of heatmaps (not a store). A heatmap (the model's attention or
 * its Grad-CAM map) is computed on demand by the services (a model run per beat), and a
 * beat's map does not change with edits (it is the model's view of the signal), so it is
 * kept per beat id and method for the whole review and only the missing beats are asked for.
 */
import type { RendererApi } from '../api';
import type { BeatAttention, HeatmapMethod } from '../../../shared/review';
import { CallError } from './recording-tiles';

/** Beats one `review:attention` call may ask for (the contract's limit). */
export const MAX_ATTENTION_BEATS = 400;
/** Maps kept: a few hundred pages' worth. */
const MAX_KEPT = 6000;

/** The cache key of a beat's map by one method. */
export function heatmapKey(beatId: number, method: HeatmapMethod): string {
  return `${method}:${beatId}`;
}

export class AttentionCache {
  private readonly cache = new Map<string, BeatAttention>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly api: RendererApi,
    readonly recordingId: string,
  ) {}

  /** Maps by `method` of the beats `ids` that the services could compute, in the order asked. Throws CallError. */
  async get(ids: readonly number[], method: HeatmapMethod = 'attention'): Promise<BeatAttention[]> {
    const keys = ids.map((id) => heatmapKey(id, method));
    const missing = ids.filter((_, i) => !this.cache.has(keys[i]!) && !this.pending.has(keys[i]!)).slice(0, MAX_ATTENTION_BEATS);
    if (missing.length > 0) {
      const load = this.load(missing, method);
      const loading = missing.map((id) => heatmapKey(id, method));
      for (const key of loading) this.pending.set(key, load);
      load.finally(() => loading.forEach((key) => this.pending.delete(key))).catch(() => undefined);
    }
    await Promise.all(keys.map((key) => this.pending.get(key)).filter((p) => p !== undefined));
    return keys.map((key) => this.cache.get(key)).filter((a): a is BeatAttention => a !== undefined);
  }

  private async load(ids: number[], method: HeatmapMethod): Promise<void> {
    const result = await this.api.calls['review:attention']({ recordingId: this.recordingId, beatIds: ids, method });
    if (!result.ok) throw new CallError(result.error);
    for (const item of result.value) this.cache.set(heatmapKey(item.beatId, method), item);
    while (this.cache.size > MAX_KEPT) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
