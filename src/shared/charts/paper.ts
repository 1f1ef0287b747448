/**
 * Standard ECG paper: the physical scale of the strip. Paper is ruled in 1 mm squares with a
 * heavier line every 5 mm; at the standard 25 mm/s and 10 mm/mV (AHA/IEC 60601-2-25
 * defaults) one small square is 0.04 s by 0.1 mV and one large square 0.2 s by 0.5 mV.
 *
 * CSS defines 1 in = 96 px, so 1 mm = 96 / 25.4 ≈ 3.7795 CSS px: at 100 % zoom on a
 * display whose CSS pixels are true to size, the strip is at true paper scale.
 */

/** CSS pixels per millimetre (CSS: 96 px per inch, 25.4 mm per inch). */
export const PX_PER_MM = 96 / 25.4;

/** Paper speeds offered, in mm/s; 25 is the clinical default. */
export const SPEEDS_MM_PER_SEC = [12.5, 25, 50] as const;

/** Gains offered, in mm/mV; 10 is the clinical default. */
export const GAINS_MM_PER_MV = [5, 10, 20] as const;

export const DEFAULT_SPEED_MM_PER_SEC = 25;
export const DEFAULT_GAIN_MM_PER_MV = 10;

/** Small square side, mm. */
export const MINOR_MM = 1;
/** Large square side, mm (five small squares). */
export const MAJOR_MM = 5;

/** Speed and gain of the paper. */
export interface PaperScale {
  speedMmPerSec: number;
  gainMmPerMv: number;
}

/** Horizontal CSS pixels per second of signal at `speedMmPerSec`. */
export function pxPerSec(speedMmPerSec: number): number {
  return speedMmPerSec * PX_PER_MM;
}

/** Vertical CSS pixels per millivolt at `gainMmPerMv`. */
export function pxPerMv(gainMmPerMv: number): number {
  return gainMmPerMv * PX_PER_MM;
}

/**
 * The multiples of `step` within [from, to] (both ends included, with a tolerance of a
 * millionth of a step so that rounding does not drop an end line). Computed from integer
 * indices, not by repeated addition, so that no drift accumulates over a long record.
 */
export function multiplesWithin(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !(to >= from)) return [];
  const eps = 1e-6;
  const first = Math.ceil(from / step - eps);
  const last = Math.floor(to / step + eps);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(roundTo(k * step, 9));
  return out;
}

/** Rounds to `digits` decimals (removes binary noise such as 0.12000000000000001). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  // "+ 0" turns -0 into 0.
  return Math.round(value * f) / f + 0;
}

/**
 * Seconds covered by one small square (1 mm) at a paper speed: 0.04 s at 25 mm/s.
 */
export function minorStepSec(speedMmPerSec: number): number {
  return MINOR_MM / speedMmPerSec;
}

/** Millivolts covered by one small square (1 mm) at a gain: 0.1 mV at 10 mm/mV. */
export function minorStepMv(gainMmPerMv: number): number {
  return MINOR_MM / gainMmPerMv;
}
