/**
 * The recording store's cache of signal and annotation data. The record is cut into fixed
 * tiles of TILE_SEC seconds aligned on multiples of TILE_SEC from the start; a page is
 * assembled from the tiles it overlaps. Tiles are cached (most recently used kept), so that
 * paging to a prefetched neighbour, scrolling by a few pixels or coming back costs no call.
 * The tiles a page lacks are asked for together, one call per run of consecutive tiles
 * (tile-cache.ts), and cut into tiles here. A failed tile is dropped from the cache so that
 * the next request retries it.
 */
import type { RendererApi } from '../api';
import type { AnnotationMark, RecordingInfo, SignalWindow } from '../../../shared/domain';
import type { ErrorInfo } from '../../../shared/result';
import type { FlatXY } from '../../../shared/charts/types';
import { TileCache } from './tile-cache';

/** Seconds per tile: a whole number of frames at every common rate (128…1000 Hz). */
export const TILE_SEC = 10;
/** Tiles kept in memory: at 360 Hz, 2 signals, about 3.5 MB of points. */
const MAX_TILES = 48;
/** Most values of one signal a `recording:window` call may ask for (the contract's maxPoints bound). */
const MAX_POINTS = 1_000_000;

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

/**
 * The services' frame at `sec` (src/main/services/record-stream.ts frameAt): the first frame
 * at or after it, with the same tolerance, so that tiles cut here from a longer window hold
 * exactly the frames a window of that tile alone would.
 */
export function frameAtSec(sec: number, frameRateHz: number): number {
  return Math.max(0, Math.ceil(sec * frameRateHz - 1e-6));
}

/**
 * Cuts a window that starts on tile `firstTile`'s edge into `count` windows, one per tile
 * (the last one takes the rest). Each holds the frames a `recording:window` of that tile
 * alone would give. A decimated window cannot be cut by frame: throws CallError.
 */
export function splitWindow(window: SignalWindow, firstTile: number, count: number): SignalWindow[] {
  if (count === 1) return [window];
  if (window.signals.some((s) => s.decimated)) {
    throw new CallError({ code: 'internal', message: `A ${count}-tile signal window came back decimated and cannot be cut into tiles.` });
  }
  const clampFrame = (f: number) => Math.min(window.endFrame, Math.max(window.startFrame, f));
  const edge = (k: number) => clampFrame(frameAtSec(k * TILE_SEC, window.frameRateHz));
  return Array.from({ length: count }, (_, i) => {
    const from = edge(firstTile + i);
    const to = i === count - 1 ? window.endFrame : edge(firstTile + i + 1);
    const signals = window.signals.map((s) => {
      const spf = Math.max(1, s.samplesPerFrame);
      return { ...s, values: s.values.slice((from - window.startFrame) * spf, (to - window.startFrame) * spf) };
    });
    return { ...window, startFrame: from, endFrame: to, signals };
  });
}

/** Annotations of a run of tiles from `firstTile` on, shared out by time (each mark in exactly one tile). */
export function splitMarks(marks: readonly AnnotationMark[], firstTile: number, count: number): AnnotationMark[][] {
  const out: AnnotationMark[][] = Array.from({ length: count }, () => []);
  for (const mark of marks) {
    const i = Math.min(count - 1, Math.max(0, Math.floor(mark.timeSec / TILE_SEC) - firstTile));
    out[i]?.push(mark);
  }
  return out;
}

/** Most tiles one call loads (a jump needs two or three; the prefetch two pages ahead, three). */
const MAX_RUN_TILES = 6;

/** Tile cache for one open recording. */
export class RecordingTiles {
  private readonly cache = new TileCache<unknown>(MAX_TILES);

  constructor(
    private readonly api: RendererApi,
    readonly info: RecordingInfo,
  ) {}

  /** Signal points of every lane over [fromSec, toSec). Throws CallError. */
  async signals(fromSec: number, toSec: number): Promise<PageSignals> {
    const tiles = await Promise.all(this.signalTiles(tilesFor(fromSec, toSec, this.info.durationSec)));
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
    const tiles = await Promise.all(this.markTiles(annotator, tilesFor(fromSec, toSec, this.info.durationSec)));
    return mergeMarks(tiles).filter((m) => m.timeSec >= fromSec && m.timeSec < toSec);
  }

  /** Starts loading the tiles of [fromSec, toSec) without waiting; errors are ignored here. */
  prefetch(fromSec: number, toSec: number, annotator: string | null): void {
    const ks = tilesFor(fromSec, toSec, this.info.durationSec);
    for (const tile of this.signalTiles(ks)) tile.catch(() => undefined);
    if (annotator) for (const tile of this.markTiles(annotator, ks)) tile.catch(() => undefined);
  }

  private signalTiles(ks: readonly number[]): Promise<FlatXY[]>[] {
    return this.cache.get('s', ks, (first, count) => this.loadSignalRun(first, count), this.maxSignalRun()) as Promise<FlatXY[]>[];
  }

  private markTiles(annotator: string, ks: readonly number[]): Promise<AnnotationMark[]>[] {
    return this.cache.get(`a|${annotator}`, ks, (first, count) => this.loadMarkRun(annotator, first, count), MAX_RUN_TILES) as Promise<AnnotationMark[]>[];
  }

  /** Values one frame of every signal holds at most. */
  private perFrame(): number {
    return Math.max(1, ...this.info.signals.map((s) => s.samplesPerFrame));
  }

  /** Tiles per call such that the run is never decimated (the strip is drawn at full resolution). */
  private maxSignalRun(): number {
    const perTile = Math.ceil(TILE_SEC * this.info.frameRateHz) * this.perFrame() + this.perFrame();
    return Math.max(1, Math.min(MAX_RUN_TILES, Math.floor(MAX_POINTS / perTile)));
  }

  private async loadSignalRun(first: number, count: number): Promise<FlatXY[][]> {
    const startSec = first * TILE_SEC;
    const durationSec = this.runDuration(startSec, count);
    const frames = Math.ceil(durationSec * this.info.frameRateHz);
    const perFrame = this.perFrame();
    // Ask for every sample: the strip is drawn at full resolution.
    const maxPoints = Math.min(MAX_POINTS, Math.max(16, frames * perFrame + perFrame));
    const result = await this.api.calls['recording:window']({ recordingId: this.info.id, startSec, durationSec, maxPoints });
    if (!result.ok) throw new CallError(result.error);
    return splitWindow(result.value, first, count).map(windowToLanes);
  }

  private async loadMarkRun(annotator: string, first: number, count: number): Promise<AnnotationMark[][]> {
    const startSec = first * TILE_SEC;
    const endSec = startSec + count * TILE_SEC;
    const result = await this.api.calls['recording:annotations']({ recordingId: this.info.id, annotator, startSec, endSec });
    if (!result.ok) throw new CallError(result.error);
    return splitMarks(result.value, first, count);
  }

  /** Seconds of `count` tiles from `startSec`, cut at the record's end. */
  private runDuration(startSec: number, count: number): number {
    const total = this.info.durationSec;
    if (total === null) return count * TILE_SEC;
    return Math.max(1 / this.info.frameRateHz, Math.min(count * TILE_SEC, total - startSec));
  }
}
