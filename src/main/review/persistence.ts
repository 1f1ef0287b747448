/**
 * The saved form of a review (format "rhythm-attention-review", version 1): one JSON object
 * whose beat columns and history ids are base64 of little-endian typed arrays (every
 * platform Electron runs on is little-endian), which keeps a 24-hour review near 3 MB and
 * makes saving and reading it a few milliseconds.
 *
 * Reading trusts nothing: the envelope is checked with zod, every column's length and
 * value range, the sample order, the ids, and the undo/redo stacks are replayed against
 * the beats to prove they fit. Any failure is a `ReviewFileError` naming the file and the
 * problem.
 */
import { z } from 'zod';
import { BeatStore, type BeatColumns } from './beat-store';
import { ReviewDocument } from './document';
import type { HistoryEntry } from './edits';
import { checkAudit, checkColumns, checkHistory } from './persistence-checks';
import { withNoise } from './noise';
import { adaptationSchema } from './adaptation-schema';
import { decodePredictionChange, encodePredictionEntry, predictionEntrySchema } from './prediction-change';
import { ReviewFileError } from './review-file-error';

export { ReviewFileError };

/** The `format` field of a review file. */
export const REVIEW_FORMAT = 'rhythm-attention-review';
/** The version this code writes and reads. */
export const REVIEW_VERSION = 1;

/** What identifies the record a review belongs to: header path, sizes and times of its files. */
export interface RecordFingerprint {
  headerPath: string;
  files: { name: string; size: number; mtimeMs: number }[];
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const label = z.number().int().min(-1).max(4);
const historyEntry = z.object({
  action: z.enum(['relabel', 'relabel-template', 'add', 'delete']),
  summary: z.string(),
  description: z.string(),
  field: z.enum(['label', 'deleted']),
  ids: base64,
  before: base64,
  after: label,
});
const auditEntry = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  reviewer: z.string(),
  action: z.enum(['relabel', 'relabel-template', 'add', 'delete', 'adapt', 'undo', 'redo']),
  description: z.string(),
  beatCount: z.number().int().min(0),
  beatIds: z.array(z.number().int().min(0)),
});
const noiseSpan = z
  .tuple([z.number().min(0).finite(), z.number().min(0).finite()])
  .refine(([start, end]) => end > start, 'a noise segment must end after it starts');
const reviewFile = z.object({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  savedAt: z.string(),
  fingerprint: z.object({
    headerPath: z.string(),
    files: z.array(z.object({ name: z.string(), size: z.number(), mtimeMs: z.number() })),
  }),
  frameRateHz: z.number().positive().finite(),
  revision: z.number().int().min(0),
  analysis: z.object({
    analysedSec: z.number().min(0).finite(),
    fraction: z.number().min(0).max(1),
    complete: z.boolean(),
    model: z.object({ name: z.string(), version: z.string(), backend: z.string() }).nullable(),
    /** The adapted model in force (patient adaptation, issue 9); absent in older files. */
    adaptedModel: z.string().nullable().optional(),
    /** Noise segments, [startSec, endSec) pairs in time order (issue 11); absent in older files: none. */
    noise: z.array(noiseSpan).optional(),
  }),
  beats: z.object({
    count: z.number().int().min(0),
    nextId: z.number().int().min(0),
    sample: base64,
    id: base64,
    predicted: base64,
    confidence: base64,
    templateId: base64,
    reviewerLabel: base64,
    deleted: base64,
    /** Float32 per beat, NaN = not reached; absent in files saved before the uncertainty pass (issue 9). */
    uncertainty: base64.optional(),
  }),
  undo: z.array(z.union([historyEntry, predictionEntrySchema])),
  redo: z.array(z.union([historyEntry, predictionEntrySchema])),
  audit: z.array(auditEntry),
  /** The last patient adaptation that ended (issue 9); absent in older files. */
  adaptation: adaptationSchema.nullable().optional(),
});

/** The JSON form of a review file. */
export type ReviewFile = z.infer<typeof reviewFile>;

type Typed = Int32Array | Int8Array | Float32Array | Uint8Array;

function encode(array: Typed, length = array.length): string {
  return Buffer.from(array.buffer, array.byteOffset, length * array.BYTES_PER_ELEMENT).toString('base64');
}

function decode<T extends Typed>(text: string, ctor: (new (n: number) => T) & { BYTES_PER_ELEMENT: number }, count: number, what: string, file: string): T {
  const bytes = Buffer.from(text, 'base64');
  // Compared before allocating: a damaged count must not ask for gigabytes (or throw a RangeError).
  const needed = count * ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== needed) {
    throw new ReviewFileError(file, `${what} holds ${bytes.byteLength} bytes where ${count} values need ${needed}.`);
  }
  const out = new ctor(count);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function encodeEntry(entry: HistoryEntry): ReviewFile['undo'][number] {
  const { change } = entry;
  if (change.field === 'prediction') return encodePredictionEntry(entry, change);
  if (entry.action === 'adapt') throw new RangeError('an adapt entry must hold a prediction change');
  return {
    action: entry.action,
    summary: entry.summary,
    description: entry.description,
    field: change.field,
    ids: encode(change.ids),
    before: encode(change.before),
    after: change.after,
  };
}

