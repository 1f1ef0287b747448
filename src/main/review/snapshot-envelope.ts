/**
 * The integrity record of a saved review. The file stays one JSON object, with a first
 * member that the review schema (persistence.ts) does not know and ignores:
 *
 *   {"integrity":{"sha256":"<64 hex>","length":<bytes>,"journalSeq":<n>},"format":…}
 *
 * `sha256` and `length` are of the body: the same text without the integrity member, that
 * is `{` followed by everything after the member's comma (JSON.stringify of the review).
 * `journalSeq` is the last journal record (journal.ts) the snapshot holds. Any change of a
 * byte, a cut or an appended tail is then found before the review is used, where the
 * schema alone would accept, say, a label changed from one valid class to another.
 *
 * A file that starts with `{"format":` is a review saved before integrity records existed:
 * it is read as it is (the schema and consistency checks still apply), journalSeq 0.
 */
import { createHash } from 'node:crypto';
import { ReviewFileError } from './review-file-error';

const PREFIX = /^\{"integrity":\{"sha256":"([0-9a-f]{64})","length":(\d{1,12}),"journalSeq":(\d{1,15})\},/;
const LEGACY_START = '{"format":';

/** The body of `text` and the journal sequence number it holds. */
export interface OpenedEnvelope {
  body: string;
  journalSeq: number;
  /** The file had no integrity record (saved by an older version). */
  legacy: boolean;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The file text for the review JSON `body` (which must start with `{` and hold a member). */
export function sealSnapshot(body: string, journalSeq: number): string {
  if (!body.startsWith('{"')) throw new TypeError('sealSnapshot: the body is not a non-empty JSON object');
  const length = Buffer.byteLength(body, 'utf8');
  return `{"integrity":{"sha256":"${sha256(body)}","length":${length},"journalSeq":${journalSeq}},${body.slice(1)}`;
}

/**
 * Checks the integrity record of a review file's text; `file` names it in errors.
 * @throws ReviewFileError when the text is empty, has neither an integrity record nor the
 *   start of an older review, or its body's length or checksum differ from the record.
 */
export function openSnapshot(text: string, file: string): OpenedEnvelope {
  if (text.length === 0) throw new ReviewFileError(file, 'is empty (0 bytes).');
  if (text.startsWith(LEGACY_START)) return { body: text, journalSeq: 0, legacy: true };
  const match = PREFIX.exec(text);
  if (!match) throw new ReviewFileError(file, 'has no valid integrity record at its start: it is damaged or not a review file.');
  const body = `{${text.slice(match[0].length)}`;
  const expected = Number(match[2]);
  const length = Buffer.byteLength(body, 'utf8');
  if (length !== expected) {
    const how = length < expected ? 'is truncated' : 'has extra bytes';
    throw new ReviewFileError(file, `${how}: its body holds ${length} bytes where its integrity record says ${expected}.`);
  }
  if (sha256(body) !== match[1]) throw new ReviewFileError(file, 'checksum mismatch: the file was changed or damaged after it was saved.');
  return { body, journalSeq: Number(match[3]), legacy: false };
}
