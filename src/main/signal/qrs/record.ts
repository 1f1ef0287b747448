/**
 * QRS detection on an open WFDB record: picks the ECG signals, converts them to mV at the
 * frame rate, and runs the chunked detector over the record (memory bounded for 24-hour
 * Holter records).
 */
import type { WfdbRecord } from '../../wfdb';
import { detectQrsChunked, type ChunkedQrsOptions } from './chunked';
import type { QrsDetection } from './detect';

/** Options of {@link detectRecordQrs}. */
export interface RecordQrsOptions extends ChunkedQrsOptions {
  /** Signal indices to use; default {@link ecgSignalIndices}. */
  signals?: readonly number[];
}

/** Result of {@link detectRecordQrs}. */
export interface RecordQrsDetection extends QrsDetection {
  /** The record's signal indices that were used, in lead order (locateLead indexes them). */
  signals: number[];
  /** Sampling frequency of `samples` (the record's frame rate), Hz. */
  fs: number;
}

/** Descriptions of ECG leads (MIT-BIH "MLII", "V1"; "ECG", "I", "aVR", "CM5", …). */
const ECG_NAME = /^(ecg|ekg|lead|ml|v\d|i{1,3}\b|av[rlf]|d\d|cm\d|cc\d|cs\d|mc\d)/i;
const MV_PER_UNIT: Record<string, number> = { mv: 1, uv: 0.001, 'µv': 0.001, v: 1000 };

/**
 * Indices of the record's ECG signals: those whose description names a lead or whose units
 * are volts (mV, µV, V); all signals with a signal file when none qualifies.
 */
export function ecgSignalIndices(record: Pick<WfdbRecord, 'signals'>): number[] {
  const present = record.signals.filter((s) => s.format !== 0 && s.fileName !== '~');
  const ecg = present.filter((s) => ECG_NAME.test(s.description.trim()) || s.units.toLowerCase() in MV_PER_UNIT);
  return (ecg.length > 0 ? ecg : present).map((s) => s.index);
}

/** Frame-rate copy of a signal read with `spf` samples per frame (frame means), scaled to mV. */
function toFrameRate(x: Float64Array, spf: number, scale: number): Float64Array {
  if (spf === 1 && scale === 1) return x;
  const out = new Float64Array(Math.floor(x.length / spf));
  for (let f = 0; f < out.length; f++) {
    let s = 0;
    for (let j = 0; j < spf; j++) s += x[f * spf + j]!;
    out[f] = (s / spf) * scale;
  }
  return out;
}

/**
 * Detects QRS complexes in an open record (see detect.ts and chunked.ts).
 * @returns R-peak frame numbers, the signals used and the frame rate.
 * @throws WfdbError from the record's reads (missing or truncated signal file, …);
 *   RangeError when no signal can be used.
 */
export async function detectRecordQrs(record: WfdbRecord, options: RecordQrsOptions = {}): Promise<RecordQrsDetection> {
  const signals = [...(options.signals ?? ecgSignalIndices(record))];
  if (signals.length === 0) throw new RangeError(`${record.name}: no signal to detect QRS complexes in`);
  const info = signals.map((i) => {
    const s = record.signals[i];
    if (!s) throw new RangeError(`${record.name}: no signal ${i}`);
    return { spf: Math.max(1, s.samplesPerFrame), scale: MV_PER_UNIT[s.units.toLowerCase()] ?? 1 };
  });
  const fs = record.frameRateHz;
  const found = await detectQrsChunked({
    fs,
    length: record.frameCount,
    read: async (start, end) => {
      const raw = await record.readPhysical(start, end, signals);
      return raw.map((x, k) => toFrameRate(x, info[k]!.spf, info[k]!.scale));
    },
  }, options);
  return { ...found, signals, fs };
}
