/**
 * Per-beat amplitude normalisation of beat windows (see ./beat-windows):
 * - `zscore` (seed 002): (x − mean) / standard deviation (population), so beats of loud and
 *   quiet patients share one scale;
 * - `minmax01` (seeds 000/001, the Kaggle CSVs): (x − min) / (max − min) into [0, 1];
 * - `none`: physical units (mV) unchanged.
 * Statistics come from the finite samples of a range of the signal — the window's own
 * in-record samples, or its 10-s block for the Kaggle recipe — so padding and invalid samples
 * never bias them.
 */

/** How a window's amplitude is scaled. */
export type BeatNormalisation = 'none' | 'zscore' | 'minmax01';

/** Bits of `BeatWindows.flags` (re-exported by ./beat-windows). */
export const WINDOW_FLAGS = Object.freeze({
  /** The window starts before the record's first sample. */
  START_EDGE: 1,
  /** The window ends after the record's last sample. */
  END_EDGE: 2,
  /** The window holds invalid (NaN) samples, written as 0. */
  INVALID: 4,
  /** rr-scaled: 1.2 T was longer than the window and was cut. */
  TRUNCATED: 8,
  /** Constant window: normalised to all zeros. */
  FLAT: 16,
});

/** Ranges or deviations below this (in signal units) count as a flat line. */
const FLAT_EPSILON = 1e-9;

/** Statistics of the finite samples of a range (see {@link statsOf}). */
export interface Stats {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/**
 * Mean, population standard deviation, min and max of the finite x[from, to) (clipped to x),
 * in one pass (sum and sum of squares: ECG amplitudes of a few mV over at most seconds of
 * samples lose nothing to cancellation in float64).
 */
export function statsOf(x: Float64Array, from: number, to: number): Stats {
  let count = 0;
  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  const hi = Math.min(x.length, to);
  for (let i = Math.max(0, from); i < hi; i++) {
    const v = x[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    count++;
    sum += v;
    squares += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = count > 0 ? sum / count : 0;
  const variance = count > 0 ? Math.max(0, squares / count - mean * mean) : 0;
  return { count, mean, std: Math.sqrt(variance), min, max };
}

/** The map v → (v − offset) × scale, clamped to [0, 1] when `clamp01`, that normalises a window. */
export interface Affine {
  offset: number;
  scale: number;
  clamp01: boolean;
  /** The statistics range is constant or empty: write zeros (flag FLAT). */
  flat: boolean;
}

/**
 * The normalisation of a window with statistics `stats` (of its own samples, or of its block
 * for the Kaggle recipe, whose values are then clamped to [0, 1]); identity for 'none' or
 * when `stats` is null.
 */
export function affineFor(stats: Stats | null, config: { normalisation: BeatNormalisation; minmaxScope?: 'beat' | 'block' }): Affine {
  if (config.normalisation === 'none' || stats === null) return { offset: 0, scale: 1, clamp01: false, flat: false };
  const zscore = config.normalisation === 'zscore';
  const spread = zscore ? stats.std : stats.max - stats.min;
  if (stats.count === 0 || !(spread > FLAT_EPSILON)) return { offset: 0, scale: 0, clamp01: false, flat: true };
  return { offset: zscore ? stats.mean : stats.min, scale: 1 / spread, clamp01: !zscore && config.minmaxScope === 'block', flat: false };
}
