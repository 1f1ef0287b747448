/**
 * The records of a review journal (journal.ts) and how each is replayed on a document.
 *
 * Journal format, version 1 (`<review file>.journal`): UTF-8 text, one record per line,
 *
 *   <crc32 of the JSON text, 8 lowercase hex digits> <space> <JSON object> "\n"
 *
 * (CRC-32/ISO-HDLC as zlib.crc32 computes it). Every JSON object has `v` (1), `seq` (1, 2,
 * 3, … with no gap, continued across compactions) and `op`:
 *
 *   chunk   one block of the analysis: the ChunkInput fields, typed arrays as
 *           { t: 'i8'|'u8'|'i32'|'f32'|'f64', b: base64 of their little-endian bytes },
 *           its noise segments (when it has any) as `noise: [{ startSec, endSec }, …]`
 *   model   { model: {name, version, backend} | null }: the model that classifies
 *   settle  { state, analysedSec, fraction, complete }: the analysis stopped
 *   edit    { edit: ReviewEdit (an 'add' already on its R peak), reviewer, at, audit }
 *   undo, redo  { reviewer, at, audit }
 *   adapt   { entry: the patient adaptation's history entry in its saved form
 *           (prediction-change.ts `predictionEntrySchema`), reviewer, at, audit }
 *
 * `audit` is { seq, description } of the audit line the step wrote: replay writes the
 * line again and must find the same one, which proves the record lands on the state it was
 * written against (otherwise replay stops there and says so). A reader refuses another
 * `v`. Only documents of the same code version replay a journal: chunks are re-added, edits
 * re-planned, and the result is checked.
 */
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { CALLS } from '../../shared/ipc-contract';
import type { ReviewEdit } from '../../shared/review';
import type { ChunkInput, ReviewDocument } from './document';
import { decodePredictionChange, predictionEntrySchema, type SavedPredictionEntry } from './prediction-change';

/** The journal version this code writes and reads. */
export const JOURNAL_VERSION = 1;

type TypedTag = 'i8' | 'u8' | 'i32' | 'f32' | 'f64';
const TYPED: Record<TypedTag, new (buffer: ArrayBuffer) => ArrayBufferView> = {
  i8: Int8Array,
  u8: Uint8Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
};
const BYTES: Record<TypedTag, number> = { i8: 1, u8: 1, i32: 4, f32: 4, f64: 8 };

const noiseSpans = z.array(z.object({ startSec: z.number().min(0).finite(), endSec: z.number().min(0).finite() }));
const typedValue = z.object({ t: z.enum(['i8', 'u8', 'i32', 'f32', 'f64']), b: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) });
const audit = z.object({ seq: z.number().int().min(1), description: z.string() });
const actor = { reviewer: z.string(), at: z.iso.datetime() };
const base = { v: z.literal(JOURNAL_VERSION), seq: z.number().int().min(1) };
const recordSchema = z.discriminatedUnion('op', [
  z.object({ ...base, op: z.literal('chunk'), chunk: z.record(z.string(), z.union([typedValue, noiseSpans, z.number(), z.string(), z.boolean(), z.null()])) }),
  z.object({ ...base, op: z.literal('model'), model: z.object({ name: z.string(), version: z.string(), backend: z.string() }).nullable() }),
  z.object({
    ...base,
    op: z.literal('settle'),
    state: z.enum(['running', 'done', 'cancelled', 'failed']),
    analysedSec: z.number().min(0),
    fraction: z.number().min(0).max(1),
    complete: z.boolean(),
  }),
  z.object({ ...base, op: z.literal('edit'), edit: CALLS['review:edit'].request.shape.edit, ...actor, audit }),
  z.object({ ...base, op: z.enum(['undo', 'redo']), ...actor, audit }),
  z.object({ ...base, op: z.literal('adapt'), entry: predictionEntrySchema, ...actor, audit }),
]);

/** One journal record as read back. */
export type JournalRecord = z.infer<typeof recordSchema>;

/** What the session journals: a record without its version and sequence number. */
export type JournalOp =
  | { op: 'chunk'; chunk: ChunkInput }
  | { op: 'model'; model: { name: string; version: string; backend: string } | null }
  | { op: 'settle'; state: 'running' | 'done' | 'cancelled' | 'failed'; analysedSec: number; fraction: number; complete: boolean }
  | { op: 'edit'; edit: ReviewEdit; reviewer: string; at: string; audit: { seq: number; description: string } }
  | { op: 'undo' | 'redo'; reviewer: string; at: string; audit: { seq: number; description: string } }
  | { op: 'adapt'; entry: SavedPredictionEntry; reviewer: string; at: string; audit: { seq: number; description: string } };

