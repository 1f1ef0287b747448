/**
 * Beat pipeline benchmark (`npm run bench:beats`) on MIT-BIH (360 Hz):
 * - QRS detection (src/main/signal/qrs) on record 100, both leads (30 min, 2 channels) and
 *   the MLII lead alone, plus the model-input features (RR features and beat windows,
 *   ./features). Target: detection + features ≤ 100 ms for the 30-minute record (median of
 *   warm runs; the fastest run is printed too, for a machine shared with other work).
 * - A 24-hour two-lead record made of the 48 MIT-BIH records end to end, detected chunk by
 *   chunk (`detectQrsChunked`, 1-hour chunks). Target ≤ 5 s.
 * Reading the records is bench:wfdb's figure and is not counted; the classification
 * filtering is printed for scale only (the beat cache spares it on reloads).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { listAnnotatedRecords } from '../src/main/eval/qrs-eval';
import { detectQrs, detectQrsChunked } from '../src/main/signal/qrs';
import { openRecord } from '../src/main/wfdb';
import { benchFeatures, type StepTiming } from './features';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const TARGET_MS = 100;
const TARGET_24H_MS = 5000;

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

/**
 * The baseline every figure is set against, measured in the same run: one 150-ms moving
 * sum over each lead — a single O(n) pass, the cheapest stage any QRS detector has.
 */
function movingSumPass(leads: readonly Float64Array[], fs: number): number {
  const width = Math.round(0.15 * fs);
  let checksum = 0;
  for (const lead of leads) {
    const out = new Float64Array(lead.length);
    let sum = 0;
    for (let i = 0; i < lead.length; i++) {
      sum += lead[i]! - (i >= width ? lead[i - width]! : 0);
      out[i] = sum;
    }
    checksum += out[out.length - 1]!;
  }
  return checksum;
}

const ratio = (t: StepTiming, base: StepTiming): string => `${(t.medianMs / base.medianMs).toFixed(1)}× baseline`;

/** Both leads of a record in mV. */
async function readLeads(name: string): Promise<{ fs: number; leads: Float64Array[] }> {
  const rec = await openRecord(join(MITDB, `${name}.hea`));
  try {
    return { fs: rec.frameRateHz, leads: await rec.readPhysical(0, rec.frameCount) };
  } finally {
    await rec.close();
  }
}

/** The 48 records end to end (about 24 h), kept as Float32 to halve the memory. */
async function dayLong(): Promise<{ fs: number; leads: Float32Array[] }> {
  const names = await listAnnotatedRecords(MITDB);
  const parts = await Promise.all(names.map(readLeads));
  const total = parts.reduce((n, p) => n + p.leads[0]!.length, 0);
  const leads = [new Float32Array(total), new Float32Array(total)];
  let o = 0;
  for (const p of parts) {
    leads.forEach((l, k) => l.set(p.leads[k]!, o));
    o += p.leads[0]!.length;
  }
  return { fs: parts[0]!.fs, leads };
}

async function benchDay(): Promise<number> {
  const { fs, leads } = await dayLong();
  const length = leads[0]!.length;
  const read = (a: number, b: number): Promise<Float64Array[]> => Promise.resolve(leads.map((l) => Float64Array.from(l.subarray(a, b))));
  const start = performance.now();
  const found = await detectQrsChunked({ fs, length, read });
  const ms = performance.now() - start;
  console.log(`24-hour record (${(length / fs / 3600).toFixed(2)} h, 2 leads, the 48 records end to end):`);
  console.log(`  QRS detection, chunked: ${ms.toFixed(0)} ms, ${found.samples.length} beats ${ms <= TARGET_24H_MS ? 'PASS' : 'FAIL'} (≤ ${TARGET_24H_MS} ms)`);
  return ms;
}

async function main(): Promise<void> {
  const { fs, leads } = await readLeads('100');
  let beats2 = 0, beats1 = 0;
  const both = timeDetection(() => { beats2 = detectQrs(leads, fs).samples.length; });
  const mlii = timeDetection(() => { beats1 = detectQrs([leads[0]!], fs).samples.length; });
  const baseline = timeDetection(() => movingSumPass(leads, fs));
  const features = await benchFeatures(MITDB, '100');
  console.log(`record 100 (${(features.durationSec / 60).toFixed(1)} min, ${features.beats} reference beats)`);
  console.log(`  baseline, one moving-sum pass per lead:  ${fmt(baseline)}`);
  console.log(`  QRS detection, 2 leads:                  ${fmt(both)}, ${beats2} beats (${ratio(both, baseline)})`);
  console.log(`  QRS detection, MLII only:                ${fmt(mlii)}, ${beats1} beats (${ratio(mlii, baseline)})`);
  console.log(`  RR features:                             ${fmt(features.rr)}`);
  console.log(`  windows 360 × 360 Hz, z-score (seed 002): ${fmt(features.windows360)}`);
  console.log(`  windows 187 × 125 Hz, [0,1] (seeds 000/1): ${fmt(features.windows125)}, of which resampling ${fmt(features.resample125)}`);
  console.log(`  (filtering for the classifier, once: ${features.filterMs.toFixed(0)} ms — cached with the beats)`);
  const total = both.medianMs + features.rr.medianMs + features.windows360.medianMs;
  const pass = total <= TARGET_MS;
  console.log(`  2-lead detection + RR + seed-002 windows: ${total.toFixed(1)} ms (${(total / baseline.medianMs).toFixed(1)}× baseline) ${pass ? 'PASS' : 'FAIL'} (≤ ${TARGET_MS} ms)`);
  const dayMs = await benchDay();
  if (!pass || dayMs > TARGET_24H_MS) process.exitCode = 1;
}

await main();
