/**
 * QRS detection evaluation (`npm run eval:qrs`): runs the detector on every record of a
 * WFDB database with reference beat annotations (MIT-BIH by default), scores it beat by
 * beat as WFDB's `bxb` does (../signal/bxb.ts), prints a table per record and in gross,
 * and writes the detections as WFDB annotation files that `bxb` itself can score:
 *   `bxb -r 100 -a atr rqrs` with WFDB="<outDir> <dataDir>".
 *
 * The command line is `rhythm-attention eval-qrs` (src/cli/commands/eval-qrs.ts), which
 * `npm run eval:qrs` runs.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRecord, readAnnotationFile, writeAnnotationFile, type Annotation } from '../wfdb';
import { compareBeats } from '../signal/bxb';
import { detectQrsChunked, type ChunkedQrsOptions } from '../signal/qrs';
import { ecgSignalIndices } from '../signal/qrs/record';
import { summarize, type QrsEvalSummary, type QrsRecordResult } from './qrs-report';

export type { QrsEvalSummary, QrsRecordResult } from './qrs-report';
export { formatQrsTable } from './qrs-report';

/** Options of {@link evaluateQrs}. */
export interface QrsEvalOptions {
  /** Folder holding the records' .hea, signal files and reference annotations. */
  dataDir: string;
  /** Record names; default every record in dataDir with a reference annotation file. */
  records?: string[];
  /** Reference annotator (default "atr"). */
  referenceAnnotator?: string;
  /** Annotator name of the written detections (default "rqrs"); null writes none. */
  writeAnnotator?: string | null;
  /** Folder for the written annotation files (default ".tmp/qrs-out" under the cwd). */
  outDir?: string;
  /** Called after each record, e.g. to print progress. */
  onRecord?: (result: QrsRecordResult) => void;
  /** Detector options. */
  detector?: ChunkedQrsOptions;
}

/** Records in `dataDir` that have a header and a `referenceAnnotator` file, sorted. */
export async function listAnnotatedRecords(dataDir: string, referenceAnnotator = 'atr'): Promise<string[]> {
  const names = new Set(await readdir(dataDir));
  return [...names]
    .filter((n) => n.endsWith('.hea') && names.has(`${n.slice(0, -4)}.${referenceAnnotator}`))
    .map((n) => n.slice(0, -4))
    .sort();
}

function beatAnnotation(sample: number): Annotation {
  return { sample, symbol: 'N', code: 1, subtype: 0, chan: 0, num: 0, aux: null };
}

/** Reads, detects, scores and (optionally) writes one record. */
async function evaluateRecord(name: string, o: QrsEvalOptions, outDir: string | null): Promise<QrsRecordResult> {
  const record = await openRecord(join(o.dataDir, `${name}.hea`));
  try {
    const fs = record.frameRateHz;
    const signals = ecgSignalIndices(record);
    let t = performance.now();
    const leads = await record.readPhysical(0, record.frameCount, signals);
    const readMs = performance.now() - t;
    t = performance.now();
    const found = await detectQrsChunked({
      fs, length: record.frameCount,
      read: (start, end) => Promise.resolve(leads.map((l) => l.subarray(start, end))),
    }, o.detector);
    const detectMs = performance.now() - t;
    const reference = await readAnnotationFile(join(o.dataDir, `${name}.${o.referenceAnnotator ?? 'atr'}`));
    const score = compareBeats(reference.annotations, found.samples, { fs, recordLength: record.frameCount });
    let annotationPath: string | null = null;
    if (outDir !== null && o.writeAnnotator !== null) {
      annotationPath = join(outDir, `${name}.${o.writeAnnotator ?? 'rqrs'}`);
      await writeAnnotationFile(annotationPath, { annotations: Array.from(found.samples, beatAnnotation), fs });
    }
    const errors = score.timingErrorsSamples.map((e) => (Math.abs(e) * 1000) / fs);
    return { record: name, fs, detections: found.samples.length, ...score, absTimingErrorsMs: errors, readMs, detectMs, annotationPath };
  } finally {
    await record.close();
  }
}

/**
 * Evaluates the QRS detector on a database (see the file header).
 * @returns per-record results and the gross figures.
 * @throws WfdbError when a record or annotation file cannot be read or written.
 */
export async function evaluateQrs(options: QrsEvalOptions): Promise<QrsEvalSummary> {
  const records = options.records ?? (await listAnnotatedRecords(options.dataDir, options.referenceAnnotator));
  const outDir = options.writeAnnotator === null ? null : resolve(options.outDir ?? '.tmp/qrs-out');
  if (outDir !== null) await mkdir(outDir, { recursive: true });
  const results: QrsRecordResult[] = [];
  for (const name of records) {
    const r = await evaluateRecord(name, options, outDir);
    results.push(r);
    options.onRecord?.(r);
  }
  return summarize(results);
}
