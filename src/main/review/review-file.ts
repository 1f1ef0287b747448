/**
 * Review files on disk: `<dataDir>/reviews/<record>-<hash of header path>.json`, written
 * atomically (writeFileAtomic: a crash leaves the old file or the new, never a mix) and
 * sealed with an integrity record (snapshot-envelope.ts) that is checked on reading. A file
 * that cannot be used is never deleted: it is renamed aside (`….corrupt-<time>.json`, or
 * `….stale-<time>.json` when its record changed) so that no reviewer work is lost.
 * The last good copy and the journal beside the file are review-store.ts's.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ReviewDocument } from './document';
import { decodeReview, encodeReview, type RecordFingerprint } from './persistence';
import { ReviewFileError } from './review-file-error';
import { openSnapshot, sealSnapshot } from './snapshot-envelope';

/**
 * Largest review file read (a 48-hour review with a long audit trail is tens of MB): a larger
 * one is refused unread rather than loaded whole into memory.
 */
export const MAX_REVIEW_FILE_BYTES = 256 * 1024 * 1024;

/** Folder of the review files inside the data folder. */
export const REVIEWS_FOLDER = 'reviews';

/** The review file of the record whose header is `headerPath`. */
export function reviewFilePath(dataDir: string, headerPath: string): string {
  const hash = createHash('sha256').update(headerPath).digest('hex').slice(0, 16);
  const name = basename(headerPath).replace(/\.hea$/i, '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return join(dataDir, REVIEWS_FOLDER, `${name}-${hash}.json`);
}

/**
 * The fingerprint of a record: its header and signal files (names relative to the header's
 * folder, as the header lists them), with size and modification time. A file that cannot
 * be read gets size −1, so its later appearance also counts as a change.
 */
export async function recordFingerprint(headerPath: string, signalFiles: readonly string[]): Promise<RecordFingerprint> {
  const folder = dirname(headerPath);
  const names = [basename(headerPath), ...new Set(signalFiles.filter((f) => f !== '~' && f !== ''))];
  const files = await Promise.all(
    names.map(async (name) => {
      try {
        const info = await stat(join(folder, name));
        return { name, size: info.size, mtimeMs: Math.floor(info.mtimeMs) };
      } catch {
        return { name, size: -1, mtimeMs: 0 };
      }
    }),
  );
  return { headerPath, files };
}

/** Whether two fingerprints name the same files with the same sizes and times. */
export function sameFingerprint(a: RecordFingerprint, b: RecordFingerprint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes `doc` to `path` atomically (creating the folder), sealed with its integrity record;
 * `journalSeq` is the last journal record `doc` holds. The text is made before the first
 * await, so changes after the call are not in it.
 */
export async function saveReview(path: string, doc: ReviewDocument, fingerprint: RecordFingerprint, savedAt: Date, journalSeq = 0): Promise<void> {
  const text = sealSnapshot(JSON.stringify(encodeReview(doc, fingerprint, savedAt)), journalSeq);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}

/** One review file as read, without moving anything. */
export type ReadReview =
  | { kind: 'none' }
  | { kind: 'ok'; doc: ReviewDocument; savedAt: string; journalSeq: number }
  | { kind: 'stale' }
  | { kind: 'bad'; error: ReviewFileError };

/**
 * Reads and checks the review file at `path` (integrity record, schema, consistency, record
 * fingerprint, frame rate). Never throws for a bad file: it says what is wrong.
 */
export async function readReviewFile(path: string, fingerprint: RecordFingerprint, frameRateHz: number): Promise<ReadReview> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_REVIEW_FILE_BYTES) return { kind: 'bad', error: new ReviewFileError(path, `is ${size} bytes, more than the ${MAX_REVIEW_FILE_BYTES} a review may have: it is not one.`) };
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'bad', error: new ReviewFileError(path, `cannot be read (${(error as Error).message}).`) };
  }
  try {
    const envelope = openSnapshot(text, path);
    const saved = decodeReview(envelope.body, path);
    if (!sameFingerprint(saved.fingerprint, fingerprint)) return { kind: 'stale' };
    if (saved.doc.frameRateHz !== frameRateHz) {
      throw new ReviewFileError(path, `its frame rate ${saved.doc.frameRateHz} Hz is not the record's ${frameRateHz} Hz.`);
    }
    return { kind: 'ok', doc: saved.doc, savedAt: saved.savedAt, journalSeq: envelope.journalSeq };
  } catch (error) {
    return { kind: 'bad', error: error instanceof ReviewFileError ? error : new ReviewFileError(path, (error as Error).message) };
  }
}

/** What was found on disk for a record. */
export type LoadedReview =
  | { kind: 'none' }
  | { kind: 'restored'; doc: ReviewDocument; savedAt: string }
  /** The file was for another version of the record; renamed to `movedTo`. */
  | { kind: 'stale'; movedTo: string }
  /** The file could not be used; renamed to `movedTo` (null if even that failed). */
  | { kind: 'corrupt'; error: ReviewFileError; movedTo: string | null };

/**
 * Renames `path` aside as `<name>.<why>-<time><ext>` (ext: `.json` for a review file, else
 * appended); returns the new name, or null when it could not be moved.
 */
export async function moveAside(path: string, why: 'corrupt' | 'stale'): Promise<string | null> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.endsWith('.json') ? path.replace(/\.json$/, `.${why}-${stamp}.json`) : `${path}.${why}-${stamp}`;
  try {
    await rename(path, target);
    return target;
  } catch {
    return null;
  }
}

/**
 * Reads the saved review at `path` for the record `fingerprint` describes (at rate
 * `frameRateHz`). Never throws for a bad file: it is renamed aside and reported.
 */
export async function loadReview(path: string, fingerprint: RecordFingerprint, frameRateHz: number): Promise<LoadedReview> {
  const read = await readReviewFile(path, fingerprint, frameRateHz);
  switch (read.kind) {
    case 'none':
      return read;
    case 'ok':
      return { kind: 'restored', doc: read.doc, savedAt: read.savedAt };
    case 'stale': {
      const movedTo = await moveAside(path, 'stale');
      return movedTo === null
        ? { kind: 'corrupt', error: new ReviewFileError(path, 'belongs to a changed record and cannot be moved aside.'), movedTo }
        : { kind: 'stale', movedTo };
    }
    case 'bad':
      return { kind: 'corrupt', error: read.error, movedTo: await moveAside(path, 'corrupt') };
  }
}
