/**
 * A review's files together: the snapshot (`<review>.json`, review-file.ts), its last good
 * copy (`<review>.json.prev`) and the journal (`<review>.json.journal`, journal.ts).
 *
 * Saving: the snapshot in place (known good: read back at open or written here) becomes
 * the last good copy (a hard link renamed over the old copy, so the snapshot's name never
 * goes missing), then the new snapshot replaces it atomically, then the journal drops the
 * records the last good copy already holds. A snapshot that was found bad is never made the
 * good copy: it has been renamed aside.
 *
 * Opening: the snapshot, or when it is missing or bad the last good copy, or else an empty
 * review, then the journal's records after the base's `journalSeq` replayed in order (a
 * gap or a record that does not fit stops the replay; a torn last record is ignored). What
 * happened is said in `OpenedReview.notes`, and any loss or damage in `error`.
 */
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { ReviewDocument } from './document';
import { journalPath, readJournal, ReviewJournal, type JournalContents } from './journal';
import { applyRecord, type JournalOp } from './journal-records';
import { encodeReview, type RecordFingerprint } from './persistence';
import { moveAside, readReviewFile, type ReadReview } from './review-file';
import { ReviewFileError } from './review-file-error';
import { sealSnapshot } from './snapshot-envelope';

/** The last good copy of the review file `reviewPath`. */
export function previousCopyPath(reviewPath: string): string {
  return `${reviewPath}.prev`;
}

/** What to open. */
export interface ReviewStoreOptions {
  /** The review file (review-file.ts reviewFilePath). */
  path: string;
  fingerprint: RecordFingerprint;
  frameRateHz: number;
}

/** A review as opened from its files. */
export interface OpenedReview {
  doc: ReviewDocument;
  /** Something was read back (a snapshot, the good copy or journal records). */
  restored: boolean;
  /** When the snapshot used was saved, null when none was. */
  savedAt: string | null;
  /** The files belonged to a changed record and were moved aside (the first moved name). */
  staleMovedTo: string | null;
  /** What was damaged or lost (a snapshot, the journal), or null. */
  error: ReviewFileError | null;
  /** What was done, for the status message. */
  notes: string[];
}

type Base = { doc: ReviewDocument; seq: number; savedAt: string | null; from: 'snapshot' | 'good copy' | 'nothing' };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** The snapshot, or the good copy, or an empty review; moves bad and stale files aside. */
async function chooseBase(options: ReviewStoreOptions, problems: string[], notes: string[]): Promise<{ base: Base; main: ReadReview; stale: string | null }> {
  const { path, fingerprint, frameRateHz } = options;
  const empty = (): Base => ({ doc: new ReviewDocument(frameRateHz), seq: 0, savedAt: null, from: 'nothing' });
  const main = await readReviewFile(path, fingerprint, frameRateHz);
  if (main.kind === 'ok') return { base: { doc: main.doc, seq: main.journalSeq, savedAt: main.savedAt, from: 'snapshot' }, main, stale: null };
  if (main.kind === 'stale') {
    const stale = await moveAside(path, 'stale');
    for (const other of [previousCopyPath(path), journalPath(path)]) if (await exists(other)) await moveAside(other, 'stale');
    return { base: empty(), main, stale: stale ?? path };
  }
  if (main.kind === 'bad') {
    const movedTo = await moveAside(path, 'corrupt');
    problems.push(`${main.error.message}${movedTo ? ` It was moved to ${movedTo}.` : ''}`);
  }
  const prevPath = previousCopyPath(path);
  const prev = await readReviewFile(prevPath, fingerprint, frameRateHz);
  if (prev.kind === 'ok') {
    notes.push(`restored the last good copy (${prevPath}, saved ${prev.savedAt})`);
    return { base: { doc: prev.doc, seq: prev.journalSeq, savedAt: prev.savedAt, from: 'good copy' }, main, stale: null };
  }
  if (prev.kind === 'bad') {
    const movedTo = await moveAside(prevPath, 'corrupt');
    problems.push(`The last good copy is damaged too: ${prev.error.message}${movedTo ? ` It was moved to ${movedTo}.` : ''}`);
  } else if (prev.kind === 'stale') {
    await moveAside(prevPath, 'stale');
  }
  return { base: empty(), main, stale: null };
}

/** Replays `journal` on `doc` from after `baseSeq`; returns the last sequence number applied. */
function replay(doc: ReviewDocument, journal: JournalContents, baseSeq: number): { lastSeq: number; keep: number; applied: number; problem: string | null } {
  let lastSeq = baseSeq;
  let keep = 0;
  let applied = 0;
  for (const [i, record] of journal.records.entries()) {
    const end = (journal.ends[i] as { end: number }).end;
    if (record.seq <= baseSeq) {
      // Kept: the last good copy may need them if this snapshot is later found damaged.
      if (record.seq <= lastSeq) keep = end;
      continue;
    }
    if (record.seq !== lastSeq + 1) return { lastSeq, keep, applied, problem: `record ${record.seq} follows record ${lastSeq}: the records between are missing` };
    const problem = applyRecord(doc, record);
    if (problem !== null) return { lastSeq, keep, applied, problem: `record ${record.seq} (${record.op}) does not fit the review: ${problem}` };
    lastSeq = record.seq;
    keep = end;
    applied++;
  }
  return { lastSeq, keep, applied, problem: null };
}

