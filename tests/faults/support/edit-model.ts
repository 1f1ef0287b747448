/**
 * What the kill tests expect a review to hold: the labels of the beats they touched and the
 * audit lines, replayed from the edits the service acknowledged (relabel, delete, add, undo,
 * redo with the service's own undo/redo semantics: a new edit clears the redo stack).
 */
import type { BeatLabel, ReviewBeat, ReviewEdit } from '../../../src/shared/review';

/** An edit, undo or redo as the test sends it. */
export type SentEdit = ReviewEdit | { kind: 'undo' } | { kind: 'redo' };

/** One beat's label before and after a step; null = not shown (deleted, or not yet added). */
type Change = { id: number; before: BeatLabel | null; after: BeatLabel | null };

/** The acknowledged edits of one review and what they imply. */
export class EditModel {
  readonly acknowledged: { edit: SentEdit; beatIds: number[] }[] = [];
  /** The edit sent last and not (yet) acknowledged when the process was killed. */
  inFlight: SentEdit | null = null;
  private readonly base = new Map<number, BeatLabel>();

  /** Notes the labels of beats as first seen, before the test edits them. */
  seed(beats: readonly ReviewBeat[]): void {
    const touched = this.labels();
    for (const beat of beats) if (!this.base.has(beat.id) && !touched.has(beat.id)) this.base.set(beat.id, beat.label);
  }

  /** Records an acknowledged step and the beat ids the service answered with. */
  acknowledge(edit: SentEdit, beatIds: number[]): void {
    this.acknowledged.push({ edit, beatIds });
  }

  /** A copy in which the in-flight `edit` was applied too. */
  withInFlight(edit: SentEdit): EditModel {
    const copy = new EditModel();
    for (const [id, label] of this.base) copy.base.set(id, label);
    copy.acknowledged.push(...this.acknowledged, { edit, beatIds: this.idsOf(edit) });
    return copy;
  }

  /** After a restart: the in-flight edit counts when the review's audit has one line more than the acknowledged. */
  settleInFlight(auditLength: number): void {
    if (this.inFlight && auditLength === this.acknowledged.length + 1) this.acknowledge(this.inFlight, this.idsOf(this.inFlight));
    this.inFlight = null;
  }

  /** The audit lines expected, as "action id,id,…". */
  auditLines(): string[] {
    return this.acknowledged.map(({ edit, beatIds }) => `${edit.kind} ${beatIds.join(',')}`);
  }

  /** Label per beat id the tests know of (null: not shown). */
  labels(): Map<number, BeatLabel | null> {
    return this.replay().labels;
  }

  private idsOf(edit: SentEdit): number[] {
    if (edit.kind === 'undo' || edit.kind === 'redo') {
      const { undo, redo } = this.replay();
      return ((edit.kind === 'undo' ? undo : redo).at(-1) ?? []).map((c) => c.id);
    }
    if (edit.kind === 'relabel' || edit.kind === 'delete') return [...edit.beatIds].sort((a, b) => a - b);
    throw new Error('an add in flight cannot be predicted (its id is the service\'s)');
  }

  private replay(): { labels: Map<number, BeatLabel | null>; undo: Change[][]; redo: Change[][] } {
    const labels = new Map<number, BeatLabel | null>(this.base);
    const undo: Change[][] = [];
    let redo: Change[][] = [];
    const apply = (changes: Change[], forward: boolean): void => {
      for (const c of changes) labels.set(c.id, forward ? c.after : c.before);
    };
    for (const { edit, beatIds } of this.acknowledged) {
      if (edit.kind === 'undo' || edit.kind === 'redo') {
        const changes = (edit.kind === 'undo' ? undo : redo).pop();
        if (!changes) throw new Error(`${edit.kind} acknowledged with nothing to ${edit.kind}`);
        apply(changes, edit.kind === 'redo');
        (edit.kind === 'undo' ? redo : undo).push(changes);
        continue;
      }
      const after: BeatLabel | null = edit.kind === 'delete' ? null : edit.label;
      const changes = beatIds.map((id) => ({ id, before: edit.kind === 'add' ? null : (labels.get(id) ?? null), after }));
      apply(changes, true);
      undo.push(changes);
      redo = [];
    }
    return { labels, undo, redo };
  }
}
