/**
 * One configuration of the ML-kernel benchmark, run in its own process by
 * bench/ml-kernels.ts (the wasm binary, threaded or not, is chosen once per process).
 * Prints one JSON line: training and inference throughput of the stand-in model.
 *
 *   tsx bench/ml-kernels-run.ts <config> [--threads N] [--profile]
 *
 * Configs: cpu, wasm-stock, wasm-ours, wasm-ours-threads. `--profile` also prints the
 * kernels that took the most CPU time in the timed training steps (self time: a kernel
 * that calls another is charged only for its own work).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { buildBenchModel, BEAT_SAMPLES, NUM_CLASSES } from './ml-kernels-model';
import { initWasmBackend } from '../src/main/ml/backend/wasm-threads';
import { registerWasmTrainingKernels } from '../src/main/ml/backend/wasm-training-kernels';

/** Result of one configuration, as printed for the parent process. */
export interface RunResult {
  config: string;
  threads: number;
  params: number;
  trainBeatsPerSec: number | null;
  trainCpuBeatsPerSec: number | null;
  trainError: string | null;
  inferBeatsPerSec: number;
  steps: { train: number; infer: number };
  profile?: [string, number, number][];
}

const BATCH = 128;
const argv = process.argv.slice(2);
const config = argv[0] ?? 'wasm-ours';
const threadsArg = argv.indexOf('--threads');
const threads = threadsArg >= 0 ? Number(argv[threadsArg + 1]) : 2;
// The pure-JS cpu backend trains at a few beats/s: a few steps of 128 beats take minutes.
const plan = config === 'cpu' ? { warmup: 1, train: 2, inferWarmup: 1, infer: 3 } : { warmup: 3, train: 10, inferWarmup: 3, infer: 15 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function startBackend(): Promise<number> {
  if (config === 'cpu') {
    await tf.setBackend('cpu');
    return 1;
  }
  const n = await initWasmBackend({ threads: config === 'wasm-ours-threads' ? threads : 1 });
  if (config !== 'wasm-stock') registerWasmTrainingKernels();
  return n;
}

/** Wraps every wasm kernel to add up its self CPU time (only with --profile). */
function instrumentKernels(totals: Map<string, [number, number]>): void {
  const stack: number[] = [];
  for (const kernel of tf.getKernelsForBackend('wasm')) {
    const inner = kernel.kernelFunc;
    tf.unregisterKernel(kernel.kernelName, 'wasm');
    tf.registerKernel({
      ...kernel,
      kernelFunc: (args) => {
        stack.push(0);
        const start = cpuMs();
        try {
          return inner(args);
        } finally {
          const elapsed = cpuMs() - start;
          const children = stack.pop() ?? 0;
          if (stack.length > 0) stack[stack.length - 1] = (stack.at(-1) ?? 0) + elapsed;
          const entry = totals.get(kernel.kernelName) ?? [0, 0];
          totals.set(kernel.kernelName, [entry[0] + elapsed - children, entry[1] + 1]);
        }
      },
    });
  }
}

async function measureTraining(model: LayersModel, x: tf.Tensor, y: tf.Tensor, profile: Map<string, [number, number]> | null) {
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  try {
    for (let i = 0; i < plan.warmup; i++) await model.trainOnBatch(x, y);
  } catch (error) {
    return { wall: null, cpu: null, error: error instanceof Error ? error.message : String(error) };
  }
  if (profile !== null) instrumentKernels(profile);
  const [wall, cpu]: [number[], number[]] = [[], []];
  for (let i = 0; i < plan.train; i++) {
    const [t0, c0] = [performance.now(), cpuMs()];
    await model.trainOnBatch(x, y);
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { wall: median(wall), cpu: median(cpu), error: null };
}

function measureInference(model: LayersModel, x: tf.Tensor): number {
  const run = (): void => tf.tidy(() => void (model.predict(x) as tf.Tensor).dataSync());
  for (let i = 0; i < plan.inferWarmup; i++) run();
  const wall: number[] = [];
  for (let i = 0; i < plan.infer; i++) {
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
  }
  return median(wall);
}

async function main(): Promise<void> {
  const actualThreads = await startBackend();
  const model = buildBenchModel();
  const x = tf.randomNormal([BATCH, BEAT_SAMPLES, 1], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([BATCH], 0, NUM_CLASSES, 'int32', 2), NUM_CLASSES);
  const inferMs = measureInference(model, x);
  const profile = argv.includes('--profile') && config !== 'cpu' ? new Map<string, [number, number]>() : null;
  const train = await measureTraining(model, x, y, profile);
  const perSec = (ms: number | null): number | null => (ms === null ? null : (BATCH * 1000) / ms);
  const result: RunResult = {
    config,
    threads: actualThreads,
    params: model.countParams(),
    trainBeatsPerSec: perSec(train.wall),
    trainCpuBeatsPerSec: perSec(train.cpu),
    trainError: train.error,
    inferBeatsPerSec: (BATCH * 1000) / inferMs,
    steps: { train: plan.train, infer: plan.infer },
  };
  if (profile !== null) {
    result.profile = [...profile]
      .map(([name, [ms, calls]]): [string, number, number] => [name, ms / plan.train, calls / plan.train])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
