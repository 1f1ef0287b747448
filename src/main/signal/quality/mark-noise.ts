/**
 * Signal-quality gate: marks the stretches of a recording where QRS detection cannot be
 * trusted, so that the beats found there are dropped (./segments `dropBeatsInNoise`) rather
 * than reported as beats that noise invented.
 *
 * Per 2-second window (./window-features), each lead is judged; a lead that holds one value
 * for ≥ 0.5 s (off, disconnected, saturated) is ignored, and each feature of the others is
 * taken from the BEST lead for it (lowest floor and highRatio, highest peakiness: the detector
 * fuses all leads and follows the cleanest, so a window is unreadable only when every lead
 * is). The window is noise when all leads are flat, or when
 *   floor > 0.10                                        (noise between beats over 10 % of the
 *                                                        typical QRS-band peak: electrode motion), or
 *   floor > 0.06 and highRatio > 1 and peakiness < 15   (muscle noise: broadband, above 40 Hz
 *                                                        as much as in the QRS band, and QRS no
 *                                                        longer standing out).
 * Marked windows become [startSec, endSec) segments, adjacent ones merged.
 *
 * Tuned on DS1 only, never on DS2: a grid over these thresholds on the 2-s windows of the 22
 * DS1 records (first 15 minutes, nst protocol, the four synthetic noises of ../noise at
 * 24/12/6/0/−6 dB), each window labelled by the detector's errors in it; the chosen thresholds'
 * DS1 figures are printed by `npm run eval:noise -- --split DS1`. On the DS1 grid: clean
 * records 0.42 % of the time marked; of the detector's errors (missed + false beats) under
 * noise, 90 % fall in marked windows; electrode motion's noisy windows marked 16 / 53 / 97 /
 * 100 % at 12 / 6 / 0 / −6 dB, muscle's 7 / 22 / 61 / 98 %. Baseline wander (< 1 %) and mains
 * (≤ 5 % down to 0 dB, 8 % at −6 dB) are rarely marked: the detector's band-pass removes
 * them, so the beats there are still right.
 */
import { mergeSegments, type NoiseSegment } from './segments';
import { windowFeatures, type WindowFeatures } from './window-features';

/** Thresholds of {@link markNoise} (see the file header). */
export interface QualityThresholds {
  windowSec: number;
  /** A lead flat for this long in a window is ignored, seconds. */
  flatSec: number;
  floor: number;
  muscleFloor: number;
  muscleHighRatio: number;
  musclePeakiness: number;
}

/** The thresholds tuned on DS1 (file header). */
export const DEFAULT_QUALITY: Readonly<QualityThresholds> = Object.freeze({
  windowSec: 2,
  flatSec: 0.5,
  floor: 0.1,
  muscleFloor: 0.06,
  muscleHighRatio: 1,
  musclePeakiness: 15,
});

/** Whether one window is noise, given each lead's features there. */
export function windowIsNoise(leads: readonly WindowFeatures[], t: QualityThresholds = DEFAULT_QUALITY): boolean {
  const live = leads.filter((f) => f.flatSec < t.flatSec);
  if (live.length === 0) return leads.length > 0;
  const floor = Math.min(...live.map((f) => f.floor));
  if (floor > t.floor) return true;
  const highRatio = Math.min(...live.map((f) => f.highRatio));
  const peakiness = Math.max(...live.map((f) => f.peakiness));
  return floor > t.muscleFloor && highRatio > t.muscleHighRatio && peakiness < t.musclePeakiness;
}

/**
 * Noise segments of a recording: `leads` in mV at `fs` Hz, equal lengths (NaN for invalid
 * samples, bridged as the filters do). Returns sorted, merged [startSec, endSec) segments,
 * the last one ending at the record's end at most.
 * @throws RangeError when the leads differ in length or fs is not positive.
 */
export function markNoise(leads: readonly ArrayLike<number>[], fs: number, thresholds: Partial<QualityThresholds> = {}): NoiseSegment[] {
  const t = { ...DEFAULT_QUALITY, ...thresholds };
  if (!(fs > 0)) throw new RangeError(`markNoise: fs ${fs} must be positive`);
  const n = leads[0]?.length ?? 0;
  if (leads.some((l) => l.length !== n)) throw new RangeError('markNoise: leads differ in length');
  if (n === 0) return [];
  const features = leads.map((l) => windowFeatures(l, fs, t.windowSec));
  const windows = features[0]!.length;
  const durationSec = n / fs;
  const marked: NoiseSegment[] = [];
  for (let w = 0; w < windows; w++) {
    if (windowIsNoise(features.map((f) => f[w]!), t)) {
      marked.push({ startSec: w * t.windowSec, endSec: Math.min(durationSec, (w + 1) * t.windowSec) });
    }
  }
  return mergeSegments(marked);
}
