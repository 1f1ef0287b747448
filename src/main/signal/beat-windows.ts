/**
 * Fixed-length beat windows around R peaks, at the model's sample rate, in one contiguous
 * Float32Array (beat i occupies [i × length, (i + 1) × length)) — the layout the models read.
 *
 * Steps: (1) resample the whole signal to the model rate when the rates differ
 * (./resample: windowed sinc, anti-aliased); (2) put each R peak on the nearest model-rate
 * sample (at most half a sample off: 4 ms at 125 Hz, 0 at 360 Hz from 360 Hz); (3) cut the
 * window; (4) normalise it; (5) pad what lies outside the record.
 *
 * Two placements:
 * - `centred` (seed 002: 360 samples at 360 Hz, 180 before the R peak and 180 from it, z-score
 *   per beat): window [R − before, R − before + length).
 * - `rr-scaled` (seeds 000/001, the Kaggle "ECG Heartbeat Categorization" CSVs of Kachuee,
 *   Fazeli and Sarrafzadeh, arXiv:1805.00794, 2018): their recipe was — resample to 125 Hz; cut
 *   the record into 10-s blocks; scale each block to [0, 1]; find R peaks (local maxima above
 *   0.9); take T = the median RR of the block; for each R peak keep 1.2 T samples starting AT
 *   the peak; zero-pad to 187. We reproduce that with the R peaks given (reference
 *   annotations or a detector instead of their 0.9 threshold), blocks aligned on the record
 *   start, T = median of the RR intervals between beats inside the beat's block (the beat's
 *   own nearest RR when the block holds one beat), min–max over the block (`minmaxScope:
 *   'block'`, values clamped to [0, 1]) or over the beat alone (`'beat'`), and 1.2 T capped at
 *   187 samples (the cut is flagged TRUNCATED).
 *
 * Padding outside the record: `edge` repeats the first/last sample, `zero` writes 0 after
 * normalisation; either way the beat is flagged START_EDGE / END_EDGE and nothing is dropped.
 * The rr-scaled tail after 1.2 T is always 0 (that is the Kaggle zero padding, not an edge).
 * Invalid samples (NaN, e.g. a WFDB invalid-sample gap, or spread from one by resampling) are
 * left out of the normalisation statistics, written as 0 and flagged INVALID.
 */
import { resample } from './resample';
import { affineFor, statsOf, WINDOW_FLAGS, type BeatNormalisation, type Stats } from './beat-normalise';
import { medianInPlace } from './median';
import { neighbourDifferences } from './neighbour-difference';

export { WINDOW_FLAGS, type BeatNormalisation } from './beat-normalise';

/** How a window sits around its R peak. */
export type WindowPlacement =
  | { kind: 'centred'; /** Model-rate samples before the R peak. */ beforeSamples: number }
  | {
      kind: 'rr-scaled';
      /** Window span = rrFactor × median RR of the block (Kaggle: 1.2). */
      rrFactor: number;
      /** Block length for the median RR and block min–max, seconds (Kaggle: 10). */
      blockSec: number;
    };

/** Everything that shapes a beat window; part of the beat cache key. */
export interface BeatWindowConfig {
  /** Sample rate of the windows (the model's input rate), Hz. */
  rateHz: number;
  /** Samples per window at `rateHz`. */
  length: number;
  placement: WindowPlacement;
  normalisation: BeatNormalisation;
  /** minmax01 statistics over the beat's samples (default) or its rr-scaled block. */
  minmaxScope?: 'beat' | 'block';
  /** What stands for samples beyond the record's ends. */
  padding: 'edge' | 'zero';
  /**
   * Also each beat's difference from the median of its `neighbours` beats on each side
   * (./neighbour-difference), a second input beside the window; absent: the window alone.
   */
  difference?: { neighbours: number };
}

/** Beat windows of one record. */
export interface BeatWindows {
  count: number;
  /** Samples per window. */
  length: number;
  rateHz: number;
  /** count × length values, beat after beat. */
  data: Float32Array;
  /** WINDOW_FLAGS bits per beat. */
  flags: Uint8Array;
  /** Position of the R peak inside every window (0 for rr-scaled windows). */
  rIndex: number;
  /** count × length differences from the neighbours (config `difference`), else null. */
  differences: Float32Array | null;
}

/** Seed 002: 1 s at 360 Hz centred on the R peak (180 before, 180 from it), z-score per beat. */
export const SEED_002_WINDOW: BeatWindowConfig = Object.freeze({
  rateHz: 360,
  length: 360,
  placement: Object.freeze({ kind: 'centred', beforeSamples: 180 }),
  normalisation: 'zscore',
  padding: 'edge',
}) as BeatWindowConfig;

/** Seeds 000/001: Kaggle heartbeat CSV rows — 125 Hz, 187 samples from the R peak, [0, 1], zero-padded. */
export const KAGGLE_187_WINDOW: BeatWindowConfig = Object.freeze({
  rateHz: 125,
  length: 187,
  placement: Object.freeze({ kind: 'rr-scaled', rrFactor: 1.2, blockSec: 10 }),
  normalisation: 'minmax01',
  minmaxScope: 'block',
  padding: 'zero',
}) as BeatWindowConfig;

