/**
 * Benchmark of the model-input features of one record (called by bench/beats.ts): RR
 * features and beat windows for the reference beats of an MIT-BIH record, on its MLII lead.
 * The lead is read and filtered once, untimed (reading is bench:wfdb's, filtering engineer E's);
 * each step then runs `WARMUP` times untimed (JIT warm) and `RUNS` times timed.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { aamiIndexOf } from '../src/main/datasets/aami';
import { applyFilter, DEFAULT_FILTER } from '../src/main/datasets/filter-config';
import { chooseLead } from '../src/main/datasets/mitdb';
import { wfdbReaders } from '../src/main/datasets/wfdb-readers';
import { extractBeatWindows, KAGGLE_187_WINDOW, SEED_002_WINDOW } from '../src/main/signal/beat-windows';
import { resample } from '../src/main/signal/resample';
import { computeRrFeatures } from '../src/main/signal/rr-features';

const WARMUP = 5;
const RUNS = 21;

/** Wall time of one step, milliseconds: median and fastest of the timed runs (the fastest
 * says more on a machine shared with other work). */
export interface StepTiming {
  medianMs: number;
  minMs: number;
}

function timeStep(run: () => unknown): StepTiming {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[RUNS >> 1]!, minMs: times[0]! };
}

/** Timings of one record's feature extraction. */
export interface FeatureTimings {
  record: string;
  beats: number;
  durationSec: number;
  /** RR features of every beat. */
  rr: StepTiming;
  /** Seed-002 windows: 360 samples at 360 Hz, z-score (no resampling). */
  windows360: StepTiming;
  /** Kaggle windows: 187 samples at 125 Hz, [0, 1] (resampling the record included). */
  windows125: StepTiming;
  /** Of which: resampling the whole lead 360 → 125 Hz. */
  resample125: StepTiming;
  /** The filtering (de Chazal median baseline + 35 Hz low-pass), once, milliseconds, for scale. */
  filterMs: number;
}

/** Times feature extraction for `record` (default 100, 30 min) in `dataDir` (an MIT-BIH folder). */
export async function benchFeatures(dataDir: string, record = '100'): Promise<FeatureTimings> {
  const base = join(dataDir, record);
  const lead = await wfdbReaders.readLead(`${base}.hea`, chooseLead);
  const annotations = (await wfdbReaders.readAnnotations(`${base}.atr`)) ?? [];
  const samples = Int32Array.from(annotations.filter((a) => aamiIndexOf(a.symbol) >= 0), (a) => a.sample);
  const start = performance.now();
  const filtered = applyFilter(lead.signal, lead.fs, DEFAULT_FILTER);
  const filterMs = performance.now() - start;
  return {
    record,
    beats: samples.length,
    durationSec: lead.signal.length / lead.fs,
    rr: timeStep(() => computeRrFeatures(samples, lead.fs)),
    windows360: timeStep(() => extractBeatWindows(filtered, lead.fs, samples, SEED_002_WINDOW)),
    windows125: timeStep(() => extractBeatWindows(filtered, lead.fs, samples, KAGGLE_187_WINDOW)),
    resample125: timeStep(() => resample(filtered, lead.fs, 125)),
    filterMs,
  };
}
