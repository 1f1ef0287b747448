/**
 * The beat tables: CSV (RFC 4180) and JSON, written from the export rows (beat-rows.ts).
 *
 * CSV: UTF-8 without a byte-order mark, CRLF line ends, one header row, then one row per
 * beat in time order:
 *
 *   id, sample, time_s, time, class, model_class, confidence, reviewed, added, review,
 *   edited_by, edited_at
 *
 * `time_s` has millisecond precision (the frame number in `sample` is exact); `time` is
 * HH:MM:SS.mmm from the start of the record; classes are AAMI classes (N S V F Q);
 * `confidence` is the model's probability of `model_class` (4 decimals), empty with
 * `model_class` for a beat the reviewer added; booleans are `true`/`false`; `review` is
 * empty, `confirmed`, `relabelled` or `added`; `edited_at` is ISO 8601 (UTC). A field is
 * quoted when it holds a comma, a double quote, CR or LF, with its quotes doubled. A
 * reviewer's name that starts with = + - or @ gets a leading apostrophe in the CSV only, so
 * that a spreadsheet does not run it as a formula (OWASP "CSV injection"); the JSON keeps
 * names exactly.
 *
 * JSON: `{ format: "rhythm-attention-beats", version: 1, record, frameRateHz, exportedAt,
 * analysisComplete, model, beatCount, beats: [...] }` with one object per beat carrying the
 * same facts under camelCase names (`timeSec`, `modelClass`, `editedBy`, …).
 */
import type { BeatRow } from './beat-rows';

/** The `format` field of a JSON beat table. */
export const BEAT_TABLE_FORMAT = 'rhythm-attention-beats';
/** Its version. */
export const BEAT_TABLE_VERSION = 1;

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'id',
  'sample',
  'time_s',
  'time',
  'class',
  'model_class',
  'confidence',
  'reviewed',
  'added',
  'review',
  'edited_by',
  'edited_at',
] as const;

/** Facts about the review that the JSON table carries beside the beats. */
export interface BeatTableMeta {
  record: string;
  frameRateHz: number;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  analysisComplete: boolean;
  model: { name: string; version: string; backend: string } | null;
}

/** One CSV field as RFC 4180 writes it: quoted (quotes doubled) when it holds `,` `"` CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Free text for a spreadsheet: a leading = + - @ would start a formula, so it gets an apostrophe. */
export function spreadsheetText(value: string): string {
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

function csvRow(row: BeatRow): string[] {
  return [
    String(row.id),
    String(row.sample),
    row.timeSec.toFixed(3),
    row.clock,
    row.label,
    row.predicted ?? '',
    row.confidence === null ? '' : row.confidence.toFixed(4),
    String(row.reviewed),
    String(row.added),
    row.review,
    row.editedBy === null ? '' : spreadsheetText(row.editedBy),
    row.editedAt ?? '',
  ];
}

/** The CSV table of `rows` (see the module comment). */
export function formatBeatsCsv(rows: readonly BeatRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(csvRow(row).map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One beat of the JSON table. */
export interface JsonBeat {
  id: number;
  sample: number;
  timeSec: number;
  time: string;
  class: string;
  modelClass: string | null;
  confidence: number | null;
  reviewed: boolean;
  added: boolean;
  review: string;
  editedBy: string | null;
  editedAt: string | null;
}

/** The JSON table of `rows` with `meta` (see the module comment): the envelope indented, one beat per line. */
export function formatBeatsJson(rows: readonly BeatRow[], meta: BeatTableMeta): string {
  const beats: JsonBeat[] = rows.map((row) => ({
    id: row.id,
    sample: row.sample,
    timeSec: Number(row.timeSec.toFixed(6)),
    time: row.clock,
    class: row.label,
    modelClass: row.predicted,
    confidence: row.confidence === null ? null : Number(row.confidence.toFixed(6)),
    reviewed: row.reviewed,
    added: row.added,
    review: row.review,
    editedBy: row.editedBy,
    editedAt: row.editedAt,
  }));
  const head = JSON.stringify({ format: BEAT_TABLE_FORMAT, version: BEAT_TABLE_VERSION, ...meta, beatCount: beats.length }, null, 1);
  // One beat per line: readable, and a third the size of indenting every field.
  const list = beats.length === 0 ? '[]' : `[\n${beats.map((b) => `  ${JSON.stringify(b)}`).join(',\n')}\n ]`;
  return `${head.slice(0, -2)},\n "beats": ${list}\n}\n`;
}
