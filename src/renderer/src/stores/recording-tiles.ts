/**
 * The recording store's cache of signal and annotation data. The record is cut into fixed
 * tiles of TILE_SEC seconds aligned on multiples of TILE_SEC from the start; a page is
 * assembled from the tiles it overlaps. Tiles are cached (most recently used kept), so that
 * paging to a prefetched neighbour, scrolling by a few pixels or coming back costs no call.
 * A failed tile is dropped from the cache so that the next request retries it.
 */
import type { RendererApi } from '../api';
import type { AnnotationMark, RecordingInfo, SignalWindow } from '../../../shared/domain';
import type { ErrorInfo } from '../../../shared/result';
import type { FlatXY } from '../../../shared/charts/types';

/** Seconds per tile: a whole number of frames at every common rate (128…1000 Hz). */
export const TILE_SEC = 10;
/** Tiles kept in memory: at 360 Hz, 2 signals, about 3.5 MB of points. */
const MAX_TILES = 48;

/** A call that failed, carrying the service's error (message names the file and problem). */
export class CallError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'CallError';
    this.info = info;
  }
}

/** Samples of every signal over part of a record: flat (seconds, value) pairs per lane. */
export interface PageSignals {
  lanes: FlatXY[];
}

/**
 * Converts a window's values to flat points at their times, NaN where a sample is invalid;
 * decimated (min, max) pairs sit at the middle of their bin.
 */
export function windowToLanes(window: SignalWindow): FlatXY[] {
  const fs = window.frameRateHz;
  return window.signals.map((signal) => {
    const values = signal.values;
    const out = new Float64Array(2 * values.length);
    const spf = Math.max(1, signal.samplesPerFrame);
    const bin = signal.decimated?.framesPerBin ?? 0;
    for (let j = 0; j < values.length; j++) {
      const frame = signal.decimated ? ((j >> 1) + 0.5) * bin : j / spf;
      out[2 * j] = (window.startFrame + frame) / fs;
      out[2 * j + 1] = values[j] ?? NaN;
    }
    return out;
  });
}

/** Joins flat arrays end to end. */
export function concatPoints(parts: readonly FlatXY[]): FlatXY {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Index of the first point whose time is ≥ `sec` (points sorted by time). */
function firstPointAtOrAfter(points: FlatXY, sec: number): number {
  let lo = 0;
  let hi = points.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[2 * mid] as number) < sec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices of the tiles overlapping [fromSec, toSec), clamped at 0 and at the record's end. */
export function tilesFor(fromSec: number, toSec: number, recordSec: number | null): number[] {
  const last = recordSec === null ? Infinity : Math.max(0, Math.ceil(recordSec / TILE_SEC) - 1);
  const first = Math.max(0, Math.floor(fromSec / TILE_SEC));
  const end = Math.min(last, Math.ceil(toSec / TILE_SEC) - 1);
  const out: number[] = [];
  for (let k = first; k <= end; k++) out.push(k);
  return out;
}

/**
 * The points within [from, to] plus one on each side, so that the line reaches the edges.
 * A view on the same memory (subarray), not a copy.
 */
export function clipPoints(points: FlatXY, fromSec: number, toSec: number): FlatXY {
  const n = points.length >> 1;
  const lo = Math.max(0, firstPointAtOrAfter(points, fromSec) - 1);
  let hi = firstPointAtOrAfter(points, toSec);
  if (hi < n && points[2 * hi] === toSec) hi++;
  hi = Math.min(n, hi + 1);
  return points.subarray(2 * lo, 2 * Math.max(lo, hi));
}

/** Concatenates annotation lists, dropping repeats of a sample (tiles may share an edge). */
export function mergeMarks(lists: readonly AnnotationMark[][]): AnnotationMark[] {
  const seen = new Set<string>();
  const out: AnnotationMark[] = [];
  for (const list of lists) {
    for (const mark of list) {
      const key = `${mark.sample}|${mark.chan}|${mark.num}|${mark.symbol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(mark);
    }
  }
  return out.sort((a, b) => a.sample - b.sample);
}

/** Tile cache for one open recording. */
export class RecordingTiles {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly api: RendererApi,
    readonly info: RecordingInfo,
  ) {}

  /** Signal points of every lane over [fromSec, toSec). Throws CallError. */
  async signals(fromSec: number, toSec: number): Promise<PageSignals> {
    const tiles = await Promise.all(tilesFor(fromSec, toSec, this.info.durationSec).map((k) => this.signalTile(k)));
    const laneCount = this.info.signals.length;
    const lanes: FlatXY[] = [];
    for (let s = 0; s < laneCount; s++) {
      const parts = tiles.map((tile) => clipPoints(tile[s] ?? new Float64Array(0), fromSec, toSec));
      lanes.push(concatPoints(parts));
    }
    return { lanes };
  }

  /** Annotations of `annotator` over [fromSec, toSec). Throws CallError. */
  async marks(annotator: string, fromSec: number, toSec: number): Promise<AnnotationMark[]> {
    const tiles = await Promise.all(tilesFor(fromSec, toSec, this.info.durationSec).map((k) => this.markTile(annotator, k)));
    return mergeMarks(tiles).filter((m) => m.timeSec >= fromSec && m.timeSec < toSec);
  }

  /** Starts loading the tiles of [fromSec, toSec) without waiting; errors are ignored here. */
  prefetch(fromSec: number, toSec: number, annotator: string | null): void {
    for (const k of tilesFor(fromSec, toSec, this.info.durationSec)) {
      this.signalTile(k).catch(() => undefined);
      if (annotator) this.markTile(annotator, k).catch(() => undefined);
    }
  }

  private signalTile(k: number): Promise<FlatXY[]> {
    return this.cached(`s|${k}`, async () => {
      const startSec = k * TILE_SEC;
      const durationSec = this.tileDuration(startSec);
      const frames = Math.ceil(durationSec * this.info.frameRateHz);
      const perFrame = Math.max(1, ...this.info.signals.map((s) => s.samplesPerFrame));
      // Ask for every sample: the strip is drawn at full resolution.
      const maxPoints = Math.min(1_000_000, Math.max(16, frames * perFrame + perFrame));
      const result = await this.api.calls['recording:window']({ recordingId: this.info.id, startSec, durationSec, maxPoints });
      if (!result.ok) throw new CallError(result.error);
      return windowToLanes(result.value);
    });
  }

  private markTile(annotator: string, k: number): Promise<AnnotationMark[]> {
    return this.cached(`a|${annotator}|${k}`, async () => {
      const startSec = k * TILE_SEC;
      const endSec = startSec + TILE_SEC;
      const result = await this.api.calls['recording:annotations']({ recordingId: this.info.id, annotator, startSec, endSec });
      if (!result.ok) throw new CallError(result.error);
      return result.value;
    });
  }

  private tileDuration(startSec: number): number {
    const total = this.info.durationSec;
    if (total === null) return TILE_SEC;
    return Math.max(1 / this.info.frameRateHz, Math.min(TILE_SEC, total - startSec));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Promise<T> | undefined;
    if (hit) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const promise = load();
    this.cache.set(key, promise);
    promise.catch(() => {
      if (this.cache.get(key) === promise) this.cache.delete(key);
    });
    while (this.cache.size > MAX_TILES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return promise;
  }
}
