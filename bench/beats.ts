/**
 * Beat pipeline benchmark (`npm run bench:beats`) on MIT-BIH record 100 (30 min, 360 Hz):
 * QRS detection (engineer E's `detectQrs` on the MLII lead) plus the model-input features
 * (RR features and beat windows, ./features). Target: detection + features ≤ 100 ms for a
 * 30-minute record (median of warm runs; the fastest run is printed too, for a machine shared
 * with other work). Reading the record is bench:wfdb's figure and is not counted; the
 * classification filtering is printed for scale only (the beat cache spares it on reloads).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chooseLead } from '../src/main/datasets/mitdb';
import { wfdbReaders } from '../src/main/datasets/wfdb-readers';
import { detectQrs } from '../src/main/signal/qrs/detect';
import { benchFeatures, type StepTiming } from './features';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const TARGET_MS = 100;

/** Median and fastest of `runs` warm calls of `f`. */
function timeDetection(f: () => unknown, runs = 11, warmup = 2): StepTiming {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[runs >> 1]!, minMs: times[0]! };
}

const fmt = (t: StepTiming): string => `${t.medianMs.toFixed(2)} ms (fastest ${t.minMs.toFixed(2)} ms)`;

async function main(): Promise<void> {
  const lead = await wfdbReaders.readLead(join(MITDB, '100.hea'), chooseLead);
  let beats = 0;
  const detection = timeDetection(() => {
    beats = detectQrs([lead.signal], lead.fs).samples.length;
  });
  const features = await benchFeatures(MITDB, '100');
  console.log(`record 100 (${(features.durationSec / 60).toFixed(1)} min, ${features.beats} reference beats)`);
  console.log(`  QRS detection, MLII:                     ${fmt(detection)}, ${beats} beats`);
  console.log(`  RR features:                             ${fmt(features.rr)}`);
  console.log(`  windows 360 × 360 Hz, z-score (seed 002): ${fmt(features.windows360)}`);
  console.log(`  windows 187 × 125 Hz, [0,1] (seeds 000/1): ${fmt(features.windows125)}, of which resampling ${fmt(features.resample125)}`);
  console.log(`  (filtering for the classifier, once: ${features.filterMs.toFixed(0)} ms — cached with the beats)`);
  const total = detection.medianMs + features.rr.medianMs + features.windows360.medianMs;
  const pass = total <= TARGET_MS;
  console.log(`  detection + RR + seed-002 windows: ${total.toFixed(1)} ms ${pass ? 'PASS' : 'FAIL'} (≤ ${TARGET_MS} ms)`);
  if (!pass) process.exitCode = 1;
}

await main();
