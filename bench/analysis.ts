/**
 * Background analysis benchmark (`npm run bench:analysis`): the full analysis of a 30-minute
 * MIT-BIH record (100: 2,273 beats; 208: 2,955 beats, many ventricular) in its worker
 * thread on the wasm backend, as the app runs it when a recording opens:
 *
 * - cold: a new worker started when the analysis starts (thread, TypeScript through tsx —
 *   or the bundled worker with `--worker out/main/analysis-worker.js` — wasm backend, model);
 * - prepared: a worker started ahead by `prepareAnalysis` (as the app does at start-up);
 * - warm: the worker kept from the previous analysis (../src/main/analysis/worker-pool);
 * - time to the first chunk (when the reviewer can start) and to the model;
 * - the calling thread's longest event-loop stall while the analysis runs (responsiveness).
 *
 * Baselines measured in the same run, in this thread, warm: `predictRecord` (the same
 * detection + classification in one piece, ../src/main/ml/inference) and QRS detection
 * alone. Target (issue 6): the analysis of a 30-minute record ≤ 5 s here, cold.
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { disposeAnalysisWorkers, prepareAnalysis, startAnalysis } from '../src/main/analysis';
import { loadModel, predictRecord, selectBackend, type LoadedModel } from '../src/main/ml';
import { detectRecordQrs } from '../src/main/signal/qrs';
import { openRecord } from '../src/main/wfdb';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');
const RECORDS = ['100', '208'];
const TARGET_MS = 5000;
const WORKER = parseArgs({ options: { worker: { type: 'string' } } }).values.worker;
const WORKER_PATH = WORKER === undefined ? undefined : resolve(WORKER);

/**
 * Longest time this thread went without running a 5-ms interval timer, from `start` until
 * the returned stop function is called (which counts the gap up to then too).
 */
function stallMeter(): () => number {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(max, performance.now() - last);
  };
}

interface AnalysisTiming {
  totalMs: number;
  modelMs: number;
  firstChunkMs: number;
  beats: number;
  chunks: number;
  maxStallMs: number;
}

/** One analysis through the worker, timed from the call to `done`. */
async function timedAnalysis(headerPath: string): Promise<AnalysisTiming> {
  const stopStall = stallMeter();
  const start = performance.now();
  const t: AnalysisTiming = { totalMs: 0, modelMs: Number.NaN, firstChunkMs: Number.NaN, beats: 0, chunks: 0, maxStallMs: 0 };
  const handle = startAnalysis({ headerPath, modelDir: MODEL_DIR, backend: 'wasm', workerPath: WORKER_PATH }, {
    onModel: () => (t.modelMs = performance.now() - start),
    onProgress: () => undefined,
    onChunk: (chunk) => {
      if (t.chunks === 0) t.firstChunkMs = performance.now() - start;
      t.chunks += 1;
      t.beats += chunk.samples.length;
    },
  });
  await handle.done;
  t.totalMs = performance.now() - start;
  t.maxStallMs = stopStall();
  return t;
}

/** Wall time (ms) of `f`, and its result. */
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await f();
  return [performance.now() - start, value];
}

async function baselines(headerPath: string, loaded: LoadedModel): Promise<{ predictMs: number; predictStallMs: number; detectMs: number; beats: number }> {
  const stopStall = stallMeter();
  const [predictMs, prediction] = await timed(() => predictRecord(headerPath, loaded));
  const predictStallMs = stopStall();
  const record = await openRecord(headerPath);
  const [detectMs] = await timed(() => detectRecordQrs(record));
  await record.close();
  return { predictMs, predictStallMs, detectMs, beats: prediction.beats.count };
}

const ms = (x: number): string => `${x.toFixed(0).padStart(5)} ms`;
const ratio = (x: number, base: number): string => `${(x / base).toFixed(2)}×`;

async function main(): Promise<void> {
  console.log(`analysis benchmark: ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, worker ${WORKER_PATH ?? 'from source (tsx)'}`);
  await selectBackend('wasm');
  const loaded = await loadModel(MODEL_DIR);
  await predictRecord(join(MITDB, '100.hea'), loaded); // warm-up: JIT, wasm kernels
  let pass = true;
  for (const record of RECORDS) {
    const headerPath = join(MITDB, `${record}.hea`);
    const base = await baselines(headerPath, loaded);
    await disposeAnalysisWorkers();
    const cold = await timedAnalysis(headerPath);
    await disposeAnalysisWorkers();
    await prepareAnalysis({ modelDir: MODEL_DIR, backend: 'wasm', workerPath: WORKER_PATH });
    const prepared = await timedAnalysis(headerPath);
    const warm = await timedAnalysis(headerPath);
    const ok = cold.totalMs <= TARGET_MS && warm.totalMs <= TARGET_MS && cold.beats === base.beats;
    pass &&= ok;
    console.log(`\nrecord ${record} (${base.beats} beats; analysis found ${cold.beats} in ${cold.chunks} chunks)`);
    console.log(`  baseline predictRecord, this thread  ${ms(base.predictMs)}, longest stall of this thread ${ms(base.predictStallMs)}`);
    console.log(`  baseline QRS detection alone         ${ms(base.detectMs)}`);
    for (const [name, t] of [['cold (new worker)', cold], ['prepared worker', prepared], ['warm (kept worker)', warm]] as const) {
      console.log(`  ${name.padEnd(19)} total ${ms(t.totalMs)} (${ratio(t.totalMs, base.predictMs)} predictRecord), model ${ms(t.modelMs)}, first chunk ${ms(t.firstChunkMs)}, longest main-thread stall ${ms(t.maxStallMs)}`);
    }
    console.log(`  target ≤ ${TARGET_MS} ms cold and warm: ${ok ? 'PASS' : 'FAIL'}`);
  }
  await disposeAnalysisWorkers();
  loaded.model.dispose();
  console.log(`\n${pass ? 'PASS' : 'FAIL'}`);
  process.exitCode = pass ? 0 : 1;
}

await main();
