/**
 * Per-class beat counts of loaded records, and how many beats sit at a record edge or on
 * invalid samples (kept, padded and flagged by the loader — never dropped).
 */
import { countAamiClasses, emptyAamiCounts, type AamiCounts } from './aami';
import type { BeatSet } from './beat-set';
import { WINDOW_FLAGS } from '../signal/beat-windows';

/** Counts over some records. */
export interface BeatCounts {
  classes: AamiCounts;
  /** Beats kept with a window padded past a record end (START_EDGE or END_EDGE). */
  edgePadded: number;
  /** Beats whose window holds invalid samples. */
  invalid: number;
  /** Detections with no reference beat (detector mode). */
  extra: number;
  /** Reference beats with no detection (detector mode). */
  missed: number;
  /** Records without an annotation file. */
  unannotatedRecords: number;
}

/** Adds up the counts of `sets`. */
export function countBeats(sets: readonly BeatSet[]): BeatCounts {
  const counts: BeatCounts = { classes: emptyAamiCounts(), edgePadded: 0, invalid: 0, extra: 0, missed: 0, unannotatedRecords: 0 };
  const edge = WINDOW_FLAGS.START_EDGE | WINDOW_FLAGS.END_EDGE;
  for (const set of sets) {
    countAamiClasses(set.classes, counts.classes);
    for (let i = 0; i < set.count; i++) {
      if (set.windowFlags[i]! & edge) counts.edgePadded++;
      if (set.windowFlags[i]! & WINDOW_FLAGS.INVALID) counts.invalid++;
      if (set.classes[i]! < 0) counts.extra++;
    }
    counts.missed += set.missed.length;
    if (!set.hasAnnotations) counts.unannotatedRecords++;
  }
  return counts;
}
