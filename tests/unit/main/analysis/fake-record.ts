/**
 * A synthetic open record for the analysis unit tests: one or more signals held in memory,
 * read through the same `readPhysical` contract as a WFDB record (frames [start, end),
 * samplesPerFrame values per frame).
 */
import type { RecordSignal, WfdbRecord } from '../../../../src/main/wfdb';

/** One signal of a fake record. */
export interface FakeSignal {
  description: string;
  units?: string;
  samplesPerFrame?: number;
  /** frameCount × samplesPerFrame values, physical units. */
  values: Float64Array;
}

/** The parts of WfdbRecord the analysis reads, over `signals` at `frameRateHz`. */
export function fakeRecord(frameRateHz: number, signals: FakeSignal[]): Pick<WfdbRecord, 'signals' | 'frameRateHz' | 'frameCount' | 'readPhysical'> & { reads: number } {
  const frameCount = Math.floor(signals[0]!.values.length / (signals[0]!.samplesPerFrame ?? 1));
  const infos: RecordSignal[] = signals.map((s, index) => ({
    index,
    description: s.description,
    units: s.units ?? 'mV',
    adcGain: 200,
    baseline: 0,
    format: 212,
    samplesPerFrame: s.samplesPerFrame ?? 1,
    adcResolution: 12,
    adcZero: 0,
    initialValue: 0,
    invalidValue: -2048,
    fileName: 'fake.dat',
  }));
  const record = {
    signals: infos,
    frameRateHz,
    frameCount,
    reads: 0,
    readPhysical: async (start: number, end: number, which: readonly number[] = infos.map((s) => s.index)) => {
      if (start < 0 || end > frameCount || end < start) throw new RangeError(`read [${start}, ${end}) outside 0..${frameCount}`);
      record.reads++;
      return which.map((i) => {
        const spf = infos[i]!.samplesPerFrame;
        return signals[i]!.values.slice(start * spf, end * spf);
      });
    },
  };
  return record;
}

/** An ECG-like trace at `fs`: 0.05 mV baseline wander, a 1 mV Gaussian QRS (σ = 12 ms) at each peak, a T wave after it. */
export function syntheticEcg(fs: number, seconds: number, peaks: readonly number[]): Float64Array {
  const x = new Float64Array(Math.round(fs * seconds));
  for (let i = 0; i < x.length; i++) x[i] = 0.05 * Math.sin((2 * Math.PI * 0.3 * i) / fs);
  const qrs = 0.012 * fs;
  const t = 0.06 * fs;
  for (const p of peaks) {
    for (let i = Math.max(0, Math.round(p - 5 * qrs)); i < Math.min(x.length, Math.round(p + 0.5 * fs)); i++) {
      x[i]! += Math.exp(-(((i - p) / qrs) ** 2) / 2) + 0.25 * Math.exp(-(((i - p - 0.28 * fs) / t) ** 2) / 2);
    }
  }
  return x;
}
