/**
 * The QRS feature of one lead: the RMS slope envelope of the band-passed signal, as in
 * Pan & Tompkins (IEEE TBME 32(3):230–236, 1985): band-pass, derivative, squaring, moving
 * window integration — with the square root taken at the end so that the envelope scales
 * linearly with the QRS amplitude (a lead twice as large gives twice the feature), and all
 * filtering zero-phase so the envelope's peak sits on the QRS, not one group delay later.
 */
import { butterworthBandpass, filtfilt } from '../filters';

/** Parameters of the feature (defaults in {@link DEFAULT_FEATURE}). */
export interface FeatureParams {
  /**
   * Band-pass edges [low, high] in Hz, one envelope per band and lead. The QRS energy lies
   * in about 5–15 Hz (Pan & Tompkins use 5–11 Hz); a second, higher band keeps the steep
   * QRS slopes where P/T waves or motion artefacts crowd the lower one, and the fusion
   * weighs each band by its own noise.
   */
  bands: ReadonlyArray<readonly [number, number]>;
  /** Moving-window integration width, seconds (about one QRS width). */
  integrationSec: number;
}

/** Default feature parameters. */
export const DEFAULT_FEATURE: FeatureParams = { bands: [[5, 20]], integrationSec: 0.1 };

/**
 * Lead band-passed to [lowHz, highHz] (zero-phase; the upper edge is kept below 0.45·fs for
 * low sampling rates). Finite input expected: bridge NaN gaps first.
 * @returns a new array of x's length.
 */
export function qrsBand(x: Float64Array, fs: number, lowHz: number, highHz: number): Float64Array {
  const high = Math.min(highHz, fs * 0.45);
  return filtfilt(butterworthBandpass(2, Math.min(lowHz, high / 2), high, fs), x, Math.round(fs));
}

/**
 * RMS slope envelope of a band-passed lead `bp` (mV/s): sqrt of the centred moving average
 * of the squared central-difference derivative.
 * @returns a new array of bp's length.
 */
export function slopeEnvelope(bp: Float64Array, fs: number, integrationSec: number = DEFAULT_FEATURE.integrationSec): Float64Array {
  const n = bp.length;
  const k = fs / 2;
  const out = new Float64Array(n);
  // Squared central-difference derivative (0 at the ends), in place in `out`.
  for (let i = 1; i < n - 1; i++) {
    const d = (bp[i + 1]! - bp[i - 1]!) * k;
    out[i] = d * d;
  }
  const half = Math.max(1, Math.round((integrationSec * fs) / 2));
  const width = 2 * half + 1;
  // Centred running sum over [i - half, i + half], truncated at the ends; `ring` keeps the
  // squared values that `out` has already overwritten with envelope values.
  const ring = new Float64Array(width);
  let sum = 0;
  for (let i = 0; i <= Math.min(n - 1, half); i++) sum += out[i]!;
  for (let i = 0; i < n; i++) {
    const own = out[i]!;
    ring[i % width] = own;
    out[i] = Math.sqrt(Math.max(0, sum) / width);
    const enter = i + half + 1, leave = i - half;
    if (enter < n) sum += out[enter]!;
    if (leave >= 0) sum -= ring[leave % width]!;
  }
  return out;
}