function tagOf(value: ArrayBufferView): TypedTag | null {
  if (value instanceof Int8Array) return 'i8';
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Int32Array) return 'i32';
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Float64Array) return 'f64';
  return null;
}

/** The JSON form of a chunk: typed arrays as tagged base64, numbers as they are. */
function encodeChunk(chunk: ChunkInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(chunk)) {
    if (ArrayBuffer.isView(value)) {
      const t = tagOf(value);
      if (t === null) throw new TypeError(`journal: chunk field ${key} is a typed array of an unsupported kind`);
      out[key] = { t, b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Back from `encodeChunk`; null when a typed field's bytes do not fill whole values. */
function decodeChunk(json: Extract<JournalRecord, { op: 'chunk' }>['chunk']): ChunkInput | null {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (Array.isArray(value)) {
      out[key] = value;
    } else if (value !== null && typeof value === 'object') {
      const bytes = Buffer.from(value.b, 'base64');
      if (bytes.byteLength % BYTES[value.t] !== 0) return null;
      const copy = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(copy).set(bytes);
      out[key] = new TYPED[value.t](copy);
    } else {
      out[key] = value;
    }
  }
  const chunk = out as unknown as ChunkInput;
  const n = chunk.samples?.length;
  const ok = chunk.samples instanceof Int32Array && chunk.probabilities instanceof Float32Array && chunk.templateIds instanceof Int32Array;
  if (!ok || chunk.probabilities.length !== (n ?? 0) * 5 || chunk.templateIds.length !== n) return null;
  if (typeof chunk.analysedSec !== 'number' || typeof chunk.fraction !== 'number') return null;
  if (chunk.noise !== undefined && !Array.isArray(chunk.noise)) return null;
  return chunk;
}

/** One journal line (with its newline) for record `seq`. */
export function encodeRecord(seq: number, op: JournalOp): string {
  const body = op.op === 'chunk' ? { v: JOURNAL_VERSION, seq, op: 'chunk', chunk: encodeChunk(op.chunk) } : { v: JOURNAL_VERSION, seq, ...op };
  const json = JSON.stringify(body);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/**
 * Parses one journal line (without its newline).
 * @returns the record, or a problem in words (bad checksum, not JSON, not a record).
 */
export function decodeRecord(line: string): { record: JournalRecord } | { problem: string } {
  const match = /^([0-9a-f]{8}) (.*)$/s.exec(line);
  if (!match) return { problem: 'no checksum' };
  const json = match[2] as string;
  if (crc32(json) !== Number.parseInt(match[1] as string, 16)) return { problem: 'checksum mismatch' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  const version = (value as { v?: unknown } | null)?.v;
  if (version !== JOURNAL_VERSION) return { problem: `journal version ${String(version)} (this code reads ${JOURNAL_VERSION})` };
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return { problem: `not a journal record (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})` };
  return { record: parsed.data };
}

/** The newest audit line of `doc` must be the one the record wrote. */
function sameAudit(doc: ReviewDocument, expected: { seq: number; description: string }): string | null {
  const last = doc.history.audit[doc.history.audit.length - 1];
  if (last?.seq === expected.seq && last.description === expected.description) return null;
  return `its audit line #${expected.seq} "${expected.description}" came out as #${String(last?.seq)} "${last?.description ?? ''}"`;
}

/**
 * Applies one record to `doc` as the live session did.
 * @returns null when it applied and checked out, or why it does not fit.
 */
export function applyRecord(doc: ReviewDocument, record: JournalRecord): string | null {
  try {
    switch (record.op) {
      case 'chunk': {
        const chunk = decodeChunk(record.chunk);
        if (chunk === null) return 'its chunk columns do not agree in length';
        doc.appendChunk(chunk);
        return null;
      }
      case 'model':
        doc.model = record.model;
        return null;
      case 'settle':
        doc.complete = record.complete;
        doc.fraction = record.fraction;
        doc.analysedSec = record.analysedSec;
        doc.revision++;
        return null;
      case 'edit':
        doc.edit(record.edit, { reviewer: record.reviewer, at: new Date(record.at) });
        return sameAudit(doc, record.audit);
      case 'undo':
      case 'redo':
        doc[record.op]({ reviewer: record.reviewer, at: new Date(record.at) });
        return sameAudit(doc, record.audit);
      case 'adapt': {
        const { entry } = record;
        const change = decodePredictionChange(entry, `journal record ${record.seq}`, 'journal');
        doc.adapt({ action: 'adapt', summary: entry.summary, description: entry.description, change }, { reviewer: record.reviewer, at: new Date(record.at) });
        return sameAudit(doc, record.audit);
      }
    }
  } catch (error) {
    return `replaying it failed: ${(error as Error).message}`;
  }
}
