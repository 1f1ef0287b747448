/**
 * The model-output side of the history: a patient adaptation re-classifies the beats, and
 * that is one undoable step (`PredictionChange`) holding, per beat it touched, the model's
 * label, confidence and Monte Carlo uncertainty before and after. Applying it forward or
 * back writes those values exactly (float32 as stored), so undo restores the previous
 * predictions bit for bit and redo re-applies the adapted ones. The reviewer's labels are a
 * separate column (beat-store.ts) and are never touched. The uncertainty after is always NaN:
 * the background pass (./uncertainty.ts) recomputes it with the adapted model.
 *
 * Also here: the change's saved form (persistence.ts) and its consistency check against the
 * beats (persistence-checks.ts).
 */
import { z } from 'zod';
import type { BeatStore } from './beat-store';
import { NO_LABEL } from './labels';
import { ReviewFileError } from './review-file-error';

/** Model outputs of some beats. */
export interface PredictionValues {
  predicted: Int8Array;
  confidence: Float32Array;
}

/** One re-classification of some model beats. */
export interface PredictionChange {
  field: 'prediction';
  ids: Int32Array;
  before: PredictionValues & { uncertainty: Float32Array };
  after: PredictionValues;
  /** The adapted model in force (its folder name) before and after; null: the review's own model. */
  model: { before: string | null; after: string | null };
}

/** Writes `change` forward (the adapted outputs) or back (the previous ones). @throws RangeError for an id the store lacks (a bug). */
export function applyPredictionChange(store: BeatStore, change: PredictionChange, direction: 'forward' | 'back'): void {
  const c = store.columns;
  const values = direction === 'forward' ? change.after : change.before;
  for (let k = 0; k < change.ids.length; k++) {
    const pos = store.positionOf(change.ids[k] as number);
    if (pos < 0) throw new RangeError(`History names beat ${change.ids[k]}, which the review does not hold.`);
    c.predicted[pos] = values.predicted[k] as number;
    c.confidence[pos] = values.confidence[k] as number;
    c.uncertainty[pos] = direction === 'forward' ? Number.NaN : (change.before.uncertainty[k] as number);
  }
}

/**
 * The change that gives beats `ids` the new outputs (count × classes `probabilities`, one
 * row per id, arg-max = label, its probability = confidence). Ids that are not model beats
 * (added by the reviewer) or no longer in the store are left out.
 * @returns the change and how many beats change their model label.
 */
export function planPredictionChange(
  store: BeatStore,
  ids: Int32Array,
  probabilities: Float32Array,
  classes: number,
  model: PredictionChange['model'],
): { change: PredictionChange; relabelled: number } {
  const c = store.columns;
  const keep: number[] = [];
  const rows: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const pos = store.positionOf(ids[k] as number);
    if (pos >= 0 && c.predicted[pos] !== NO_LABEL) {
      keep.push(pos);
      rows.push(k);
    }
  }
  const n = keep.length;
  const change: PredictionChange = {
    field: 'prediction',
    ids: new Int32Array(n),
    before: { predicted: new Int8Array(n), confidence: new Float32Array(n), uncertainty: new Float32Array(n) },
    after: { predicted: new Int8Array(n), confidence: new Float32Array(n) },
    model,
  };
  let relabelled = 0;
  keep.forEach((pos, k) => {
    const row = rows[k] as number;
    let best = 0;
    for (let j = 1; j < classes; j++) if ((probabilities[row * classes + j] as number) > (probabilities[row * classes + best] as number)) best = j;
    change.ids[k] = c.id[pos] as number;
    change.before.predicted[k] = c.predicted[pos] as number;
    change.before.confidence[k] = c.confidence[pos] as number;
    change.before.uncertainty[k] = c.uncertainty[pos] as number;
    change.after.predicted[k] = best;
    change.after.confidence[k] = Math.min(1, Math.max(0, probabilities[row * classes + best] as number));
    if (best !== c.predicted[pos]) relabelled++;
  });
  return { change, relabelled };
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** The saved form of a history entry holding a {@link PredictionChange} (action 'adapt'). */
export const predictionEntrySchema = z.object({
  action: z.literal('adapt'),
  summary: z.string(),
  description: z.string(),
  field: z.literal('prediction'),
  ids: base64,
  before: z.object({ predicted: base64, confidence: base64, uncertainty: base64 }),
  after: z.object({ predicted: base64, confidence: base64 }),
  model: z.object({ before: z.string().nullable(), after: z.string().nullable() }),
});
export type SavedPredictionEntry = z.infer<typeof predictionEntrySchema>;

