/**
 * Reviewer edits as reversible changes. Every edit becomes one `BeatChange`: a column
 * ('label' = the reviewer's label, 'deleted'), the beats it touches, their values before
 * and the single value after. Applying it forward or back is then exact, whatever the
 * edit was, which is what undo/redo and the saved history rely on:
 *
 *   relabel / relabel-template: label  before = the reviewer labels, after = the new label
 *   delete:                     deleted before = 0 (only shown beats), after = 1
 *   add:                        a hidden row is inserted first (beat-store.ts);
 *                               deleted before = 1, after = 0
 *   adapt (not a reviewer edit): the model's outputs, see prediction-change.ts
 */
import { AppError } from '../../shared/errors';
import type { BeatLabel, ReviewEdit } from '../../shared/review';
import type { BeatStore } from './beat-store';
import { beatsText, formatClock, labelAt, labelIndex } from './labels';
import { applyPredictionChange, type PredictionChange } from './prediction-change';

/** What an edit did, as the audit trail names it ('adapt': a patient adaptation re-classified the beats). */
export type EditAction = ReviewEdit['kind'] | 'adapt';

/** One reversible change of one column over some beats. */
export interface BeatChange {
  field: 'label' | 'deleted';
  ids: Int32Array;
  /** The column's value per beat before the change. */
  before: Int8Array;
  /** The value every beat has after it. */
  after: number;
}

/** An applied edit, as the undo and redo stacks keep it. */
export interface HistoryEntry {
  action: EditAction;
  /** For the undo/redo menu: "relabel 1 beat V → N". */
  summary: string;
  /** For the audit trail: "relabelled 1 beat at 00:12:03.412 from V to N". */
  description: string;
  /** A reviewer edit's label/deleted change, or an adaptation's re-classification (./prediction-change). */
  change: BeatChange | PredictionChange;
}

/** An edit whose 'add' sample is already on the R peak (the services snap it). */
export type ResolvedEdit = ReviewEdit;

/** Facts about the record an edit needs. */
export interface EditContext {
  frameRateHz: number;
  /** An added beat closer than this to a shown beat is refused as a duplicate. */
  minGapSamples: number;
  /** Beats may be added only before this sample (the part analysed so far). */
  addLimitSample: number;
}

function invalid(message: string): AppError {
  return new AppError('review/invalid-edit', message);
}

/** Applies `change` forward (redo, first application) or back (undo). */
export function applyChange(store: BeatStore, change: BeatChange | PredictionChange, direction: 'forward' | 'back'): void {
  if (change.field === 'prediction') {
    applyPredictionChange(store, change, direction);
    return;
  }
  const { ids, before, after } = change;
  const labels = store.columns.reviewerLabel;
  for (let k = 0; k < ids.length; k++) {
    const pos = store.positionOf(ids[k] as number);
    if (pos < 0) throw new RangeError(`History names beat ${ids[k]}, which the review does not hold.`);
    const value = direction === 'forward' ? after : (before[k] as number);
    if (change.field === 'deleted') store.setDeleted(pos, value);
    else labels[pos] = value;
  }
}

/** Rows of shown beats `ids` (duplicates dropped), in time order. @throws 'review/invalid-edit' */
function shownPositions(store: BeatStore, ids: readonly number[]): number[] {
  const positions = new Set<number>();
  for (const id of ids) {
    const pos = store.positionOf(id);
    if (pos < 0 || store.columns.deleted[pos] === 1) {
      throw invalid(`Beat ${id} is not in the review${pos >= 0 ? ' (it was deleted)' : ''}.`);
    }
    positions.add(pos);
  }
  return [...positions].sort((a, b) => a - b);
}

/** "at 00:00:01.000" for one beat, "from 00:00:01.000 to 00:05:00.000" for several. */
function spanText(store: BeatStore, positions: readonly number[], frameRateHz: number): string {
  const time = (pos: number): string => formatClock((store.columns.sample[pos] as number) / frameRateHz);
  const first = positions[0] ?? 0;
  const last = positions[positions.length - 1] ?? first;
  return positions.length === 1 ? `at ${time(first)}` : `from ${time(first)} to ${time(last)}`;
}

/** "V" for one label, "V (2), S (1)" for a mix, most frequent first. */
function labelsText(store: BeatStore, positions: readonly number[]): string {
  const counts = new Map<BeatLabel, number>();
  for (const pos of positions) {
    const label = labelAt(store.labelAt(pos));
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 1) return sorted[0]?.[0] ?? '';
  return sorted.map(([label, n]) => `${label} (${n.toLocaleString('en-US')})`).join(', ');
}

