/**
 * Consistency checks of a review read from disk (persistence.ts): what zod cannot see.
 * A file that passes can be used without any later surprise: every id an edit names
 * exists, and undoing or redoing any entry of the saved stacks lands on a state the
 * stacks agree with.
 */
import type { AuditEntry } from '../../shared/review';
import type { BeatColumns, BeatStore } from './beat-store';
import type { HistoryEntry } from './edits';
import { checkPredictionChange, predictionMatches } from './prediction-change';
import { ReviewFileError } from './review-file-error';

/** What is wrong with row `i`, or null (no closure per row: this runs 100,000 times on open). */
function rowProblem(c: BeatColumns, i: number): string | null {
  const predicted = c.predicted[i] as number;
  const reviewer = c.reviewerLabel[i] as number;
  const confidence = c.confidence[i] as number;
  if (predicted < -1 || predicted > 4) return `predicted label ${predicted} is not a class`;
  if (reviewer < -1 || reviewer > 4) return `reviewer label ${reviewer} is not a class`;
  if ((c.deleted[i] as number) > 1) return `deleted flag ${c.deleted[i]} is not 0 or 1`;
  if (predicted === -1) {
    if (reviewer === -1) return 'an added beat without a label';
    if (!Number.isNaN(confidence) || c.templateId[i] !== -1 || !Number.isNaN(c.uncertainty[i] as number)) return 'an added beat with a confidence, an uncertainty or a template';
    return null;
  }
  if (!(confidence >= 0 && confidence <= 1)) return `confidence ${confidence} is not a probability`;
  if ((c.templateId[i] as number) < 0) return `template ${c.templateId[i]} is negative`;
  const uncertainty = c.uncertainty[i] as number;
  if (!Number.isNaN(uncertainty) && !(uncertainty >= 0 && uncertainty <= 1)) return `uncertainty ${uncertainty} is not in 0 … 1`;
  return null;
}

/**
 * Checks value ranges, sample order and id uniqueness of `n` saved rows.
 * @returns the largest sample of a model beat (the store's model horizon), −1 when none.
 * @throws ReviewFileError naming the first bad row.
 */
export function checkColumns(c: BeatColumns, n: number, nextId: number, file: string): number {
  // Rows are never removed (beat-store.ts), so every id ever given is a row: nextId ≤ n.
  // Checked before the array below is sized by it.
  if (nextId > n) throw new ReviewFileError(file, `nextId ${nextId} is more than the ${n} beats: ids are given to rows only.`);
  const seen = new Uint8Array(nextId);
  let horizon = -1;
  for (let i = 0; i < n; i++) {
    const sample = c.sample[i] as number;
    const id = c.id[i] as number;
    if (sample < 0 || (i > 0 && sample < (c.sample[i - 1] as number))) {
      throw new ReviewFileError(file, `beat ${i}: sample ${sample} is negative or out of order.`);
    }
    if (id < 0 || id >= nextId || seen[id] === 1) {
      throw new ReviewFileError(file, `beat ${i}: id ${id} is repeated or not below nextId ${nextId}.`);
    }
    seen[id] = 1;
    const problem = rowProblem(c, i);
    if (problem !== null) throw new ReviewFileError(file, `beat ${i} (id ${id}): ${problem}.`);
    if ((c.predicted[i] as number) >= 0) horizon = sample;
  }
  return horizon;
}

function checkEntry(store: BeatStore, entry: HistoryEntry, where: string, file: string): void {
  if (entry.change.field === 'prediction') {
    checkPredictionChange(store, entry.change, where, file);
    return;
  }
  const max = entry.change.field === 'label' ? 4 : 1;
  const min = entry.change.field === 'label' ? -1 : 0;
  if (entry.change.after < min || entry.change.after > max) throw new ReviewFileError(file, `${where}: value ${entry.change.after} does not fit ${entry.change.field}.`);
  for (let k = 0; k < entry.change.ids.length; k++) {
    const id = entry.change.ids[k] as number;
    const before = entry.change.before[k] as number;
    if (store.positionOf(id) < 0) throw new ReviewFileError(file, `${where}: beat id ${id} is not in the review.`);
    if (before < min || before > max) throw new ReviewFileError(file, `${where}: value ${before} does not fit ${entry.change.field}.`);
  }
}

/** Replays `entries` on copies of the columns; each must find the values it expects. */
function replay(store: BeatStore, entries: readonly HistoryEntry[], direction: 'back' | 'forward', name: string, file: string): void {
  const label = store.columns.reviewerLabel.slice(0, store.length);
  const deleted = store.columns.deleted.slice(0, store.length);
  const predicted = store.columns.predicted.slice(0, store.length);
  const confidence = store.columns.confidence.slice(0, store.length);
  for (let e = entries.length - 1; e >= 0; e--) {
    const { change } = entries[e] as HistoryEntry;
    if (change.field === 'prediction') {
      const [expected, next] = direction === 'back' ? [change.after, change.before] : [change.before, change.after];
      for (let k = 0; k < change.ids.length; k++) {
        const pos = store.positionOf(change.ids[k] as number);
        if (!predictionMatches(predicted, confidence, pos, expected, k)) {
          throw new ReviewFileError(file, `${name}[${e}] does not match the beats' predictions (beat id ${change.ids[k]}): the history was not saved with these beats.`);
        }
        predicted[pos] = next.predicted[k] as number;
        confidence[pos] = next.confidence[k] as number;
      }
      continue;
    }
    const column = change.field === 'label' ? label : deleted;
    for (let k = 0; k < change.ids.length; k++) {
      const pos = store.positionOf(change.ids[k] as number);
      const expected = direction === 'back' ? change.after : (change.before[k] as number);
      if (column[pos] !== expected) {
        throw new ReviewFileError(file, `${name}[${e}] does not match the beats (beat id ${change.ids[k]}): the history was not saved with these beats.`);
      }
      column[pos] = direction === 'back' ? (change.before[k] as number) : change.after;
    }
  }
}

/**
 * Checks that the undo and redo stacks fit the beats: undoing from newest to oldest finds
 * each edit's "after" values, and redoing finds each undone edit's "before" values.
 * @throws ReviewFileError naming the stack entry that does not fit.
 */
export function checkHistory(store: BeatStore, undo: readonly HistoryEntry[], redo: readonly HistoryEntry[], file: string): void {
  undo.forEach((entry, i) => checkEntry(store, entry, `undo[${i}]`, file));
  redo.forEach((entry, i) => checkEntry(store, entry, `redo[${i}]`, file));
  replay(store, undo, 'back', 'undo', file);
  replay(store, redo, 'forward', 'redo', file);
}

/** Checks that the audit trail's sequence numbers increase. */
export function checkAudit(audit: readonly AuditEntry[], file: string): void {
  for (let i = 1; i < audit.length; i++) {
    if ((audit[i] as AuditEntry).seq <= (audit[i - 1] as AuditEntry).seq) {
      throw new ReviewFileError(file, `audit[${i}]: sequence number ${(audit[i] as AuditEntry).seq} does not follow ${(audit[i - 1] as AuditEntry).seq}.`);
    }
  }
}
