/**
 * MIT-BIH Arrhythmia Database loader: for one record, the beats with their AAMI class,
 * original symbol, model-input window and RR features (a BeatSet).
 *
 * Steps: read one lead (MLII: the first signal of every record except 114, whose MLII is
 * the second; the paced 102 and 104 have no MLII and get their first signal, V5) and the
 * reference annotations (`<record>.atr`); keep the annotations whose symbol is an AAMI beat
 * (./aami; `!` and every non-beat annotation are dropped); filter the lead (./filter-config);
 * cut windows (../signal/beat-windows) and compute RR features (../signal/rr-features) over
 * the kept beats. Beats whose window passes a record end are kept, padded and flagged, so the
 * per-class counts are exactly those of the annotation files.
 *
 * Beat sources: 'reference' (training: the annotated R peaks) or 'detector' (realistic
 * evaluation: a detector's R peaks, each matched to a reference beat within 150 ms; an
 * unmatched detection gets class −1/null and an unmatched reference beat is listed in
 * `missed`). RR features then come from the detections, as they would in use. The detector
 * sees the unfiltered lead.
 */
import { endianness } from 'node:os';
import { join } from 'node:path';
import { extractBeatWindows, type BeatWindowConfig } from '../signal/beat-windows';
import { computeRrFeatures, type RrFeatureOptions } from '../signal/rr-features';
import { AAMI_CLASSES, aamiIndexOf } from './aami';
import { beatCacheKey, beatCachePath, readBeatCache, writeBeatCache } from './beat-cache';
import { matchBeats } from './beat-matching';
import type { BeatSet, MissedBeat } from './beat-set';
import { applyFilter, type FilterConfig } from './filter-config';
import { wfdbReaders, type RecordReaders, type SymbolAt } from './wfdb-readers';

/** An R-peak detector: sample numbers of the R peaks of `signal` (one lead at `fs` Hz). */
export type Detector = (signal: Float64Array, fs: number) => Int32Array;

/** Where a record's beats come from. */
export type BeatSource =
  | { kind: 'reference' }
  | {
      kind: 'detector';
      detect: Detector;
      /** Names the detector and its settings; without it the result is not cached. */
      id?: string;
      /** Matching tolerance, seconds (default 0.15, as bxb). */
      toleranceSec?: number;
    };

/** Options of {@link loadRecordBeats}. */
export interface LoadOptions {
  /** Folder holding `<record>.hea`, `.dat` and the annotation file. */
  dataDir: string;
  window: BeatWindowConfig;
  filter: FilterConfig;
  rr?: RrFeatureOptions;
  source?: BeatSource;
  /** Annotator (file extension) of the reference annotations (default 'atr'). */
  annotator?: string;
  /** Cache folder; no caching when absent. */
  cacheDir?: string;
  /** Record and annotation reading (default: the project's WFDB readers). */
  readers?: RecordReaders;
}

/** Index of the MLII lead in the header's descriptions, or 0 when there is none. */
export function chooseLead(descriptions: readonly string[]): number {
  const index = descriptions.findIndex((d) => d.trim() === 'MLII');
  return index >= 0 ? index : 0;
}

const LEAD_RULE = 'MLII, else the first signal';

interface ReferenceBeats {
  samples: Int32Array;
  classes: Int8Array;
  symbols: string[];
}

/** The AAMI beats among the annotations, in sample order, at the lead's rate. */
function referenceBeats(annotations: readonly SymbolAt[], samplesPerFrame: number): ReferenceBeats {
  const kept = annotations.filter((a) => aamiIndexOf(a.symbol) >= 0).sort((a, b) => a.sample - b.sample);
  return {
    samples: Int32Array.from(kept, (a) => a.sample * samplesPerFrame),
    classes: Int8Array.from(kept, (a) => aamiIndexOf(a.symbol)),
    symbols: kept.map((a) => a.symbol),
  };
}