function labelChange(store: BeatStore, positions: readonly number[], label: BeatLabel): BeatChange {
  const ids = new Int32Array(positions.length);
  const before = new Int8Array(positions.length);
  positions.forEach((pos, k) => {
    ids[k] = store.columns.id[pos] as number;
    before[k] = store.columns.reviewerLabel[pos] as number;
  });
  return { field: 'label', ids, before, after: labelIndex(label) };
}

function planRelabel(store: BeatStore, beatIds: readonly number[], label: BeatLabel, ctx: EditContext): HistoryEntry {
  const positions = shownPositions(store, beatIds);
  const from = labelsText(store, positions);
  const n = positions.length;
  return {
    action: 'relabel',
    summary: `relabel ${beatsText(n)} ${n === 1 ? `${from} → ${label}` : `→ ${label}`}`,
    description: `relabelled ${beatsText(n)} ${spanText(store, positions, ctx.frameRateHz)} from ${from} to ${label}`,
    change: labelChange(store, positions, label),
  };
}

function planRelabelTemplate(store: BeatStore, templateId: number, label: BeatLabel): HistoryEntry {
  const positions: number[] = [];
  const { templateId: templates, deleted } = store.columns;
  for (let pos = 0; pos < store.length; pos++) {
    if (templates[pos] === templateId && deleted[pos] === 0) positions.push(pos);
  }
  if (positions.length === 0) throw invalid(`Template ${templateId} has no beats in the review.`);
  const from = labelsText(store, positions);
  const n = beatsText(positions.length);
  return {
    action: 'relabel-template',
    summary: `relabel template ${templateId} (${n}) → ${label}`,
    description: `relabelled template ${templateId} (${n}) from ${from} to ${label}`,
    change: labelChange(store, positions, label),
  };
}

function planDelete(store: BeatStore, beatIds: readonly number[], ctx: EditContext): HistoryEntry {
  const positions = shownPositions(store, beatIds);
  const ids = Int32Array.from(positions, (pos) => store.columns.id[pos] as number);
  const n = beatsText(positions.length);
  return {
    action: 'delete',
    summary: `delete ${n}`,
    description: `deleted ${n} ${spanText(store, positions, ctx.frameRateHz)} (${labelsText(store, positions)})`,
    change: { field: 'deleted', ids, before: new Int8Array(ids.length), after: 1 },
  };
}

/** Index of the shown beat nearest `sample`, or −1 when there is none. */
function nearestShown(store: BeatStore, sample: number): number {
  const { sample: samples, deleted } = store.columns;
  let best = -1;
  const at = store.lowerBound(sample);
  for (let pos = at; pos < store.length; pos++) {
    if (deleted[pos] === 0) {
      best = pos;
      break;
    }
  }
  for (let pos = at - 1; pos >= 0; pos--) {
    if (deleted[pos] === 0) {
      if (best < 0 || sample - (samples[pos] as number) < (samples[best] as number) - sample) best = pos;
      break;
    }
  }
  return best;
}

function planAdd(store: BeatStore, sample: number, label: BeatLabel, ctx: EditContext): HistoryEntry {
  const at = formatClock(sample / ctx.frameRateHz);
  if (sample >= ctx.addLimitSample) {
    throw invalid(`Cannot add a beat at ${at}: the analysis has not reached that time yet.`);
  }
  const near = nearestShown(store, sample);
  if (near >= 0 && Math.abs((store.columns.sample[near] as number) - sample) < ctx.minGapSamples) {
    const other = formatClock((store.columns.sample[near] as number) / ctx.frameRateHz);
    throw invalid(`Cannot add a beat at ${at}: beat ${store.columns.id[near]} at ${other} is already there.`);
  }
  const id = store.insertAddedBeat(sample, labelIndex(label));
  const article = label === 'N' || label === 'S' || label === 'F' ? 'an' : 'a';
  return {
    action: 'add',
    summary: `add ${label} beat at ${at}`,
    description: `added ${article} ${label} beat at ${at}`,
    change: { field: 'deleted', ids: Int32Array.of(id), before: Int8Array.of(1), after: 0 },
  };
}

/**
 * Turns an edit into a history entry without applying it (an 'add' inserts its hidden row).
 * @throws AppError 'review/invalid-edit' naming the beat or template that is not there, or
 *   why a beat cannot be added.
 */
export function planEdit(store: BeatStore, edit: ResolvedEdit, ctx: EditContext): HistoryEntry {
  switch (edit.kind) {
    case 'relabel':
      return planRelabel(store, edit.beatIds, edit.label, ctx);
    case 'relabel-template':
      return planRelabelTemplate(store, edit.templateId, edit.label);
    case 'delete':
      return planDelete(store, edit.beatIds, ctx);
    case 'add':
      return planAdd(store, edit.sample, edit.label, ctx);
  }
}
