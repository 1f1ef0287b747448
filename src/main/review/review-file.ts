/**
 * Review files on disk: `<dataDir>/reviews/<record>-<hash of header path>.json`, written
 * atomically (writeFileAtomic: a crash leaves the old file or the new, never a mix). A file
 * that cannot be used is never deleted: it is renamed aside (`….corrupt-<time>.json`, or
 * `….stale-<time>.json` when its record changed) so that no reviewer work is lost.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ReviewDocument } from './document';
import { decodeReview, encodeReview, type RecordFingerprint } from './persistence';
import { ReviewFileError } from './review-file-error';

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

/** Writes `doc` to `path` atomically (creating the folder). */
export async function saveReview(path: string, doc: ReviewDocument, fingerprint: RecordFingerprint, savedAt: Date): Promise<void> {
  const text = JSON.stringify(encodeReview(doc, fingerprint, savedAt));
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}

/** What was found on disk for a record. */
export type LoadedReview =
  | { kind: 'none' }
  | { kind: 'restored'; doc: ReviewDocument; savedAt: string }
  /** The file was for another version of the record; renamed to `movedTo`. */
  | { kind: 'stale'; movedTo: string }
  /** The file could not be used; renamed to `movedTo` (null if even that failed). */
  | { kind: 'corrupt'; error: ReviewFileError; movedTo: string | null };

async function moveAside(path: string, why: 'corrupt' | 'stale'): Promise<string | null> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.replace(/\.json$/, `.${why}-${stamp}.json`);
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    const problem = new ReviewFileError(path, `cannot be read (${(error as Error).message}).`);
    return { kind: 'corrupt', error: problem, movedTo: await moveAside(path, 'corrupt') };
  }
  try {
    const saved = decodeReview(text, path);
    if (!sameFingerprint(saved.fingerprint, fingerprint)) {
      const movedTo = await moveAside(path, 'stale');
      return movedTo === null
        ? { kind: 'corrupt', error: new ReviewFileError(path, 'belongs to a changed record and cannot be moved aside.'), movedTo }
        : { kind: 'stale', movedTo };
    }
    if (saved.doc.frameRateHz !== frameRateHz) {
      throw new ReviewFileError(path, `its frame rate ${saved.doc.frameRateHz} Hz is not the record's ${frameRateHz} Hz.`);
    }
    return { kind: 'restored', doc: saved.doc, savedAt: saved.savedAt };
  } catch (error) {
    const problem = error instanceof ReviewFileError ? error : new ReviewFileError(path, (error as Error).message);
    return { kind: 'corrupt', error: problem, movedTo: await moveAside(path, 'corrupt') };
  }
}
