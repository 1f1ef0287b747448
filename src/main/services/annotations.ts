/**
 * Annotation files of an open record: which annotators sit beside the header
 * (`<record>.<ext>` files that parse as WFDB annotation files) and `recording:annotations`,
 * the marks of one annotator in a time range. Each file is parsed once per open record;
 * a range query is two binary searches over the sorted sample numbers.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { lowerBound } from '../../shared/sorted';
import type { AnnotationMark, AnnotatorInfo } from '../../shared/domain';
import { readAnnotationFile, type AnnotationSet, type WfdbRecord } from '../wfdb';

/** Extensions that are never annotation files (signals, headers, documents). */
const NOT_ANNOTATORS = new Set(['hea', 'dat', 'mat', 'edf', 'csv', 'txt', 'md', 'json', 'xml', 'png', 'pdf', 'flac', 'wav']);

/** Annotation files larger than this are not probed when listing (a 24-h file is ~1 MB). */
const MAX_PROBE_BYTES = 256 * 1024 * 1024;

/** An annotation set sorted by sample, ready for range queries. */
export interface IndexedAnnotations {
  set: AnnotationSet;
  /** Sample numbers in ascending order, parallel to `set.annotations`. */
  samples: Float64Array;
}

/** Sorts (stably, when a file is out of order) and indexes a parsed set. */
export function indexAnnotations(set: AnnotationSet): IndexedAnnotations {
  const sorted = set.annotations.every((a, i, all) => i === 0 || (all[i - 1]?.sample ?? 0) <= a.sample)
    ? set.annotations
    : [...set.annotations].sort((a, b) => a.sample - b.sample);
  return { set: { ...set, annotations: sorted }, samples: Float64Array.from(sorted, (a) => a.sample) };
}

/**
 * The marks in [startSec, endSec). Sample numbers are converted with the file's own time
 * resolution when it declares one, else with the record's frame rate.
 */
export function marksInRange(
  indexed: IndexedAnnotations,
  frameRateHz: number,
  startSec: number,
  endSec: number,
): AnnotationMark[] {
  if (endSec < startSec) {
    throw new AppError('ipc/invalid-argument', `The annotation range ends (${endSec} s) before it starts (${startSec} s).`);
  }
  const fs = indexed.set.fs ?? frameRateHz;
  const from = lowerBound(indexed.samples, Math.ceil(startSec * fs - 1e-6));
  const to = lowerBound(indexed.samples, Math.ceil(endSec * fs - 1e-6));
  return indexed.set.annotations.slice(from, to).map((a) => ({
    sample: a.sample,
    timeSec: a.sample / fs,
    symbol: a.symbol,
    subtype: a.subtype,
    chan: a.chan,
    num: a.num,
    // MIT-BIH aux strings often end in a NUL byte kept by the reader; it is not text.
    aux: a.aux === null ? null : a.aux.replace(/\0+$/, ''),
  }));
}

/** The path of annotator `annotator` of the record whose header is `headerPath`. */
export function annotatorPath(headerPath: string, annotator: string): string {
  return join(dirname(headerPath), `${basename(headerPath, '.hea')}.${annotator}`);
}

/**
 * Finds the annotators beside a record: files `<record>.<ext>` other than the header and
 * the signal files that parse as annotation files. Returns them sorted by name, with the
 * parsed sets so the caller can keep them (the files are read once).
 */
export async function findAnnotators(
  record: WfdbRecord,
  headerPath: string,
): Promise<{ info: AnnotatorInfo; indexed: IndexedAnnotations }[]> {
  const folder = dirname(headerPath);
  const stem = `${basename(headerPath, '.hea')}.`;
  const signalFiles = new Set(record.signals.map((s) => s.fileName));
  const names = (await readdir(folder)).filter(
    (name) => name.startsWith(stem) && !signalFiles.has(name) && isCandidate(name.slice(stem.length)),
  );
  const found: { info: AnnotatorInfo; indexed: IndexedAnnotations }[] = [];
  for (const name of names.sort()) {
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_PROBE_BYTES || !(await endsWithEofWord(path, info.size))) continue;
      const indexed = indexAnnotations(await readAnnotationFile(path));
      found.push({ info: { name: name.slice(stem.length), count: indexed.set.annotations.length }, indexed });
    } catch {
      // Not an annotation file (or unreadable): it is simply not listed.
    }
  }
  return found;
}

/**
 * Whether the file ends with the MIT format's end-of-file word (0x0000, annot(5)). Every
 * WFDB writer ends a file with it, and almost any byte string parses as annotation words,
 * so this is what tells a stray `<record>.notes` text file from an annotator.
 */
async function endsWithEofWord(path: string, size: number): Promise<boolean> {
  if (size < 2 || size % 2 !== 0) return false;
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, size - 2);
    return bytesRead === 2 && buffer[0] === 0 && buffer[1] === 0;
  } finally {
    await handle.close();
  }
}

/** Whether an extension could name an annotator (the contract's annotator pattern). */
function isCandidate(ext: string): boolean {
  return /^[A-Za-z0-9_-]{1,32}$/.test(ext) && !NOT_ANNOTATORS.has(ext.toLowerCase());
}

/** Reads and indexes one annotator's file, naming it in the error when it is absent. */
export async function loadAnnotator(headerPath: string, annotator: string): Promise<IndexedAnnotations> {
  const path = annotatorPath(headerPath, annotator);
  try {
    await stat(path);
  } catch {
    throw new AppError('file/not-found', `${path}: no annotation file "${annotator}" for this record.`, { file: path });
  }
  return indexAnnotations(await readAnnotationFile(path));
}
