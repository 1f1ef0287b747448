/**
 * The reviewed beats as export rows: one per beat shown in the review (deleted beats left
 * out, added beats in), in time order, with the class in force, the model's class and
 * confidence, and what the reviewer did to it, by whom and when. The WFDB annotation
 * export and the CSV/JSON tables are both written from these rows.
 */
import type { BeatLabel, ReviewBeat } from '../../shared/review';
import { formatClock } from '../review';
import type { BeatEdit } from './beat-editors';

/**
 * What the reviewer did to a beat: nothing ('' — the model's class stands), set the class
 * the model gave ('confirmed'), set another class ('relabelled'), or added the beat
 * ('added', whatever class it was given later).
 */
export type BeatReview = '' | 'confirmed' | 'relabelled' | 'added';

/** One exported beat. */
export interface BeatRow {
  /** The beat's id in the review (stable; not a WFDB field). */
  id: number;
  /** R-peak frame number. */
  sample: number;
  timeSec: number;
  /** `timeSec` as HH:MM:SS.mmm from the start of the record. */
  clock: string;
  /** The class in force: the reviewer's when set, else the model's. */
  label: BeatLabel;
  /** The model's class; null for an added beat. */
  predicted: BeatLabel | null;
  /** The model's probability of `predicted`; null for an added beat. */
  confidence: number | null;
  reviewed: boolean;
  added: boolean;
  review: BeatReview;
  /** The reviewer of the last edit in force on this beat; null when not edited (or not known). */
  editedBy: string | null;
  /** ISO 8601 time of that edit. */
  editedAt: string | null;
}

/** What the reviewer did to `beat` (see BeatReview). */
export function beatReview(beat: Pick<ReviewBeat, 'label' | 'predicted' | 'reviewed' | 'added'>): BeatReview {
  if (beat.added) return 'added';
  if (!beat.reviewed) return '';
  return beat.label === beat.predicted ? 'confirmed' : 'relabelled';
}

/**
 * Export rows of `beats` (the review's shown beats, in time order). `edits` (from
 * `lastEdits`) names the editor of each reviewed or added beat; a beat the reviewer did
 * not touch gets none, whatever the trail says.
 */
export function beatRows(beats: readonly ReviewBeat[], edits: ReadonlyMap<number, BeatEdit>): BeatRow[] {
  return beats.map((beat) => {
    const review = beatReview(beat);
    const edit = review === '' ? undefined : edits.get(beat.id);
    return {
      id: beat.id,
      sample: beat.sample,
      timeSec: beat.timeSec,
      clock: formatClock(beat.timeSec),
      label: beat.label,
      predicted: beat.predicted,
      confidence: beat.confidence,
      reviewed: beat.reviewed,
      added: beat.added,
      review,
      editedBy: edit?.reviewer ?? null,
      editedAt: edit?.at ?? null,
    };
  });
}
