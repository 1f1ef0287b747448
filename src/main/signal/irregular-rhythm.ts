/**
 * Which beats lie in an irregularly irregular rhythm (atrial fibrillation or flutter with
 * varying conduction), from the RR intervals alone.
 *
 * Why: in atrial fibrillation every interval is "premature" or "late" by chance, so the
 * timing that marks a supraventricular ectopic beat in sinus rhythm says nothing there, and
 * AAMI labels the beats of fibrillation N. A beat classifier that leans on RR timing calls
 * many of them S (and, out of fold on DS1, F). The rhythm, though, is easy to see over a
 * few dozen beats, and a clinical reader does not call supraventricular ectopy inside it.
 *
 * The measure is each beat's `rrIrregularity` (./rr-features: the smallest, over lags 1–3,
 * median absolute change of the intervals around it, over their median), which is near 0 in
 * sinus rhythm, bigeminy and trigeminy and about 0.1–0.3 in fibrillation. An isolated
 * ectopic beat or a short run moves it for a few beats; so a beat counts as irregular when
 * the median of that measure over the `smoothingBeats` beats on each side (the beat itself
 * included; fewer near a record's ends) is above `threshold`.
 */
import { medianInPlace } from './median';
import { RR_COLUMN, RR_FEATURE_COUNT } from './rr-features';

/**
 * The threshold and window chosen on DS1 out of fold (models/README): the default model's
 * card states the same, and the review's rhythm events use them.
 */
export const DEFAULT_IRREGULAR_RHYTHM: Readonly<IrregularRhythmOptions> = Object.freeze({ threshold: 0.1, smoothingBeats: 30 });

/** How the irregular-rhythm mask is drawn. */
export interface IrregularRhythmOptions {
  /** rrIrregularity median above which the rhythm counts as irregular, > 0 (0.1 separates DS1's fibrillation from its other rhythms). */
  threshold: number;
  /** Beats on each side of the median's window, a whole number ≥ 0. */
  smoothingBeats: number;
}

/**
 * 1 for each beat in an irregular rhythm, 0 otherwise, from `rr` (count × RR_FEATURE_COUNT
 * raw features of one record's beats in time order, ./rr-features).
 * @throws RangeError for a ragged `rr` or options out of range.
 */
export function irregularRhythmBeats(rr: Float32Array, options: IrregularRhythmOptions): Uint8Array {
  const { threshold, smoothingBeats: half } = options;
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new RangeError(`irregular rhythm: the threshold must be a positive number, got ${threshold}`);
  if (!Number.isInteger(half) || half < 0) throw new RangeError(`irregular rhythm: smoothingBeats must be a whole number ≥ 0, got ${half}`);
  if (rr.length % RR_FEATURE_COUNT !== 0) throw new RangeError(`irregular rhythm: ${rr.length} values are not rows of ${RR_FEATURE_COUNT} RR features`);
  const count = rr.length / RR_FEATURE_COUNT;
  const irregularity = new Float64Array(count);
  for (let i = 0; i < count; i++) irregularity[i] = rr[i * RR_FEATURE_COUNT + RR_COLUMN.rrIrregularity]!;
  const mask = new Uint8Array(count);
  // median > threshold, by counting: a sliding count of the values above the threshold
  // decides every window but an even one split exactly in half (near a record's ends),
  // whose median is then taken.
  let above = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < count; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(count, i + half + 1);
    for (; hi < to; hi++) if (irregularity[hi]! > threshold) above++;
    for (; lo < from; lo++) if (irregularity[lo]! > threshold) above--;
    const n = to - from;
    if (2 * above > n) mask[i] = 1;
    else if (2 * above === n && medianInPlace(irregularity.slice(from, to)) > threshold) mask[i] = 1;
  }
  return mask;
}
