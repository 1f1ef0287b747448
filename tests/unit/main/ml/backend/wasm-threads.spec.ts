import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initWasmBackend } from '../../../../../src/main/ml/backend/wasm-threads';
import { registerWasmTrainingKernels } from '../../../../../src/main/ml/backend/wasm-training-kernels';
import { runOn } from './compare-backends';

// Vitest runs each spec file in its own process, so this one starts the wasm backend
// itself, threaded, before anything else can.
describe('initWasmBackend', () => {
  it('rejects thread counts outside 1 … 8 before touching the backend', async () => {
    for (const threads of [0, 9, 1.5]) {
      await expect(initWasmBackend({ threads })).rejects.toThrow(/integer from 1 to 8/);
    }
  });

  it('starts the threaded binary with two threads in Node and computes what cpu computes', async () => {
    expect(await initWasmBackend({ threads: 2 })).toBe(2);
    expect(tf.getBackend()).toBe('wasm');
    registerWasmTrainingKernels();
    const values = Float32Array.from({ length: 64 * 48 }, (_, i) => Math.sin(i));
    const compute = (): tf.Tensor[] => {
      const a = tf.tensor2d(values, [64, 48]);
      const x = tf.reshape(a, [2, 1, 32, 48]) as tf.Tensor4D;
      const w = tf.reshape(tf.slice(a, [0, 0], [3, 48]), [1, 3, 48, 1]);
      return [tf.matMul(a, a, false, true), tf.conv2d(x, tf.tile(w, [1, 1, 1, 4]) as tf.Tensor4D, 1, 'same')];
    };
    const [product, conv] = await runOn('wasm', compute);
    const [refProduct, refConv] = await runOn('cpu', compute);
    for (const [ours, ref] of [[product, refProduct], [conv, refConv]]) {
      expect(ours).toHaveLength(ref?.length ?? -1);
      ours?.forEach((v, i) => expect(v).toBeCloseTo(ref?.[i] ?? NaN, 3));
    }
  });

  it('refuses another thread count once the backend has started', async () => {
    await expect(initWasmBackend({ threads: 1 })).rejects.toThrow(/runs 2 thread\(s\), not 1/);
  });
});