/** The files of one review, open for saving and journalling. */
export class ReviewStore {
  private constructor(
    private readonly options: ReviewStoreOptions,
    private readonly journal: ReviewJournal,
    /** The journal sequence number of the snapshot on disk, null when there is none (or it was moved aside). */
    private mainSeq: number | null,
    /** Same for the last good copy; null: unknown, the journal keeps every record. */
    private prevSeq: number | null,
  ) {}

  /**
   * Opens the review's files (see the module comment). Never throws for bad or missing
   * files; @throws the file system's error when the folder cannot be written.
   */
  static async open(options: ReviewStoreOptions): Promise<{ store: ReviewStore; opened: OpenedReview }> {
    const problems: string[] = [];
    const notes: string[] = [];
    const { base, stale } = await chooseBase(options, problems, notes);
    const jPath = journalPath(options.path);
    await mkdir(dirname(jPath), { recursive: true });
    let contents: JournalContents;
    try {
      contents = readJournal(jPath);
    } catch (error) {
      problems.push(`The journal ${jPath} cannot be read (${(error as Error).message}); edits since the last save may be lost.`);
      contents = { records: [], ends: [], validBytes: 0, totalBytes: 0, stop: null };
    }
    let result = replay(base.doc, contents, base.seq);
    if (result.problem !== null && result.applied > 0) {
      // The failing record may have half-applied: rebuild from the base up to the last good record.
      const again = await chooseBase(options, [], []);
      result = { ...replay(again.base.doc, { ...contents, records: contents.records.filter((r) => r.seq <= result.lastSeq) }, again.base.seq), problem: result.problem };
      base.doc = again.base.doc;
    }
    await ReviewStore.reportJournal(jPath, contents, result, problems, notes);
    const journal = new ReviewJournal(jPath, result.lastSeq, contents.ends, result.keep);
    const store = new ReviewStore(options, journal, base.from === 'snapshot' ? base.seq : null, base.from === 'good copy' ? base.seq : null);
    const error = problems.length > 0 ? new ReviewFileError(options.path, problems.join(' ')) : null;
    if (result.applied > 0) notes.push(`replayed ${result.applied} journal record${result.applied === 1 ? '' : 's'} saved after it`);
    const restored = base.from !== 'nothing' || result.applied > 0;
    return { store, opened: { doc: base.doc, restored, savedAt: base.savedAt, staleMovedTo: stale, error, notes } };
  }

  /** Puts what replay found into words; keeps a copy of a journal that is about to be cut. */
  private static async reportJournal(
    jPath: string,
    contents: JournalContents,
    result: { keep: number; problem: string | null },
    problems: string[],
    notes: string[],
  ): Promise<void> {
    const { stop } = contents;
    if (stop?.kind === 'torn' && result.problem === null) {
      notes.push(`ignored the journal's last record (line ${stop.line}: ${stop.problem}), cut short by the crash before it was acknowledged`);
    }
    const cutsValid = result.keep < contents.validBytes;
    if (stop?.kind === 'corrupt' || (result.problem !== null && cutsValid)) {
      const copy = `${jPath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const kept = await copyFile(jPath, copy).then(() => ` A copy of the journal was kept as ${copy}.`, () => '');
      const why = result.problem ?? `line ${stop?.line ?? 0}: ${stop?.problem ?? ''}`;
      problems.push(`The journal ${jPath} is damaged (${why}); the edits recorded after that point are lost.${kept}`);
    }
  }

  /**
   * Journals one change (already made in memory); with `durable`, it is on the disk when
   * this returns. @throws AppError 'file/write' when the journal cannot be written.
   */
  record(op: JournalOp, durable: boolean): void {
    try {
      this.journal.append(op, durable);
    } catch (error) {
      throw new AppError('file/write', `${this.journal.path}: the change could not be written to the journal (${(error as Error).message}); it is kept in memory and goes to disk with the next save.`, {
        file: this.journal.path,
      });
    }
  }

  /** Saves `doc` as the new snapshot (see the module comment). @throws the file system's error. */
  async save(doc: ReviewDocument, savedAt: Date): Promise<void> {
    const { path, fingerprint } = this.options;
    const seq = this.journal.lastSeq;
    // Encoded before the first await: later changes stay in the journal for the next save.
    const text = sealSnapshot(JSON.stringify(encodeReview(doc, fingerprint, savedAt)), seq);
    await mkdir(dirname(path), { recursive: true });
    if (this.mainSeq !== null) {
      await keepGoodCopy(path, previousCopyPath(path));
      this.prevSeq = this.mainSeq;
      this.mainSeq = null;
    }
    await writeFileAtomic(path, text);
    this.mainSeq = seq;
    this.journal.compact(this.prevSeq ?? 0);
  }

  /** Closes the journal (the files stay). */
  close(): void {
    this.journal.close();
  }
}

/** Makes the snapshot at `path` the last good copy `prev`, without copying when the file system can link. */
async function keepGoodCopy(path: string, prev: string): Promise<void> {
  const temp = `${prev}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  try {
    await link(path, temp);
  } catch {
    await copyFile(path, temp);
  }
  await rename(temp, prev);
}
