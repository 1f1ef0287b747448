/**
 * AAMI EC57 beat classes from MIT-BIH beat labels (see ../shared/docs/protocol.md, "AAMI EC57
 * classes from MIT-BIH beat labels"). Only the 15 labels below are beats for this protocol:
 * every other annotation (rhythm `+`, noise `~`, artefact `|`, `x`, comments `"`, flutter
 * waves `!` and the `[ ]` flutter markers) is not a classified beat and is dropped.
 */

/** The five AAMI classes, in the order used for class indices everywhere (0 = N … 4 = Q). */
export const AAMI_CLASSES = ['N', 'S', 'V', 'F', 'Q'] as const;

/** One AAMI class: N normal, S supraventricular ectopic, V ventricular ectopic, F fusion, Q unknown. */
export type AamiClass = (typeof AAMI_CLASSES)[number];

/**
 * MIT-BIH label → AAMI class:
 * N: N L R e j (normal, bundle branch blocks, atrial and nodal escape);
 * S: A a J S (atrial, aberrated atrial, nodal, supraventricular premature);
 * V: V E (premature ventricular contraction, ventricular escape);
 * F: F (fusion of ventricular and normal);
 * Q: / f Q (paced, fusion of paced and normal, unclassifiable).
 */
export const AAMI_MAP: Readonly<Record<string, AamiClass>> = Object.freeze({
  N: 'N', L: 'N', R: 'N', e: 'N', j: 'N',
  A: 'S', a: 'S', J: 'S', S: 'S',
  V: 'V', E: 'V',
  F: 'F',
  '/': 'Q', f: 'Q', Q: 'Q',
});

/** The AAMI class of an MIT-BIH annotation symbol, or null when it is not a beat for this protocol. */
export function aamiClassOf(symbol: string): AamiClass | null {
  return Object.hasOwn(AAMI_MAP, symbol) ? (AAMI_MAP[symbol] ?? null) : null;
}

/** Class index (0 = N … 4 = Q) of an MIT-BIH symbol, or -1 when it is not a beat for this protocol. */
export function aamiIndexOf(symbol: string): number {
  const aami = aamiClassOf(symbol);
  return aami === null ? -1 : AAMI_CLASSES.indexOf(aami);
}

/** Counts per AAMI class, keyed by class letter. */
export type AamiCounts = Record<AamiClass, number>;

/** A zeroed count table. */
export function emptyAamiCounts(): AamiCounts {
  return { N: 0, S: 0, V: 0, F: 0, Q: 0 };
}

/**
 * Counts class indices (as stored in `BeatSet.classes`); indices outside 0..4 (-1 for
 * unmatched detections) are not counted.
 */
export function countAamiClasses(classes: ArrayLike<number>, into: AamiCounts = emptyAamiCounts()): AamiCounts {
  for (let i = 0; i < classes.length; i++) {
    const name = AAMI_CLASSES[classes[i] ?? -1];
    if (name !== undefined) into[name] += 1;
  }
  return into;
}

/** Sum of all five classes. */
export function totalOf(counts: AamiCounts): number {
  return counts.N + counts.S + counts.V + counts.F + counts.Q;
}
