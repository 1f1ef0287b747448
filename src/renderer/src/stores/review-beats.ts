/**
 * The review store's cache of beats (not a store). The record is cut into fixed tiles of
 * BEAT_TILE_SEC seconds; a page asks for the tiles it overlaps, so that paging to a
 * neighbour or scrolling by a few pixels costs no call. Beats change with every analysis
 * step and every edit, so the cache belongs to one `revision` (and one confidence threshold,
 * which decides `flagged`): asking with a newer one drops everything older, except the
 * tiles that `carryOver` keeps across a revision that only the analysis made. A tile also
 * holds the noise stretches of its span (`review:noise`: marked unreadable, no beats there),
 * which change as the beats do: only as the analysis goes forward.
 */
import type { RendererApi } from '../api';
import type { NoiseSpan, ReviewBeat } from '../../../shared/review';
import { CallError } from './recording-tiles';

/** One tile: its beats and its noise stretches (clipped to the tile). */
interface BeatTile {
  beats: ReviewBeat[];
  noise: NoiseSpan[];
}

/** Spans in time order with touching or overlapping ones joined (a stretch cut by tile edges is one again). */
export function joinSpans(spans: readonly NoiseSpan[]): NoiseSpan[] {
  const out: NoiseSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.startSec <= last.endSec) last.endSec = Math.max(last.endSec, s.endSec);
    else out.push({ startSec: s.startSec, endSec: s.endSec });
  }
  return out;
}

/** Seconds per beat tile: about 40 beats at a normal rate; a page overlaps one or two. */
export const BEAT_TILE_SEC = 30;
/** Tiles kept per revision: about 50 minutes of record around the places looked at. */
const MAX_TILES = 100;

/** Indices of the beat tiles overlapping [fromSec, toSec), from tile 0 up. */
export function beatTilesFor(fromSec: number, toSec: number, recordSec: number | null): number[] {
  const last = recordSec === null ? Infinity : Math.max(0, Math.ceil(recordSec / BEAT_TILE_SEC) - 1);
  const first = Math.max(0, Math.floor(fromSec / BEAT_TILE_SEC));
  const end = Math.min(last, Math.ceil(toSec / BEAT_TILE_SEC) - 1);
  const out: number[] = [];
  for (let k = first; k <= end; k++) out.push(k);
  return out;
}

/** Beats of one recording, cached by tile for the latest revision asked for. */
export class ReviewBeatCache {
  private readonly cache = new Map<number, Promise<BeatTile>>();
  private generation = '';

  constructor(
    private readonly api: RendererApi,
    readonly recordingId: string,
    private readonly recordSec: number | null,
  ) {}

  /** Beats in [fromSec, toSec) in time order, as of `revision`. Throws CallError. */
  async beats(fromSec: number, toSec: number, revision: number, threshold: number): Promise<ReviewBeat[]> {
    const tiles = await Promise.all(beatTilesFor(fromSec, toSec, this.recordSec).map((k) => this.tile(k, revision, threshold)));
    return tiles.flatMap((t) => t.beats).filter((b) => b.timeSec >= fromSec && b.timeSec < toSec);
  }

  /** Noise stretches overlapping [fromSec, toSec), clipped to it, as of `revision` (from the same tiles as `beats`). Throws CallError. */
  async noise(fromSec: number, toSec: number, revision: number, threshold: number): Promise<NoiseSpan[]> {
    const tiles = await Promise.all(beatTilesFor(fromSec, toSec, this.recordSec).map((k) => this.tile(k, revision, threshold)));
    const clipped = tiles
      .flatMap((t) => t.noise)
      .map((s) => ({ startSec: Math.max(fromSec, s.startSec), endSec: Math.min(toSec, s.endSec) }))
      .filter((s) => s.endSec > s.startSec);
    return joinSpans(clipped);
  }

  /** Starts loading the tiles of [fromSec, toSec) without waiting; errors are ignored here. */
  prefetch(fromSec: number, toSec: number, revision: number, threshold: number): void {
    for (const k of beatTilesFor(fromSec, toSec, this.recordSec)) this.tile(k, revision, threshold).catch(() => undefined);
  }

  /**
   * Keeps the tiles that end before `validBeforeSec` for revision `toRevision`, when the
   * cache holds `fromRevision` and the revisions between them were analysis steps only: the
   * analysis goes forward and adds beats only after the time it had reached, so the beats
   * before it are unchanged. Everything else is dropped.
   */
  carryOver(fromRevision: number, toRevision: number, threshold: number, validBeforeSec: number): void {
    if (this.generation !== `${fromRevision}|${threshold}`) return;
    for (const k of [...this.cache.keys()]) {
      if ((k + 1) * BEAT_TILE_SEC > validBeforeSec) this.cache.delete(k);
    }
    this.generation = `${toRevision}|${threshold}`;
  }

  private tile(k: number, revision: number, threshold: number): Promise<BeatTile> {
    const generation = `${revision}|${threshold}`;
    if (generation !== this.generation) {
      this.generation = generation;
      this.cache.clear();
    }
    const hit = this.cache.get(k);
    if (hit) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.cache.delete(k);
      this.cache.set(k, hit);
      return hit;
    }
    const promise = this.load(k, threshold);
    this.cache.set(k, promise);
    promise.catch(() => {
      if (this.cache.get(k) === promise) this.cache.delete(k);
    });
    while (this.cache.size > MAX_TILES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return promise;
  }

  private async load(k: number, confidenceThreshold: number): Promise<BeatTile> {
    const span = { recordingId: this.recordingId, startSec: k * BEAT_TILE_SEC, endSec: (k + 1) * BEAT_TILE_SEC };
    const [beats, noise] = await Promise.all([this.api.calls['review:beats']({ ...span, confidenceThreshold }), this.api.calls['review:noise'](span)]);
    if (!beats.ok) throw new CallError(beats.error);
    if (!noise.ok) throw new CallError(noise.error);
    return { beats: beats.value, noise: noise.value };
  }
}
