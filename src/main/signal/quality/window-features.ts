/**
 * Per-window signal-quality features of one ECG lead, the inputs of ./mark-noise. Windows
 * are `windowSec` long (2 s: two or three beats at usual rates) and start every `windowSec`.
 *
 * - `flatSec`: the longest run of identical consecutive samples, seconds. A lead that is off,
 *   disconnected or saturated at the converter's limit holds one value; clean ECG sampled at
 *   the usual resolutions repeats a value for a few tens of milliseconds at most.
 * - `peakiness`: p99 / p50 of |QRS-band signal| (5–25 Hz, zero-phase Butterworth). A clean
 *   window is quiet between sharp QRS complexes (ratio ≫ 10); noise overlapping the QRS band
 *   (electrode motion, muscle) fills the gaps and pushes it towards Gaussian noise's 3.8.
 * - `floor`: p50 of |QRS-band signal| divided by the record's typical QRS-band peak (the median
 *   over windows of the window p99): the noise level between beats relative to the beats.
 * - `highRatio`: power above 40 Hz over power in the QRS band: muscle noise and mains.
 * - `driftRatio`: range of the < 1 Hz component over the record's typical QRS-band peak:
 *   baseline wander that large pushes a real recorder into saturation.
 */
import { butterworthBandpass, butterworthHighpass, butterworthLowpass, filtfilt } from '../filters';
import { fillGaps } from '../gaps';

/** Features of one lead in one window (see the file header). */
export interface WindowFeatures {
  flatSec: number;
  peakiness: number;
  floor: number;
  highRatio: number;
  driftRatio: number;
}

/** Quantile `q` in [0, 1] of `values` (sorted copy; nearest rank). */
function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? NaN;
}

function longestFlatRun(x: Float64Array, a: number, b: number): number {
  let best = 0, run = 0;
  for (let i = a + 1; i < b; i++) {
    run = x[i] === x[i - 1] ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best + 1;
}

function meanSquare(x: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = a; i < b; i++) s += x[i]! * x[i]!;
  return s / Math.max(1, b - a);
}

/**
 * Features of `lead` (mV, `fs` Hz; NaN gaps bridged as the filters do) for every whole
 * window of `windowSec` (default 2) seconds; a last partial window longer than half a
 * window is included.
 */
export function windowFeatures(lead: ArrayLike<number>, fs: number, windowSec = 2): WindowFeatures[] {
  const raw = fillGaps(lead).filled;
  const n = raw.length;
  const size = Math.max(1, Math.round(windowSec * fs));
  const band = filtfilt(butterworthBandpass(2, 5, 25, fs), raw);
  const high = fs / 2 > 45 ? filtfilt(butterworthHighpass(2, 40, fs), raw) : new Float64Array(n);
  const drift = filtfilt(butterworthLowpass(2, 1, fs), raw);
  const starts: number[] = [];
  for (let s = 0; s < n && (s + size <= n || n - s > size / 2); s += size) starts.push(s);
  const peaks: number[] = [];
  const partial = starts.map((a) => {
    const b = Math.min(n, a + size);
    const magnitude = band.subarray(a, b).map(Math.abs);
    const p99 = quantile(magnitude, 0.99);
    const p50 = quantile(magnitude, 0.5);
    peaks.push(p99);
    let lo = Infinity, hi = -Infinity;
    for (let i = a; i < b; i++) { lo = Math.min(lo, drift[i]!); hi = Math.max(hi, drift[i]!); }
    return {
      flatSec: longestFlatRun(raw, a, b) / fs,
      peakiness: p50 > 0 ? p99 / p50 : p99 > 0 ? Infinity : 0,
      p50,
      highRatio: meanSquare(high, a, b) / Math.max(1e-12, meanSquare(band, a, b)),
      driftRange: hi - lo,
    };
  });
  const typicalPeak = Math.max(1e-9, quantile(Float64Array.from(peaks), 0.5));
  return partial.map((w) => ({
    flatSec: w.flatSec,
    peakiness: w.peakiness,
    floor: w.p50 / typicalPeak,
    highRatio: w.highRatio,
    driftRatio: w.driftRange / typicalPeak,
  }));
}
