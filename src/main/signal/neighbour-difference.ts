/**
 * Each beat's shape against the patient's own: its window minus the median window of the
 * beats around it, in units of that template's spread.
 *
 * Why: a network that sees beats of one patient only alone learns other patients' shapes,
 * and on an unseen patient it takes an odd-looking normal beat for an ectopic one. The
 * same beat minus its neighbours' median is near zero for whatever this patient's normal
 * beat looks like, and large where the beat departs from it: a ventricular beat's wide QRS,
 * the changed P wave of a supraventricular one. Fed beside the beat, it gives the network
 * the patient-relative view that inter-patient features have long used (de Chazal et al.
 * 2004 normalise by the patient's own RR; this is the same idea for the shape).
 *
 * For beat i, in time order, the neighbours are the `neighbours` beats on each side
 * (2 × neighbours in all, the beat itself left out; near a record's ends the window slides
 * so that it still holds 2 × neighbours beats where the record has them). The template is
 * their sample-by-sample median, so that a few ectopic neighbours do not move it. The
 * difference is (window − template) / sd(template), with sd the population standard
 * deviation of the template's values; a flat template (sd ≈ 0) or a beat with no
 * neighbour gives zeros.
 */

import { statsOf } from './beat-normalise';
import { medianInPlace } from './median';

/** Template spreads below this (signal units, mV) count as flat. */
const FLAT_EPSILON = 1e-9;

/**
 * Differences of `count` windows of `length` samples (`windows`: count × length, in signal
 * units, not normalised per beat) from their neighbours' median, beat by beat as in
 * `windows`. `order` lists the beat indices in time order (ascending R peak).
 */
export function neighbourDifferences(windows: Float32Array, length: number, order: ArrayLike<number>, neighbours: number): Float32Array {
  if (!Number.isInteger(neighbours) || neighbours < 1) throw new RangeError(`neighbour difference: neighbours must be an integer ≥ 1, got ${neighbours}`);
  const count = order.length;
  if (windows.length !== count * length) throw new RangeError(`neighbour difference: ${windows.length} values are not ${count} windows of ${length}`);
  const out = new Float32Array(count * length);
  const span = 2 * neighbours;
  const column = new Float64Array(span);
  const template = new Float64Array(length);
  const picked = new Int32Array(span);
  for (let o = 0; o < count; o++) {
    const beat = order[o]!;
    // The 2K + 1 positions around o, shifted inward at the ends, less o itself.
    const first = Math.max(0, Math.min(o - neighbours, count - 1 - span));
    const last = Math.min(count - 1, first + span);
    let m = 0;
    for (let q = first; q <= last; q++) if (q !== o) picked[m++] = order[q]!;
    if (m === 0) continue; // a lone beat: nothing to compare with, zeros
    const values = column.subarray(0, m);
    for (let j = 0; j < length; j++) {
      for (let k = 0; k < m; k++) values[k] = windows[picked[k]! * length + j]!;
      template[j] = medianInPlace(values);
    }
    const sd = statsOf(template, 0, length).std;
    if (!(sd > FLAT_EPSILON)) continue;
    const at = beat * length;
    for (let j = 0; j < length; j++) out[at + j] = (windows[at + j]! - template[j]!) / sd;
  }
  return out;
}
