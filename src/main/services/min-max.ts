/**
 * Min/max reduction of sample streams, shared by the decimated window and the overview.
 * Peaks must survive a reduction (an R wave is a few samples wide), so each bin keeps its
 * extremes rather than an average. NaN marks an invalid sample and is skipped; a bin with
 * no valid sample reduces to (null, null).
 */

/** Running extremes of a set of bins, filled chunk by chunk. */
export interface MinMaxBins {
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** `count` empty bins (min +∞, max −∞ until a value arrives). */
export function createBins(count: number): MinMaxBins {
  return { min: new Float64Array(count).fill(Infinity), max: new Float64Array(count).fill(-Infinity) };
}

/**
 * Folds `values` — `samplesPerFrame` samples per frame, the first belonging to frame
 * `firstFrame` — into `bins`, where `binOf(frame)` names each frame's bin.
 */
export function foldIntoBins(
  bins: MinMaxBins,
  values: Float64Array,
  samplesPerFrame: number,
  firstFrame: number,
  binOf: (frame: number) => number,
): void {
  const frames = Math.floor(values.length / samplesPerFrame);
  for (let f = 0; f < frames; f++) {
    const bin = binOf(firstFrame + f);
    let lo = bins.min[bin] ?? Infinity;
    let hi = bins.max[bin] ?? -Infinity;
    for (let s = f * samplesPerFrame, end = s + samplesPerFrame; s < end; s++) {
      const v = values[s] as number;
      if (v < lo) lo = v; // NaN compares false both ways, so invalid samples drop out here.
      if (v > hi) hi = v;
    }
    bins.min[bin] = lo;
    bins.max[bin] = hi;
  }
}

/** The finished bins as nullable numbers (null for a bin that saw no valid sample). */
export function finishBins(bins: MinMaxBins): { min: (number | null)[]; max: (number | null)[] } {
  const min: (number | null)[] = [];
  const max: (number | null)[] = [];
  for (let i = 0; i < bins.min.length; i++) {
    const lo = bins.min[i] as number;
    const hi = bins.max[i] as number;
    const empty = lo === Infinity;
    min.push(empty ? null : lo);
    max.push(empty ? null : hi);
  }
  return { min, max };
}

/** Interleaves finished bins as (min, max) pairs, the layout of a decimated window. */
export function toPairs(bins: MinMaxBins): (number | null)[] {
  const { min, max } = finishBins(bins);
  const pairs: (number | null)[] = [];
  for (let i = 0; i < min.length; i++) pairs.push(min[i] ?? null, max[i] ?? null);
  return pairs;
}
