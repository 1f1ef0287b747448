/**
 * What the MIT-BIH loader needs from the WFDB layer, behind a small interface so that tests
 * can count reads (the cache must avoid them) and feed synthetic records. The default reads
 * through engineer A's `openRecord` and engineer B's `readAnnotationFile`.
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { openRecord, readAnnotationFile } from '../wfdb';

/** One lead of a record, in physical units (NaN where invalid). */
export interface LeadSignal {
  signal: Float64Array;
  /** Sample rate of `signal`, Hz (frame rate × samples per frame). */
  fs: number;
  /** Samples of this lead per frame: annotation sample (frame) numbers are multiplied by it. */
  samplesPerFrame: number;
  lead: { index: number; name: string };
}

/** A beat-relevant annotation: sample (frame) number and MIT symbol. */
export interface SymbolAt {
  sample: number;
  symbol: string;
}

/** Reading of records and annotations. */
export interface RecordReaders {
  /** Reads the lead that `chooseLead` picks from the header's signal descriptions. */
  readLead(headerPath: string, chooseLead: (descriptions: readonly string[]) => number): Promise<LeadSignal>;
  /** Reads an annotation file; null when the file does not exist. */
  readAnnotations(path: string): Promise<SymbolAt[] | null>;
  /** Identity of the files behind a record (size and modification time), for the cache key. */
  fingerprint(paths: readonly string[]): Promise<string>;
}

/** The readers over the project's WFDB layer and the local disk. */
export const wfdbReaders: RecordReaders = {
  async readLead(headerPath, chooseLead) {
    const record = await openRecord(headerPath);
    try {
      const index = chooseLead(record.signals.map((s) => s.description));
      const info = record.signals[index];
      if (info === undefined) throw new RangeError(`${headerPath}: no signal ${index}`);
      const [signal] = await record.readPhysical(0, record.frameCount, [index]);
      return {
        signal: signal ?? new Float64Array(0),
        fs: record.frameRateHz * info.samplesPerFrame,
        samplesPerFrame: info.samplesPerFrame,
        lead: { index, name: info.description },
      };
    } finally {
      await record.close();
    }
  },
  async readAnnotations(path) {
    try {
      const set = await readAnnotationFile(path);
      return set.annotations.map(({ sample, symbol }) => ({ sample, symbol }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'wfdb/missing-file') return null;
      throw error;
    }
  },
  async fingerprint(paths) {
    const parts = await Promise.all(
      paths.map(async (p) => {
        try {
          const s = await stat(p);
          return `${s.size}:${Math.round(s.mtimeMs)}`;
        } catch {
          return 'absent';
        }
      }),
    );
    return parts.join('|');
  },
};
