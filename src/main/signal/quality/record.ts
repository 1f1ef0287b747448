/**
 * The quality gate over an open WFDB record, chunk by chunk so that a 24-hour Holter record
 * is never held whole: each chunk (default 10 minutes, a whole number of 2-s windows) is read
 * and marked on its own (./mark-noise), its segments shifted to record time and merged. The
 * floor feature is relative to the chunk's typical QRS-band peak, so it adapts to slow
 * changes in QRS amplitude over a day. Every feature is a ratio or a duration, so the signals'
 * units do not matter.
 */
import type { WfdbRecord } from '../../wfdb';
import { ecgSignalIndices } from '../qrs';
import { DEFAULT_QUALITY, markNoise, type QualityThresholds } from './mark-noise';
import { mergeSegments, type NoiseSegment } from './segments';

/** Options of {@link markRecordNoise}. */
export interface RecordQualityOptions extends Partial<QualityThresholds> {
  /** Signal indices to judge (default: the ECG leads, as the detector uses). */
  signals?: readonly number[];
  /** Chunk length, seconds (default 600; rounded to whole windows). */
  chunkSec?: number;
}

/**
 * Noise segments of `record` in seconds from its start (see the file header). Leads with a
 * different samples-per-frame from the first are left out (the gate needs equal rates).
 * @throws WfdbError from the reads; RangeError when the record has no signal to judge.
 */
export async function markRecordNoise(record: WfdbRecord, options: RecordQualityOptions = {}): Promise<NoiseSegment[]> {
  const candidates = [...(options.signals ?? ecgSignalIndices(record))];
  const first = record.signals[candidates[0] ?? -1];
  if (first === undefined) throw new RangeError(`${record.name}: no signal to judge the quality of`);
  const spf = Math.max(1, first.samplesPerFrame);
  const signals = candidates.filter((i) => Math.max(1, record.signals[i]?.samplesPerFrame ?? 0) === spf);
  const fs = record.frameRateHz * spf;
  const windowSec = options.windowSec ?? DEFAULT_QUALITY.windowSec;
  const chunkFrames = Math.max(1, Math.round(Math.max(windowSec, Math.round((options.chunkSec ?? 600) / windowSec) * windowSec) * record.frameRateHz));
  const segments: NoiseSegment[] = [];
  for (let start = 0; start < record.frameCount; start += chunkFrames) {
    const end = Math.min(record.frameCount, start + chunkFrames);
    const leads = await record.readPhysical(start, end, signals);
    const offsetSec = start / record.frameRateHz;
    for (const s of markNoise(leads, fs, options)) segments.push({ startSec: s.startSec + offsetSec, endSec: s.endSec + offsetSec });
  }
  return mergeSegments(segments);
}
