/**
 * Matching detected beats to reference beats, for a realistic evaluation of the whole chain
 * (detector + classifier): a detection within the tolerance (150 ms, as WFDB `bxb` and
 * ANSI/AAMI EC38/EC57) of a reference beat takes that beat's label; a detection matching none
 * is an extra beat (class null, counted as an error later); a reference beat matching no
 * detection is missed. Pairs are accepted closest first (each beat and detection at most
 * once), which gives each detection its nearest free reference beat.
 */

/** Result of {@link matchBeats}. */
export interface BeatMatch {
  /** Per detection (input order): index of its reference beat, or -1 for an extra detection. */
  referenceOf: Int32Array;
  /** Indices of the reference beats that no detection matched, ascending. */
  missed: Int32Array;
}

function checkSorted(samples: ArrayLike<number>, name: string): void {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]! < samples[i - 1]!) throw new RangeError(`matchBeats: ${name} must be in ascending order (index ${i})`);
  }
}

/**
 * Matches `detections` to `reference` (both sample numbers, ascending) within
 * `toleranceSamples` (inclusive). Throws RangeError when an input is out of order.
 */
export function matchBeats(reference: ArrayLike<number>, detections: ArrayLike<number>, toleranceSamples: number): BeatMatch {
  checkSorted(reference, 'reference');
  checkSorted(detections, 'detections');
  const pairs: { distance: number; ref: number; det: number }[] = [];
  let first = 0;
  for (let r = 0; r < reference.length; r++) {
    const at = reference[r]!;
    while (first < detections.length && detections[first]! < at - toleranceSamples) first++;
    for (let d = first; d < detections.length && detections[d]! <= at + toleranceSamples; d++) {
      pairs.push({ distance: Math.abs(detections[d]! - at), ref: r, det: d });
    }
  }
  pairs.sort((a, b) => a.distance - b.distance || a.ref - b.ref || a.det - b.det);
  const referenceOf = new Int32Array(detections.length).fill(-1);
  const refTaken = new Uint8Array(reference.length);
  for (const { ref, det } of pairs) {
    if (refTaken[ref] || referenceOf[det] !== -1) continue;
    refTaken[ref] = 1;
    referenceOf[det] = ref;
  }
  const missed: number[] = [];
  for (let r = 0; r < reference.length; r++) if (!refTaken[r]) missed.push(r);
  return { referenceOf, missed: Int32Array.from(missed) };
}