type Typed = Int32Array | Int8Array | Float32Array;
const encode = (a: Typed): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode<T extends Typed>(text: string, ctor: new (n: number) => T, count: number, what: string, file: string): T {
  const bytes = Buffer.from(text, 'base64');
  const out = new ctor(count);
  if (bytes.byteLength !== out.byteLength) throw new ReviewFileError(file, `${what} holds ${bytes.byteLength} bytes where ${count} values need ${out.byteLength}.`);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The saved form of `change` with the entry's texts. */
export function encodePredictionEntry(entry: { summary: string; description: string }, change: PredictionChange): SavedPredictionEntry {
  return {
    action: 'adapt',
    summary: entry.summary,
    description: entry.description,
    field: 'prediction',
    ids: encode(change.ids),
    before: { predicted: encode(change.before.predicted), confidence: encode(change.before.confidence), uncertainty: encode(change.before.uncertainty) },
    after: { predicted: encode(change.after.predicted), confidence: encode(change.after.confidence) },
    model: change.model,
  };
}

/** The change of a saved entry; `where` ("undo[3]") names it in errors. @throws ReviewFileError */
export function decodePredictionChange(raw: SavedPredictionEntry, where: string, file: string): PredictionChange {
  const count = Buffer.byteLength(raw.ids, 'base64') / 4;
  if (!Number.isInteger(count)) throw new ReviewFileError(file, `${where}: its beat list is cut.`);
  const at = (what: string): string => `${where} ${what}`;
  return {
    field: 'prediction',
    ids: decode(raw.ids, Int32Array, count, at('ids'), file),
    before: {
      predicted: decode(raw.before.predicted, Int8Array, count, at('before.predicted'), file),
      confidence: decode(raw.before.confidence, Float32Array, count, at('before.confidence'), file),
      uncertainty: decode(raw.before.uncertainty, Float32Array, count, at('before.uncertainty'), file),
    },
    after: {
      predicted: decode(raw.after.predicted, Int8Array, count, at('after.predicted'), file),
      confidence: decode(raw.after.confidence, Float32Array, count, at('after.confidence'), file),
    },
    model: raw.model,
  };
}

/** Why a saved value set cannot be a model output, or null. */
function valuesProblem(v: PredictionValues, k: number): string | null {
  const label = v.predicted[k] as number;
  const confidence = v.confidence[k] as number;
  if (label < 0 || label > 4) return `label ${label} is not a class`;
  if (!(confidence >= 0 && confidence <= 1)) return `confidence ${confidence} is not a probability`;
  return null;
}

/**
 * Checks a saved change against the store: every id a model beat, every value a class and
 * a probability. (The replay of the stacks, persistence-checks.ts, checks that the values fit.)
 * @throws ReviewFileError naming the entry.
 */
export function checkPredictionChange(store: BeatStore, change: PredictionChange, where: string, file: string): void {
  for (let k = 0; k < change.ids.length; k++) {
    const pos = store.positionOf(change.ids[k] as number);
    if (pos < 0 || store.columns.predicted[pos] === NO_LABEL) throw new ReviewFileError(file, `${where}: beat id ${change.ids[k]} is not a model beat of the review.`);
    const problem = valuesProblem(change.before, k) ?? valuesProblem(change.after, k);
    if (problem !== null) throw new ReviewFileError(file, `${where}: beat id ${change.ids[k]}: ${problem}.`);
  }
}

/** Whether the columns at `pos` hold `values[k]` (confidence compared as float32 bits). */
export function predictionMatches(predicted: Int8Array, confidence: Float32Array, pos: number, values: PredictionValues, k: number): boolean {
  return predicted[pos] === values.predicted[k] && Object.is(confidence[pos], values.confidence[k]);
}
