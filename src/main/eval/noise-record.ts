/**
 * One MIT-BIH record prepared for the noise stress test (`npm run eval:noise`): the first
 * minutes of its ECG leads in memory, its reference annotations over that stretch, and the
 * same leads with synthetic noise mixed in at an SNR (../signal/noise). Nothing is written.
 *
 * Noise per (record, type) comes from one seed, `deriveSeed(seed, record, type)`, and is the
 * same at every SNR (only its gain changes), so the SNR rows differ by the noise level alone.
 * Each lead gets its own gain, from its own QRS amplitude at the record's AAMI-N beats.
 */
import { join } from 'node:path';
import { aamiIndexOf } from '../datasets';
import { deriveSeed } from '../ml/training/prng';
import { ecgSignalIndices } from '../signal/qrs';
import { generateNoise, mixAtSnr, type NoiseType, type TimeSpan } from '../signal/noise';
import { openRecord, readAnnotationFile, type Annotation } from '../wfdb';

/** A record's first minutes, clean. */
export interface RecordExcerpt {
  record: string;
  /** Frame rate, Hz. */
  fs: number;
  /** ECG leads (mV, frame rate), in record order; samples [0, length). */
  leads: Float64Array[];
  /** Descriptions of the leads (e.g. MLII, V1). */
  leadNames: string[];
  /** Samples per lead. */
  length: number;
  /** Reference annotations inside the excerpt. */
  annotations: Annotation[];
  /** Samples of the AAMI-N reference beats (for the SNR's signal power). */
  normalBeats: Int32Array;
}

/**
 * Reads the first `minutes` of `record`'s ECG leads and its `atr` annotations from `dataDir`.
 * @throws WfdbError for a missing or unreadable record or annotation file.
 */
export async function readExcerpt(dataDir: string, record: string, minutes: number): Promise<RecordExcerpt> {
  const opened = await openRecord(join(dataDir, `${record}.hea`));
  try {
    const fs = opened.frameRateHz;
    const length = Math.min(opened.frameCount, Math.round(minutes * 60 * fs));
    const indices = ecgSignalIndices(opened);
    if (opened.signals.some((s) => s.samplesPerFrame > 1)) throw new RangeError(`${record}: multi-frequency records are not supported by the noise test`);
    const leads = await opened.readPhysical(0, length, indices);
    const { annotations: all } = await readAnnotationFile(join(dataDir, `${record}.atr`));
    const annotations = all.filter((a) => a.sample < length);
    const normalBeats = Int32Array.from(annotations.filter((a) => aamiIndexOf(a.symbol) === 0), (a) => a.sample);
    return { record, fs, leads, leadNames: indices.map((i) => opened.signals[i]!.description), length, annotations, normalBeats };
  } finally {
    await opened.close();
  }
}

/** Noise of `type` for every lead of `excerpt`, unscaled (see the file header for the seed). */
export function excerptNoise(excerpt: RecordExcerpt, type: NoiseType, seed: number): Float64Array[] {
  return generateNoise(type, { fs: excerpt.fs, length: excerpt.length, leads: excerpt.leads.length, seed: deriveSeed(seed, excerpt.record, type) });
}

/** The excerpt's leads with `noise` mixed in at `snrDb` during `spans`; each lead's gain. */
export function stressLeads(excerpt: RecordExcerpt, noise: readonly Float64Array[], snrDb: number, spans: readonly TimeSpan[]): { leads: Float64Array[]; gains: number[] } {
  const normalBeats = excerpt.normalBeats.length >= 10 ? excerpt.normalBeats : beatSamples(excerpt.annotations);
  const mixed = excerpt.leads.map((lead, k) => mixAtSnr(lead, noise[k]!, { fs: excerpt.fs, snrDb, normalBeats, spans }));
  return { leads: mixed.map((m) => m.signal), gains: mixed.map((m) => m.gain) };
}

/** Samples of every AAMI beat among `annotations`. */
export function beatSamples(annotations: readonly Annotation[]): Int32Array {
  return Int32Array.from(annotations.filter((a) => aamiIndexOf(a.symbol) >= 0), (a) => a.sample);
}
