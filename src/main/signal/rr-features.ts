/**
 * RR-interval features per beat, in seconds — the timing information that nearly every top
 * inter-patient classifier uses (de Chazal, O'Dwyer & Reilly, IEEE TBME 51(7), 2004;
 * see ../shared/docs/protocol.md): supraventricular beats look normal and differ mainly in
 * timing, so a beat's RR is compared with the patient's own rhythm.
 *
 * For beats at sample s[0] < s[1] < … < s[N−1] (fs Hz), with intervals d[j] = (s[j] − s[j−1]) / fs:
 * - prevRr[i] = d[i]; at the first beat, its next RR (d[1]).
 * - nextRr[i] = d[i+1]; at the last beat, its previous RR (d[N−1]).
 * - localRr[i] = mean of the last `localBeats` (10) intervals ending at beat i, d[max(1, i−9)..i]
 *   (fewer near the start); at the first beat, prevRr[0]. Causal: no future beat is used.
 * - recordRr[i] = mean of all intervals of the record, (s[N−1] − s[0]) / ((N − 1) fs), when
 *   `recordWindowSec` is null (the default: MIT-BIH records are 30 min and stable); with a
 *   window (e.g. 300 for the last 5 minutes, for long Holter records) the mean of the intervals
 *   that end within (t_i − window, t_i], and prevRr[0] at the first beat.
 * - ratios prev/local, next/prev, prev/record, local/record (1 where the denominator is 0, i.e.
 *   two beats on one sample).
 * - rrIrregularity[i]: how irregularly irregular the rhythm around beat i is, so that a short
 *   interval inside atrial fibrillation (normal beats, AAMI N) is not read as a premature
 *   supraventricular beat the way the same interval inside a steady rhythm is. Over the
 *   `irregularityIntervals` (16) intervals centred on the beat, for each lag k = 1, 2, 3 the
 *   median of |d[j] − d[j−k]|; the smallest of the three, over the median interval of the
 *   window. Steady sinus rhythm scores near 0, and so do bigeminy (regular at lag 2) and
 *   trigeminy (lag 3); an isolated premature beat moves only a few differences and not the
 *   median; atrial fibrillation scores high at every lag (≈ 0.1–0.3). It looks up to 8
 *   beats ahead, as nextRr looks one ahead. 0 when the window holds fewer than 4 intervals.
 * A record with a single beat has no interval: every RR is `fallbackRrSec` (1 s) and every ratio 1.
 */
import { medianInPlace } from './median';

/** Names of the feature columns, in order. */
export const RR_FEATURE_NAMES = [
  'prevRrSec',
  'nextRrSec',
  'localRrSec',
  'recordRrSec',
  'prevOverLocal',
  'nextOverPrev',
  'prevOverRecord',
  'localOverRecord',
  'rrIrregularity',
] as const;

/** Number of feature columns. */
export const RR_FEATURE_COUNT = RR_FEATURE_NAMES.length;

/** Column index of each feature. */
export const RR_COLUMN = Object.freeze(
  Object.fromEntries(RR_FEATURE_NAMES.map((name, index) => [name, index])) as Record<(typeof RR_FEATURE_NAMES)[number], number>,
);

/** Options of {@link computeRrFeatures}; part of the beat cache key. */
export interface RrFeatureOptions {
  /** Intervals in the local mean (default 10). */
  localBeats?: number;
  /** Window of the "record" mean in seconds, trailing; null for the whole record (default). */
  recordWindowSec?: number | null;
  /** RR given to every beat of a record with a single beat (default 1 s). */
  fallbackRrSec?: number;
  /** Intervals in the window of rrIrregularity, centred on the beat (default 16). */
  irregularityIntervals?: number;
}

/** RR features of one record's beats. */
export interface RrFeatures {
  count: number;
  /** count × RR_FEATURE_COUNT values, beat after beat, columns as RR_FEATURE_NAMES. */
  data: Float32Array;
}

/** Feature `column` (a RR_FEATURE_NAMES entry) of beat `index`. */
export function rrFeature(features: RrFeatures, index: number, column: (typeof RR_FEATURE_NAMES)[number]): number {
  return features.data[index * RR_FEATURE_COUNT + RR_COLUMN[column]]!;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 1;
}

