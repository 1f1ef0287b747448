/**
 * Test helpers: run the same computation on tfjs' reference `cpu` backend and on `wasm`
 * (with our kernels) and compare. Inputs are plain arrays from a seeded generator, so
 * each backend builds its own tensors and a failure is reproducible.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../src/main/ml/backend/wasm-training-kernels';

/**
 * tfjs-core's own gradients for the kernels whose gradient we replace (for every backend),
 * captured before any test registers ours: references are computed with these, so that
 * our gradients are checked against tfjs' rather than against themselves.
 */
const STOCK_GRADIENTS = ['Tile', 'Mean', 'FusedBatchNorm'].map((name) => {
  const config = tf.getGradient(name);
  if (config === undefined) throw new Error(`tfjs registered no gradient for ${name}`);
  return config;
});

/** Runs `compute` on the cpu backend with tfjs-core's gradients (see STOCK_GRADIENTS). */
export async function runReference(compute: () => tf.Tensor[], checkLeaks = true): Promise<Float32Array[]> {
  const current = STOCK_GRADIENTS.map((g) => tf.getGradient(g.kernelName));
  STOCK_GRADIENTS.forEach((g) => tf.registerGradient(g));
  try {
    return await runOn('cpu', compute, checkLeaks);
  } finally {
    current.forEach((g) => g !== undefined && tf.registerGradient(g));
  }
}

/** An integer in [lo, hi]. */
export function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** `size` values uniform in [−1, 1). */
export function randValues(rand: () => number, size: number): Float32Array {
  return Float32Array.from({ length: size }, () => rand() * 2 - 1);
}

/** Selects the wasm backend with our training kernels registered. */
export async function useWasmWithOurKernels(): Promise<void> {
  await tf.setBackend('wasm');
  registerWasmTrainingKernels();
}

/**
 * Runs `compute` on `backend` inside a tidy and returns its outputs as arrays; also checks
 * (unless `checkLeaks` is false, for computations that update model variables) that
 * nothing was left behind, neither engine tensors nor backend buffers.
 */
export async function runOn(backend: string, compute: () => tf.Tensor[], checkLeaks = true): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  // The cpu backend greets Node users (advertising tfjs-node) on first use; not in tests.
  Object.assign(tf.backend(), { firstUse: false });
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const outputs = tf.tidy(compute);
  const values = outputs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outputs);
  if (checkLeaks) {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
  }
  return values;
}

/** max |a − b| / max |b| (with a floor, so an all-zero reference does not divide by 0). */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return diff / scale;
}

/**
 * Runs `compute` on stock tfjs (cpu backend, tfjs-core's gradients) and on wasm with our
 * kernels and gradients; expects every output to agree.
 */
export async function expectSameOnWasm(compute: () => tf.Tensor[], tolerance = 1e-4, checkLeaks = true): Promise<void> {
  const reference = await runReference(compute, checkLeaks);
  await useWasmWithOurKernels();
  const ours = await runOn('wasm', compute, checkLeaks);
  expect(ours.length).toBe(reference.length);
  ours.forEach((values, i) => expect(relativeError(values, reference[i] as Float32Array)).toBeLessThan(tolerance));
}
