/**
 * `research:scanFolder`: the WFDB records of a folder (not its subfolders) that have
 * reference annotations, with their beats per AAMI class. Annotations are read through the
 * datasets layer's readers (src/main/datasets/wfdb-readers → src/main/wfdb) and mapped with
 * its AAMI table (aamiClassOf); the signals are not read. Results are cached per folder and
 * annotator, and re-read when a header or annotation file changes (sizes and times).
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { aamiClassOf, emptyAamiCounts, MITDB_RECORDS, wfdbReaders, type RecordReaders } from '../datasets';
import type { FolderScan, ScannedRecord } from '../../shared/research';
import { ResearchNotFoundError } from './research-error';
import { patientOf } from './same-patient';

/** Annotator read when the caller names none: MIT-BIH's reference beats. */
export const DEFAULT_ANNOTATOR = 'atr';
/** Annotation files read at once. */
const CONCURRENCY = 8;

/** Record names of the headers in `folder`, sorted. @throws ResearchNotFoundError when the folder cannot be listed */
async function headerNames(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new ResearchNotFoundError(`${folder}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: folder });
  }
  return names
    .filter((n) => n.endsWith('.hea'))
    .map((n) => n.slice(0, -4))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Beats per AAMI class of one annotation file, or null when it does not exist. */
async function countRecord(folder: string, record: string, annotator: string, readers: RecordReaders, mitbih: boolean): Promise<ScannedRecord | null> {
  const annotations = await readers.readAnnotations(join(folder, `${record}.${annotator}`));
  if (annotations === null) return null;
  const counts = emptyAamiCounts();
  let total = 0;
  for (const { symbol } of annotations) {
    const aami = aamiClassOf(symbol);
    if (aami === null) continue;
    counts[aami] += 1;
    total += 1;
  }
  return { name: record, counts, total, patient: patientOf(record, mitbih) };
}

/** Runs `task` over `items`, `limit` at a time, keeping the order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** A scanner with its per-folder cache. */
export interface FolderScanner {
  scan(folder: string, annotator?: string): Promise<FolderScan>;
}

/** A scanner reading through `readers` (tests pass counting fakes). */
export function createFolderScanner(readers: RecordReaders = wfdbReaders): FolderScanner {
  const cache = new Map<string, { fingerprint: string; scan: FolderScan }>();
  return {
    async scan(path, annotator = DEFAULT_ANNOTATOR) {
      const folder = resolve(path);
      const names = await headerNames(folder);
      const files = names.flatMap((n) => [join(folder, `${n}.hea`), join(folder, `${n}.${annotator}`)]);
      const fingerprint = `${names.join(',')}|${await readers.fingerprint(files)}`;
      const key = `${folder}\u0000${annotator}`;
      const hit = cache.get(key);
      if (hit && hit.fingerprint === fingerprint) return hit.scan;
      const mitbih = names.length > 0 && names.every((n) => MITDB_RECORDS.includes(n));
      const counted = await mapLimited(names, CONCURRENCY, (n) => countRecord(folder, n, annotator, readers, mitbih));
      const records = counted.filter((r): r is ScannedRecord => r !== null);
      const withoutAnnotations = names.filter((_, i) => counted[i] === null);
      const scan: FolderScan = { folder, annotator, records, withoutAnnotations, mitbih };
      cache.set(key, { fingerprint, scan });
      return scan;
    },
  };
}