/**
 * A centred config from durations: `beforeSec` before the R peak and `afterSec` from it, both
 * rounded to whole samples at `rateHz`.
 */
export function centredWindowConfig(options: {
  rateHz: number;
  beforeSec: number;
  afterSec: number;
  normalisation: BeatNormalisation;
  padding?: 'edge' | 'zero';
}): BeatWindowConfig {
  const beforeSamples = Math.round(options.beforeSec * options.rateHz);
  const length = beforeSamples + Math.round(options.afterSec * options.rateHz);
  return {
    rateHz: options.rateHz,
    length,
    placement: { kind: 'centred', beforeSamples },
    normalisation: options.normalisation,
    padding: options.padding ?? 'edge',
  };
}

function checkConfig(config: BeatWindowConfig, fs: number): void {
  const { length, placement } = config;
  for (const [name, hz] of [['fs', fs], ['rateHz', config.rateHz]] as const) {
    if (!(hz > 0) || !Number.isFinite(hz)) throw new RangeError(`beat windows: ${name} must be a positive rate in Hz, got ${hz}`);
  }
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`beat windows: length must be a positive integer, got ${length}`);
  if (placement.kind === 'centred' && !Number.isInteger(placement.beforeSamples)) {
    throw new RangeError(`beat windows: beforeSamples must be an integer, got ${placement.beforeSamples}`);
  }
  if (config.difference && !(Number.isInteger(config.difference.neighbours) && config.difference.neighbours >= 1)) {
    throw new RangeError(`beat windows: difference.neighbours must be an integer ≥ 1, got ${config.difference.neighbours}`);
  }
  if (placement.kind === 'rr-scaled' && !(placement.rrFactor > 0 && placement.blockSec > 0)) {
    throw new RangeError('beat windows: rrFactor and blockSec must be positive');
  }
}

/** Window view of beat `index` (no copy). */
export function windowAt(windows: BeatWindows, index: number): Float32Array {
  return windows.data.subarray(index * windows.length, (index + 1) * windows.length);
}

/**
 * Cuts one window per R peak. `signal` is one lead at `fs` Hz (physical units, NaN where
 * invalid); `rPeaks` are sample indices at `fs`, in any order (peaks outside the record give
 * an all-padding window, flagged). Throws RangeError on a bad config or rate.
 */
export function extractBeatWindows(
  signal: Float64Array | Float32Array,
  fs: number,
  rPeaks: ArrayLike<number>,
  config: BeatWindowConfig,
): BeatWindows {
  checkConfig(config, fs);
  // One concrete array type keeps the per-sample loops monomorphic.
  const x = fs !== config.rateHz ? resample(signal, fs, config.rateHz) : signal instanceof Float64Array ? signal : Float64Array.from(signal);
  const scale = config.rateHz / fs;
  const peaks = new Int32Array(rPeaks.length);
  for (let i = 0; i < peaks.length; i++) peaks[i] = Math.round(rPeaks[i]! * scale);
  const out: BeatWindows = {
    count: peaks.length,
    length: config.length,
    rateHz: config.rateHz,
    data: new Float32Array(peaks.length * config.length),
    flags: new Uint8Array(peaks.length),
    rIndex: config.placement.kind === 'centred' ? config.placement.beforeSamples : 0,
    differences: null,
  };
  const spans = windowSpans(x, peaks, config);
  const memo: StatsMemo = { from: 0, to: -1, stats: null };
  for (let i = 0; i < peaks.length; i++) {
    out.flags[i] = cutOne(x, spans, i, config, windowAt(out, i), memo);
  }
  if (config.difference) {
    // The neighbours' median is taken in signal units: per-beat normalisation would
    // scale each beat to its own spread and hide what the difference is for.
    const raw = new Float32Array(out.data.length);
    const rawConfig: BeatWindowConfig = { ...config, normalisation: 'none' };
    for (let i = 0; i < peaks.length; i++) cutOne(x, spans, i, rawConfig, raw.subarray(i * config.length, (i + 1) * config.length), memo);
    const order = Array.from(peaks.keys()).sort((a, b) => peaks[a]! - peaks[b]! || a - b);
    out.differences = neighbourDifferences(raw, config.length, order, config.difference.neighbours);
  }
  return out;
}

/** Where each window starts, how many samples it takes from the signal, and its stats range. */
interface Spans {
  start: Int32Array;
  taken: Int32Array;
  truncated: Uint8Array;
  /** [statsFrom, statsTo) per beat for block min–max, else the window itself. */
  statsFrom: Int32Array;
  statsTo: Int32Array;
}

