/**
 * The review store's cache of beats (not a store). The record is cut into fixed tiles of
 * BEAT_TILE_SEC seconds; a page asks for the tiles it overlaps, so that paging to a
 * neighbour or scrolling by a few pixels costs no call. Beats change with every analysis
 * step and every edit, so the cache belongs to one `revision` (and one confidence threshold,
 * which decides `flagged`): asking with a newer one drops everything older, except the
 * tiles that `carryOver` keeps across a revision that only the analysis made. A tile also
 * holds the noise stretches of its span (`review:noise`: marked unreadable, no beats there),
 * which change as the beats do: only as the analysis goes forward. The tiles a request
 * lacks are asked for together, one `review:beats` and one `review:noise` call per run of
 * consecutive tiles (tile-cache.ts).
 */
import type { RendererApi } from '../api';
import type { NoiseSpan, ReviewBeat } from '../../../shared/review';
import { CallError } from './recording-tiles';
import { TileCache } from './tile-cache';

/** One tile: its beats and its noise stretches (clipped to the tile). */
export interface BeatTile {
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

/** Most beat tiles one call loads (a jump's span overlaps one or two, a prefetch one). */
const MAX_RUN_TILES = 4;

/**
 * A run of `count` tiles from `firstTile` on, shared out from one answer over the whole run:
 * each beat to the tile its time falls in (as a call for that tile alone would place it), the
 * noise stretches clipped to each tile as the services clip them.
 */
export function splitBeatRun(beats: readonly ReviewBeat[], noise: readonly NoiseSpan[], firstTile: number, count: number): BeatTile[] {
  return Array.from({ length: count }, (_, i) => {
    const from = (firstTile + i) * BEAT_TILE_SEC;
    const to = from + BEAT_TILE_SEC;
    return {
      beats: beats.filter((b) => b.timeSec >= from && b.timeSec < to),
      noise: noise.map((s) => ({ startSec: Math.max(from, s.startSec), endSec: Math.min(to, s.endSec) })).filter((s) => s.endSec > s.startSec),
    };
  });
}

/** Beats of one recording, cached by tile for the latest revision asked for. */
export class ReviewBeatCache {
  private readonly cache = new TileCache<BeatTile>(MAX_TILES);
  private generation = '';

  constructor(
    private readonly api: RendererApi,
    readonly recordingId: string,
    private readonly recordSec: number | null,
  ) {}

  /** Beats in [fromSec, toSec) in time order, as of `revision`. Throws CallError. */
  async beats(fromSec: number, toSec: number, revision: number, threshold: number): Promise<ReviewBeat[]> {
    const tiles = await Promise.all(this.tiles(fromSec, toSec, revision, threshold));
    return tiles.flatMap((t) => t.beats).filter((b) => b.timeSec >= fromSec && b.timeSec < toSec);
  }

  /** Noise stretches overlapping [fromSec, toSec), clipped to it, as of `revision` (from the same tiles as `beats`). Throws CallError. */
  async noise(fromSec: number, toSec: number, revision: number, threshold: number): Promise<NoiseSpan[]> {
    const tiles = await Promise.all(this.tiles(fromSec, toSec, revision, threshold));
    const clipped = tiles
      .flatMap((t) => t.noise)
      .map((s) => ({ startSec: Math.max(fromSec, s.startSec), endSec: Math.min(toSec, s.endSec) }))
      .filter((s) => s.endSec > s.startSec);
    return joinSpans(clipped);
  }

  /** Starts loading the tiles of [fromSec, toSec) without waiting; errors are ignored here. */
  prefetch(fromSec: number, toSec: number, revision: number, threshold: number): void {
    for (const tile of this.tiles(fromSec, toSec, revision, threshold)) tile.catch(() => undefined);
  }

  /**
   * Keeps the tiles that end before `validBeforeSec` for revision `toRevision`, when the
   * cache holds `fromRevision` and the revisions between them changed no beat before that
   * time: analysis steps (the analysis goes forward and adds beats only after the time it
   * had reached, so the beats before it are unchanged), or uncertainty-pass steps with
   * `validBeforeSec` = Infinity (see the review store). Everything else is dropped.
   */
  carryOver(fromRevision: number, toRevision: number, threshold: number, validBeforeSec: number): void {
    if (this.generation !== `${fromRevision}|${threshold}`) return;
    this.cache.retain((_, k) => (k + 1) * BEAT_TILE_SEC <= validBeforeSec);
    this.generation = `${toRevision}|${threshold}`;
  }

  private tiles(fromSec: number, toSec: number, revision: number, threshold: number): Promise<BeatTile>[] {
    const generation = `${revision}|${threshold}`;
    if (generation !== this.generation) {
      this.generation = generation;
      this.cache.clear();
    }
    return this.cache.get('b', beatTilesFor(fromSec, toSec, this.recordSec), (first, count) => this.load(first, count, threshold), MAX_RUN_TILES);
  }

  private async load(first: number, count: number, confidenceThreshold: number): Promise<BeatTile[]> {
    const span = { recordingId: this.recordingId, startSec: first * BEAT_TILE_SEC, endSec: (first + count) * BEAT_TILE_SEC };
    const [beats, noise] = await Promise.all([this.api.calls['review:beats']({ ...span, confidenceThreshold }), this.api.calls['review:noise'](span)]);
    if (!beats.ok) throw new CallError(beats.error);
    if (!noise.ok) throw new CallError(noise.error);
    return splitBeatRun(beats.value, noise.value, first, count);
  }
}
