/**
 * Baseline-wander removal by two cascaded median filters of 200 ms and 600 ms: the first
 * removes QRS complexes and P waves, the second T waves, leaving the baseline, which is
 * subtracted (de Chazal, O'Dwyer, Reilly, "Automatic classification of heartbeats using ECG
 * morphology and heartbeat interval features", IEEE TBME 51(7):1196–1206, 2004).
 * Unlike a high-pass filter it keeps the ST segment's level and adds no ringing.
 */
import { fillGaps, restoreGaps, type Samples } from './gaps';

/** Position of the first element of sorted `a[0, len)` that is ≥ v. */
function lowerBound(a: Float64Array, len: number, v: number): number {
  let lo = 0, hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Running median of finite `x` over a centred window of `width` samples (rounded up to
 * odd), the ends padded by repeating the first and last sample. O(n·width) moves in the
 * worst case, done as typed-array block copies.
 * @returns a new Float64Array of x's length.
 */
export function medianFilter(x: Float64Array, width: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const w = Math.max(1, Math.floor(width / 2) * 2 + 1);
  const half = (w - 1) / 2;
  const at = (i: number): number => x[Math.min(n - 1, Math.max(0, i))]!;
  const win = new Float64Array(w);
  for (let i = -half; i <= half; i++) win[i + half] = at(i);
  win.sort();
  for (let i = 0; i < n; i++) {
    out[i] = win[half]!;
    // Slide: drop x[i - half], take x[i + half + 1].
    const leaving = at(i - half);
    const entering = at(i + half + 1);
    const p = lowerBound(win, w, leaving);
    win.copyWithin(p, p + 1, w);
    const q = lowerBound(win, w - 1, entering);
    win.copyWithin(q + 1, q, w - 1);
    win[q] = entering;
  }
  return out;
}

/**
 * Baseline wander of `x` sampled at `fs` Hz: median over `firstMs` (default 200 ms) then
 * over `secondMs` (default 600 ms). NaN gaps are bridged first (see gaps.ts).
 * @returns the baseline estimate (finite everywhere, same length).
 */
export function estimateBaseline(x: Samples, fs: number, firstMs = 200, secondMs = 600): Float64Array {
  const { filled } = fillGaps(x);
  const first = medianFilter(filled, Math.round((firstMs * fs) / 1000));
  return medianFilter(first, Math.round((secondMs * fs) / 1000));
}

/**
 * `x` minus its baseline ({@link estimateBaseline}); NaN stays NaN at invalid samples.
 * @returns a new Float64Array of x's length.
 */
export function removeBaseline(x: Samples, fs: number, firstMs = 200, secondMs = 600): Float64Array {
  const base = estimateBaseline(x, fs, firstMs, secondMs);
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i]! - base[i]!;
  return restoreGaps(x, out);
}