function windowSpans(x: Float64Array, peaks: Int32Array, config: BeatWindowConfig): Spans {
  const n = peaks.length;
  const spans: Spans = {
    start: new Int32Array(n),
    taken: new Int32Array(n).fill(config.length),
    truncated: new Uint8Array(n),
    statsFrom: new Int32Array(n),
    statsTo: new Int32Array(n),
  };
  const { placement } = config;
  if (placement.kind === 'centred') {
    for (let i = 0; i < n; i++) spans.start[i] = peaks[i]! - placement.beforeSamples;
  } else {
    rrScaledSpans(x.length, peaks, config.rateHz, placement, config.length, spans);
  }
  const blockStats = placement.kind === 'rr-scaled' && config.minmaxScope === 'block';
  if (!blockStats) {
    for (let i = 0; i < n; i++) {
      spans.statsFrom[i] = spans.start[i]!;
      spans.statsTo[i] = spans.start[i]! + spans.taken[i]!;
    }
  }
  return spans;
}

/** Kaggle placement: start at R, span round(rrFactor × T) with T the block's median RR. */
function rrScaledSpans(
  signalLength: number,
  peaks: Int32Array,
  rateHz: number,
  placement: { rrFactor: number; blockSec: number },
  length: number,
  spans: Spans,
): void {
  const block = Math.max(1, Math.round(placement.blockSec * rateHz));
  const order = Array.from(peaks.keys()).sort((a, b) => peaks[a]! - peaks[b]!);
  for (let o = 0; o < order.length; ) {
    const blockIndex = Math.floor(peaks[order[o]!]! / block);
    let end = o;
    while (end < order.length && Math.floor(peaks[order[end]!]! / block) === blockIndex) end++;
    const intervals: number[] = [];
    for (let k = o + 1; k < end; k++) intervals.push(peaks[order[k]!]! - peaks[order[k - 1]!]!);
    for (let k = o; k < end; k++) {
      const beat = order[k]!;
      let rr = intervals.length > 0 ? medianInPlace(intervals.slice()) : nearestInterval(peaks, order, k);
      if (!(rr > 0)) rr = length / placement.rrFactor;
      const span = Math.max(1, Math.round(placement.rrFactor * rr));
      spans.start[beat] = peaks[beat]!;
      spans.taken[beat] = Math.min(length, span);
      spans.truncated[beat] = span > length ? 1 : 0;
      spans.statsFrom[beat] = Math.max(0, blockIndex * block);
      spans.statsTo[beat] = Math.min(signalLength, (blockIndex + 1) * block);
    }
    o = end;
  }
}

/** Next RR of the beat at sorted position k, or its previous RR at the last beat; 0 when alone. */
function nearestInterval(peaks: Int32Array, order: number[], k: number): number {
  const here = peaks[order[k]!]!;
  if (k + 1 < order.length) return peaks[order[k + 1]!]! - here;
  if (k > 0) return here - peaks[order[k - 1]!]!;
  return 0;
}

/** Last statistics computed: beats of one block share their block's statistics. */
interface StatsMemo {
  from: number;
  to: number;
  stats: Stats | null;
}

function statsFor(x: Float64Array, from: number, to: number, memo: StatsMemo): Stats {
  if (memo.stats === null || memo.from !== from || memo.to !== to) {
    memo.stats = statsOf(x, from, to);
    memo.from = from;
    memo.to = to;
  }
  return memo.stats;
}

/**
 * Fills `out` with beat i's window in one pass: signal value (edge-repeated outside the
 * record), normalised; 0 for invalid samples, for the outside with zero padding, and after
 * the rr-scaled span. Returns the beat's flags.
 */
function cutOne(x: Float64Array, spans: Spans, i: number, config: BeatWindowConfig, out: Float32Array, memo: StatsMemo): number {
  const start = spans.start[i]!;
  const taken = spans.taken[i]!;
  const last = x.length - 1;
  let flags = spans.truncated[i] ? WINDOW_FLAGS.TRUNCATED : 0;
  if (start < 0) flags |= WINDOW_FLAGS.START_EDGE;
  if (start + taken - 1 > last) flags |= WINDOW_FLAGS.END_EDGE;
  const stats = config.normalisation === 'none' ? null : statsFor(x, spans.statsFrom[i]!, spans.statsTo[i]!, memo);
  const { offset, scale, clamp01, flat } = affineFor(stats, config);
  if (flat) flags |= WINDOW_FLAGS.FLAT;
  const zeroOutside = config.padding === 'zero';
  for (let j = 0; j < taken; j++) {
    const index = start + j;
    const outside = index < 0 || index > last;
    const v = last < 0 ? Number.NaN : x[index < 0 ? 0 : index > last ? last : index]!;
    if (v - v !== 0) {
      flags |= WINDOW_FLAGS.INVALID; // NaN or ±Infinity
      out[j] = 0;
    } else if (flat || (outside && zeroOutside)) {
      out[j] = 0;
    } else {
      const y = (v - offset) * scale;
      out[j] = clamp01 ? (y < 0 ? 0 : y > 1 ? 1 : y) : y;
    }
  }
  out.fill(0, taken);
  return flags;
}
