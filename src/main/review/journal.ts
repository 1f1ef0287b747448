/**
 * The review journal: every change of a review is appended to `<review file>.journal`
 * (format: journal-records.ts) the moment it is made, so that a crash between autosaves
 * loses nothing. Edits, undos and redos are flushed to the disk (fdatasync) before the call
 * that made them returns; analysis records are only written (the page cache survives a
 * killed process, and an analysis lost to a power cut is simply run again), and the next
 * flushed edit flushes them too, so the journal has no hole before a durable record.
 *
 * Writes are synchronous on purpose: a record is in the file before the next event-loop
 * turn can change the review again, so file order is change order and a snapshot encoded
 * at any moment reflects exactly the records up to `lastSeq`.
 *
 * The autosave folds the journal into the snapshot (review-store.ts) and then drops the
 * records the *previous* snapshot already holds (`compact`), so that the last good copy
 * plus the journal still rebuild the newest state if the newest snapshot is found damaged.
 */
import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeRecord, encodeRecord, type JournalOp, type JournalRecord } from './journal-records';

/** The journal beside the review file `reviewPath`. */
export function journalPath(reviewPath: string): string {
  return `${reviewPath}.journal`;
}

/** What `readJournal` found. */
export interface JournalContents {
  records: JournalRecord[];
  /** Sequence number and end offset (after its newline) of each record. */
  ends: { seq: number; end: number }[];
  /** Bytes of the file that hold whole, valid records (a prefix of it). */
  validBytes: number;
  /** Bytes in the file. */
  totalBytes: number;
  /**
   * Why reading stopped before the end, or null: 'torn' when only the last line is bad
   * (a write cut by a crash: that record was never acknowledged), 'corrupt' when a bad line
   * has others after it.
   */
  stop: { kind: 'torn' | 'corrupt'; line: number; problem: string } | null;
}

/**
 * Reads the journal at `path`: the valid records up to the first bad line. A missing file
 * is an empty journal.
 * @throws the file system's error when the file exists but cannot be read.
 */
export function readJournal(path: string): JournalContents {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], ends: [], validBytes: 0, totalBytes: 0, stop: null };
    throw error;
  }
  const records: JournalRecord[] = [];
  const ends: { seq: number; end: number }[] = [];
  let offset = 0;
  let line = 0;
  while (offset < bytes.byteLength) {
    line++;
    const end = bytes.indexOf(0x0a, offset);
    const last = end < 0 || bytes.indexOf(0x0a, end + 1) < 0;
    if (end < 0) return { records, ends, validBytes: offset, totalBytes: bytes.byteLength, stop: { kind: 'torn', line, problem: 'no line end' } };
    const decoded = decodeRecord(bytes.subarray(offset, end).toString('utf8'));
    if ('problem' in decoded) {
      const kind = last && end + 1 === bytes.byteLength ? 'torn' : 'corrupt';
      return { records, ends, validBytes: offset, totalBytes: bytes.byteLength, stop: { kind, line, problem: decoded.problem } };
    }
    records.push(decoded.record);
    offset = end + 1;
    ends.push({ seq: decoded.record.seq, end: offset });
  }
  return { records, ends, validBytes: offset, totalBytes: bytes.byteLength, stop: null };
}

/** An open journal being appended to. */
export class ReviewJournal {
  private fd: number;
  /** Sequence number and end offset of each record in the file, oldest first. */
  private readonly ends: { seq: number; end: number }[] = [];
  private size = 0;

  /**
   * Opens (creating) the journal at `path` for appending, keeping its first `validBytes`
   * (`records` are those bytes' records) and cutting anything after them.
   * `lastSeq` is the sequence number the review is at (the next record gets lastSeq + 1).
   */
  constructor(
    readonly path: string,
    public lastSeq: number,
    records: readonly { seq: number; end: number }[] = [],
    validBytes = 0,
  ) {
    this.fd = openSync(path, 'a');
    ftruncateSync(this.fd, validBytes);
    fsyncSync(this.fd);
    syncFolder(dirname(path));
    this.ends.push(...records.filter((r) => r.end <= validBytes));
    this.size = validBytes;
  }

  /**
   * Appends `op` as record lastSeq + 1; with `durable`, it (and every record before it) is
   * on the disk when this returns.
   * @throws the file system's error (ENOSPC, EIO, …); the record then does not count.
   */
  append(op: JournalOp, durable: boolean): number {
    const seq = this.lastSeq + 1;
    const line = Buffer.from(encodeRecord(seq, op), 'utf8');
    let written = 0;
    while (written < line.byteLength) written += writeSync(this.fd, line, written, line.byteLength - written);
    if (durable) fdatasyncSync(this.fd);
    this.lastSeq = seq;
    this.size += line.byteLength;
    this.ends.push({ seq, end: this.size });
    return seq;
  }

  /** Records in the file. */
  get recordCount(): number {
    return this.ends.length;
  }

  /**
   * Drops the records with seq ≤ `upToSeq` (a snapshot that is kept holds them). The rest
   * are copied to a new file that replaces this one atomically.
   */
  compact(upToSeq: number): void {
    let drop = 0;
    while (drop < this.ends.length && (this.ends[drop] as { seq: number }).seq <= upToSeq) drop++;
    if (drop === 0) return;
    const from = (this.ends[drop - 1] as { end: number }).end;
    if (drop === this.ends.length) {
      ftruncateSync(this.fd, 0);
      fdatasyncSync(this.fd);
    } else {
      const tail = readFileSync(this.path).subarray(from, this.size);
      const temp = `${this.path}.${process.pid}.tmp`;
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, tail);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      closeSync(this.fd);
      this.fd = openSync(this.path, 'a');
      syncFolder(dirname(this.path));
    }
    this.ends.splice(0, drop);
    for (const entry of this.ends) entry.end -= from;
    this.size -= from;
  }

  /** Closes the file (the journal stays on disk). */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Flushes a folder's entries (a new or renamed journal's name); best effort, as in atomic-write.ts. */
function syncFolder(folder: string): void {
  let fd = -1;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (Windows): the data itself is flushed either way.
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