/** The saved form of `doc`. */
export function encodeReview(doc: ReviewDocument, fingerprint: RecordFingerprint, savedAt: Date): ReviewFile {
  const { store } = doc;
  const c = store.columns;
  const n = store.length;
  return {
    format: REVIEW_FORMAT,
    version: REVIEW_VERSION,
    savedAt: savedAt.toISOString(),
    fingerprint,
    frameRateHz: doc.frameRateHz,
    revision: doc.revision,
    analysis: {
      analysedSec: doc.analysedSec,
      fraction: doc.fraction,
      complete: doc.complete,
      model: doc.model,
      adaptedModel: doc.adaptedModelId,
      noise: doc.noise.map((n) => [n.startSec, n.endSec] as [number, number]),
    },
    beats: {
      count: n,
      nextId: store.nextId,
      sample: encode(c.sample, n),
      id: encode(c.id, n),
      predicted: encode(c.predicted, n),
      confidence: encode(c.confidence, n),
      templateId: encode(c.templateId, n),
      reviewerLabel: encode(c.reviewerLabel, n),
      deleted: encode(c.deleted, n),
      uncertainty: encode(c.uncertainty, n),
    },
    undo: doc.history.undoStack.map(encodeEntry),
    redo: doc.history.redoStack.map(encodeEntry),
    audit: doc.history.audit,
    adaptation: doc.adaptation,
  };
}

function decodeEntry(raw: ReviewFile['undo'][number], where: string, file: string): HistoryEntry {
  if (raw.field === 'prediction') return { action: 'adapt', summary: raw.summary, description: raw.description, change: decodePredictionChange(raw, where, file) };
  const count = Buffer.byteLength(raw.ids, 'base64') / 4;
  if (!Number.isInteger(count) || count === 0) throw new ReviewFileError(file, `${where}: its beat list is empty or cut.`);
  return {
    action: raw.action,
    summary: raw.summary,
    description: raw.description,
    change: {
      field: raw.field,
      ids: decode(raw.ids, Int32Array, count, `${where} ids`, file),
      before: decode(raw.before, Int8Array, count, `${where} before`, file),
      after: raw.after,
    },
  };
}

function decodeColumns(beats: ReviewFile['beats'], file: string): BeatColumns {
  const n = beats.count;
  return {
    sample: decode(beats.sample, Int32Array, n, 'beats.sample', file),
    id: decode(beats.id, Int32Array, n, 'beats.id', file),
    predicted: decode(beats.predicted, Int8Array, n, 'beats.predicted', file),
    confidence: decode(beats.confidence, Float32Array, n, 'beats.confidence', file),
    templateId: decode(beats.templateId, Int32Array, n, 'beats.templateId', file),
    reviewerLabel: decode(beats.reviewerLabel, Int8Array, n, 'beats.reviewerLabel', file),
    deleted: decode(beats.deleted, Uint8Array, n, 'beats.deleted', file),
    uncertainty: beats.uncertainty === undefined ? new Float32Array(n).fill(Number.NaN) : decode(beats.uncertainty, Float32Array, n, 'beats.uncertainty', file),
  };
}

/**
 * Parses and checks a review file's text. `file` names it in errors.
 * @throws ReviewFileError when the text is not JSON, not a version-1 review, or not
 *   consistent (see the module comment).
 */
export function decodeReview(text: string, file: string): { doc: ReviewDocument; fingerprint: RecordFingerprint; savedAt: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReviewFileError(file, `not valid JSON (${(error as Error).message}).`);
  }
  const parsed = reviewFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReviewFileError(file, `not a review file of version ${REVIEW_VERSION}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}.`);
  }
  const saved = parsed.data;
  const columns = decodeColumns(saved.beats, file);
  const modelHorizon = checkColumns(columns, saved.beats.count, saved.beats.nextId, file);
  const store = BeatStore.fromColumns(columns, saved.beats.count, saved.beats.nextId, modelHorizon);
  const undo = saved.undo.map((e, i) => decodeEntry(e, `undo[${i}]`, file));
  const redo = saved.redo.map((e, i) => decodeEntry(e, `redo[${i}]`, file));
  checkHistory(store, undo, redo, file);
  checkAudit(saved.audit, file);
  const doc = new ReviewDocument(saved.frameRateHz, store);
  doc.history.undoStack = undo;
  doc.history.redoStack = redo;
  doc.history.audit = saved.audit;
  doc.revision = saved.revision;
  doc.analysedSec = saved.analysis.analysedSec;
  doc.fraction = saved.analysis.fraction;
  doc.complete = saved.analysis.complete;
  doc.model = saved.analysis.model;
  doc.adaptedModelId = saved.analysis.adaptedModel ?? null;
  doc.noise = withNoise([], (saved.analysis.noise ?? []).map(([startSec, endSec]) => ({ startSec, endSec })));
  doc.adaptation = saved.adaptation ?? null;
  return { doc, fingerprint: saved.fingerprint, savedAt: saved.savedAt };
}