/** Trailing means of d over `localBeats` intervals ending at each beat. */
function localMeans(d: Float64Array, localBeats: number): Float64Array {
  const n = d.length;
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 1; i < n; i++) {
    sum += d[i]!;
    const first = Math.max(1, i - localBeats + 1);
    if (first > 1) sum -= d[first - 1]!;
    out[i] = sum / (i - first + 1);
  }
  return out;
}

/** Record means: all intervals, or those ending within the trailing window. */
function recordMeans(samples: ArrayLike<number>, d: Float64Array, fs: number, windowSec: number | null): Float64Array {
  const n = d.length;
  const out = new Float64Array(n);
  if (windowSec === null) {
    out.fill((samples[n - 1]! - samples[0]!) / (fs * (n - 1)));
    return out;
  }
  const window = windowSec * fs;
  let sum = 0;
  let first = 1;
  for (let i = 1; i < n; i++) {
    sum += d[i]!;
    while (first < i && samples[first]! <= samples[i]! - window) sum -= d[first++]!;
    out[i] = sum / (i - first + 1);
  }
  return out;
}

/** rrIrregularity of every beat (see the file header), from intervals d[1..n−1]. */
function irregularity(d: Float64Array, windowIntervals: number): Float64Array {
  const n = d.length;
  const out = new Float64Array(n);
  const scratch = new Float64Array(windowIntervals);
  const half = Math.floor(windowIntervals / 2);
  for (let i = 0; i < n; i++) {
    // Intervals j in [lo, hi], centred on beat i's own interval d[i], inside d[1..n−1].
    const lo = Math.max(1, i - half + 1);
    const hi = Math.min(n - 1, lo + windowIntervals - 1);
    const count = hi - lo + 1;
    if (count < 4) continue;
    for (let j = lo; j <= hi; j++) scratch[j - lo] = d[j]!;
    const typical = medianInPlace(scratch.subarray(0, count));
    if (!(typical > 0)) continue;
    let best = Infinity;
    for (let lag = 1; lag <= 3 && lag < count; lag++) {
      for (let j = lo + lag; j <= hi; j++) scratch[j - lo - lag] = Math.abs(d[j]! - d[j - lag]!);
      best = Math.min(best, medianInPlace(scratch.subarray(0, count - lag)));
    }
    out[i] = best / typical;
  }
  return out;
}

/**
 * RR features of beats at `samples` (R-peak sample numbers, non-decreasing) of a signal at
 * `fs` Hz. Throws RangeError when the samples decrease or fs is not positive.
 */
export function computeRrFeatures(samples: ArrayLike<number>, fs: number, options: RrFeatureOptions = {}): RrFeatures {
  if (!(fs > 0) || !Number.isFinite(fs)) throw new RangeError(`RR features: fs must be positive, got ${fs}`);
  const n = samples.length;
  const data = new Float32Array(n * RR_FEATURE_COUNT);
  if (n === 0) return { count: 0, data };
  if (n === 1) {
    const rr = options.fallbackRrSec ?? 1;
    data.set([rr, rr, rr, rr, 1, 1, 1, 1, 0]);
    return { count: 1, data };
  }
  const d = new Float64Array(n); // d[0] stays unused: intervals are d[1..n-1]
  for (let i = 1; i < n; i++) {
    const gap = samples[i]! - samples[i - 1]!;
    if (!(gap >= 0)) throw new RangeError(`RR features: samples must not decrease (beat ${i}: ${samples[i - 1]} then ${samples[i]})`);
    d[i] = gap / fs;
  }
  const local = localMeans(d, options.localBeats ?? 10);
  const record = recordMeans(samples, d, fs, options.recordWindowSec ?? null);
  const irregular = irregularity(d, options.irregularityIntervals ?? 16);
  d[0] = d[1]!;
  local[0] = d[1]!;
  if (options.recordWindowSec !== undefined && options.recordWindowSec !== null) record[0] = d[1]!;
  for (let i = 0; i < n; i++) {
    const prev = d[i]!;
    const next = i + 1 < n ? d[i + 1]! : d[n - 1]!;
    const loc = local[i]!;
    const rec = record[i]!;
    const o = i * RR_FEATURE_COUNT;
    data[o] = prev;
    data[o + 1] = next;
    data[o + 2] = loc;
    data[o + 3] = rec;
    data[o + 4] = ratio(prev, loc);
    data[o + 5] = ratio(next, prev);
    data[o + 6] = ratio(prev, rec);
    data[o + 7] = ratio(loc, rec);
    data[o + 8] = irregular[i]!;
  }
  return { count: n, data };
}
