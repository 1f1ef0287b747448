/**
 * Benchmark (`npm run bench:ml`): training and inference throughput, in beats per second,
 * of our two networks (default RhythmAttention and CNN-BiGRU-Attention configs) on every
 * TensorFlow.js backend, through the real training step (focal loss, L2, clipping, Adam;
 * src/main/ml/training/train-step) on augmented batches, and the real batched inference
 * (src/main/ml/inference). Each backend runs in its own process (the wasm binary is chosen
 * once per process); the native backends are reported as unavailable where they cannot load.
 *
 * Training uses batches of 128 and inference batches of 512, except on the pure-JavaScript
 * cpu backend, which trains at about one beat per second: there a batch of 8 and an
 * inference batch of 64 keep the bench short (throughput, not latency, is compared).
 * Targets (wasm, default RhythmAttention): training ≥ 300 beats/s, inference ≥ 3,000.
 *
 *   npm run bench:ml                 # all backends
 *   npm run bench:ml -- --only wasm  # one backend
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendPreference } from '../src/main/ml/backend/select';
import { predictBatches } from '../src/main/ml/inference';
import { buildModel, defaultModelConfig, type Architecture } from '../src/main/ml/models';
import { DEFAULT_AUGMENT, gatherWindows } from '../src/main/ml/training/augment';
import { createPrng } from '../src/main/ml/training/prng';
import { trainableVariables, trainStep } from '../src/main/ml/training/train-step';

const BACKENDS: readonly BackendPreference[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const ARCHS: readonly Architecture[] = ['rhythm-attention', 'cnn-bigru-attention'];
const TARGETS = { train: 300, infer: 3000 };

/** One backend's measurements, printed by the child as a JSON line. */
interface ChildResult {
  backend: string;
  available: boolean;
  reason: string;
  rows: { arch: Architecture; params: number; trainBatch: number; trainBeatsPerSec: number; inferBatch: number; inferBeatsPerSec: number }[];
}

function plan(backend: string): { trainBatch: number; warmup: number; steps: number; inferBatch: number; inferRuns: number } {
  return backend === 'cpu' ? { trainBatch: 8, warmup: 0, steps: 1, inferBatch: 64, inferRuns: 1 } : { trainBatch: 128, warmup: 2, steps: 5, inferBatch: 512, inferRuns: 3 };
}

function measureArch(arch: Architecture, backend: string): ChildResult['rows'][number] {
  const p = plan(backend);
  const config = defaultModelConfig(arch);
  const model = buildModel(config, 1);
  const [L, F] = [config.windowLength, config.rrFeatures.length];
  const prng = createPrng(1);
  const pool = Float32Array.from({ length: 1024 * L }, () => prng.normal());
  const rr = Float32Array.from({ length: Math.max(p.trainBatch, p.inferBatch) * F }, () => prng.normal());
  const ctx = { model, optimizer: tf.train.adam(1e-3), variables: trainableVariables(model), loss: { gamma: 2 }, clipNorm: 1 };
  const step = (): void => {
    const indices = Int32Array.from({ length: p.trainBatch }, () => prng.int(1024));
    const beat = gatherWindows({ windows: pool, differences: null }, L, indices, DEFAULT_AUGMENT, prng);
    trainStep(ctx, { beat, windowLength: L, rr: rr.subarray(0, p.trainBatch * F), rrWidth: F, labels: Int32Array.from(indices, (i) => i % 5) });
  };
  for (let i = 0; i < p.warmup; i++) step();
  let t = performance.now();
  for (let i = 0; i < p.steps; i++) step();
  const trainBeatsPerSec = (p.steps * p.trainBatch) / ((performance.now() - t) / 1000);
  const input = { windows: pool.subarray(0, p.inferBatch * L), windowLength: L, differences: null, rr: rr.subarray(0, p.inferBatch * F), rrWidth: F, count: p.inferBatch };
  predictBatches(model, input, { batchSize: p.inferBatch });
  t = performance.now();
  for (let i = 0; i < p.inferRuns; i++) predictBatches(model, input, { batchSize: p.inferBatch });
  const inferBeatsPerSec = (p.inferRuns * p.inferBatch) / ((performance.now() - t) / 1000);
  const params = model.countParams();
  ctx.optimizer.dispose();
  model.dispose();
  return { arch, params, trainBatch: p.trainBatch, trainBeatsPerSec, inferBatch: p.inferBatch, inferBeatsPerSec };
}

async function child(backend: BackendPreference): Promise<void> {
  let selected;
  try {
    selected = await selectBackend(backend);
  } catch (error) {
    console.log(JSON.stringify({ backend, available: false, reason: (error as Error).message, rows: [] } satisfies ChildResult));
    return;
  }
  Object.assign(tf.backend(), { firstUse: false });
  const rows = ARCHS.map((arch) => measureArch(arch, selected.name));
  console.log(JSON.stringify({ backend, available: true, reason: selected.reason, rows } satisfies ChildResult));
}

function runChild(backend: BackendPreference): ChildResult {
  const self = fileURLToPath(import.meta.url);
  // The child picks its backend from the argument, not from the environment.
  const { RA_TF_BACKEND: _ignored, ...env } = process.env;
  const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', backend], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const line = out.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (out.status !== 0 || line === undefined) {
    return { backend, available: false, reason: `failed (exit ${out.status}): ${out.stderr.trim().split('\n').slice(-2).join(' | ')}`, rows: [] };
  }
  return JSON.parse(line) as ChildResult;
}

const fmt = (v: number): string => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

function report(results: ChildResult[]): void {
  const cpu = results.find((r) => r.backend === 'cpu' && r.available);
  const ratio = (arch: Architecture, key: 'trainBeatsPerSec' | 'inferBeatsPerSec', v: number): string => {
    const base = cpu?.rows.find((r) => r.arch === arch)?.[key];
    return base === undefined || base === 0 ? '—' : `${(v / base).toFixed(0)}×`;
  };
  const head = ['backend', 'model', 'params', 'train beats/s', 'vs cpu', 'infer beats/s', 'vs cpu'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const row of r.rows) {
      rows.push([r.backend, row.arch, row.params.toLocaleString('en-US'), `${fmt(row.trainBeatsPerSec)} (batch ${row.trainBatch})`, ratio(row.arch, 'trainBeatsPerSec', row.trainBeatsPerSec), `${fmt(row.inferBeatsPerSec)} (batch ${row.inferBatch})`, ratio(row.arch, 'inferBeatsPerSec', row.inferBeatsPerSec)]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  for (const r of results.filter((x) => !x.available)) console.log(`${r.backend}: unavailable: ${r.reason}`);
  const wasm = results.find((r) => r.backend === 'wasm')?.rows.find((r) => r.arch === 'rhythm-attention');
  if (wasm === undefined) return;
  const verdict = (v: number, target: number): string => `${v >= target ? 'PASS' : 'FAIL'} (${fmt(v)} beats/s, target ≥ ${target.toLocaleString('en-US')})`;
  console.log(`\nwasm, default RhythmAttention: training ${verdict(wasm.trainBeatsPerSec, TARGETS.train)}; inference ${verdict(wasm.inferBeatsPerSec, TARGETS.infer)}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1] as BackendPreference);
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : BACKENDS;
  console.log(`ML benchmark: ${os.cpus().length} logical CPUs, load average ${os.loadavg()[0]?.toFixed(1)}; each backend in its own process.\n`);
  const started = performance.now();
  const results = BACKENDS.filter((b) => only.includes(b)).map(runChild);
  report(results);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