/** Runs the detector, keeps its peaks inside the signal, sorted and unique, and labels them. */
function detectedBeats(
  signal: Float64Array,
  fs: number,
  source: Extract<BeatSource, { kind: 'detector' }>,
  reference: ReferenceBeats,
): ReferenceBeats & { missed: MissedBeat[] } {
  const peaks = Array.from(source.detect(signal, fs)).filter((p) => p >= 0 && p < signal.length);
  const samples = Int32Array.from(new Set(peaks)).sort();
  const match = matchBeats(reference.samples, samples, Math.round((source.toleranceSec ?? 0.15) * fs));
  const classes = Int8Array.from(match.referenceOf, (r) => (r >= 0 ? reference.classes[r]! : -1));
  const symbols = Array.from(match.referenceOf, (r) => (r >= 0 ? reference.symbols[r]! : ''));
  const missed = Array.from(match.missed, (r) => ({
    sample: reference.samples[r]!,
    symbol: reference.symbols[r]!,
    aami: AAMI_CLASSES[reference.classes[r]!]!,
  }));
  return { samples, classes, symbols, missed };
}

/** Cache key of a record under `options`, or null when the result cannot be cached. */
async function cacheKeyOf(record: string, options: LoadOptions, paths: string[], readers: RecordReaders): Promise<string | null> {
  const source = options.source ?? { kind: 'reference' };
  if (source.kind === 'detector' && source.id === undefined) return null;
  if (endianness() !== 'LE') return null; // the cache stores typed arrays as little-endian bytes
  return beatCacheKey({
    record,
    annotator: options.annotator ?? 'atr',
    lead: LEAD_RULE,
    window: options.window,
    filter: options.filter,
    rr: options.rr ?? {},
    source: source.kind === 'detector' ? { kind: 'detector', id: source.id, toleranceSec: source.toleranceSec ?? 0.15 } : source,
    files: await readers.fingerprint(paths),
  });
}

/**
 * Loads the beats of `record` (e.g. "100") from `options.dataDir`. With a cache folder, a
 * second call with the same options reads one cache file and nothing else. A record without
 * its annotation file gives no beats in reference mode (`hasAnnotations: false`) and unlabelled
 * detections in detector mode. Throws what the WFDB readers throw for a missing or unreadable
 * record (WfdbError), and RangeError on a bad window config.
 */
export async function loadRecordBeats(record: string, options: LoadOptions): Promise<BeatSet> {
  const readers = options.readers ?? wfdbReaders;
  const base = join(options.dataDir, record);
  const annotationPath = `${base}.${options.annotator ?? 'atr'}`;
  const key = options.cacheDir === undefined ? null : await cacheKeyOf(record, options, [`${base}.hea`, `${base}.dat`, annotationPath], readers);
  const cachePath = key === null || options.cacheDir === undefined ? null : beatCachePath(options.cacheDir, record, key);
  if (cachePath !== null && key !== null) {
    const cached = await readBeatCache(cachePath, key);
    if (cached !== null) return cached;
  }
  const set = await extractRecordBeats(record, options, readers, `${base}.hea`, annotationPath);
  if (cachePath !== null && key !== null) await writeBeatCache(cachePath, key, set);
  return set;
}

async function extractRecordBeats(
  record: string,
  options: LoadOptions,
  readers: RecordReaders,
  headerPath: string,
  annotationPath: string,
): Promise<BeatSet> {
  const source = options.source ?? { kind: 'reference' };
  const lead = await readers.readLead(headerPath, chooseLead);
  const annotations = await readers.readAnnotations(annotationPath);
  const reference = referenceBeats(annotations ?? [], lead.samplesPerFrame);
  const beats = source.kind === 'detector' ? detectedBeats(lead.signal, lead.fs, source, reference) : { ...reference, missed: [] };
  const filtered = applyFilter(lead.signal, lead.fs, options.filter);
  const windows = extractBeatWindows(filtered, lead.fs, beats.samples, options.window);
  const rr = computeRrFeatures(beats.samples, lead.fs, options.rr);
  return {
    record,
    source: source.kind,
    fs: lead.fs,
    lead: lead.lead,
    count: beats.samples.length,
    samples: beats.samples,
    classes: beats.classes,
    symbols: beats.symbols,
    windowLength: windows.length,
    windowRateHz: windows.rateHz,
    windows: windows.data,
    windowFlags: windows.flags,
    differences: windows.differences,
    rr: rr.data,
    missed: beats.missed,
    hasAnnotations: annotations !== null,
  };
}

/** Loads several records one after another (bounded memory use on a small machine). */
export async function loadRecords(records: readonly string[], options: LoadOptions): Promise<BeatSet[]> {
  const sets: BeatSet[] = [];
  for (const record of records) sets.push(await loadRecordBeats(record, options));
  return sets;
}
