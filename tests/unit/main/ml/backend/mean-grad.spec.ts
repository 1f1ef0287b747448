import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanGradient } from '../../../../../src/main/ml/backend/mean-grad';
import { expectSameOnWasm, randValues, runOn, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('meanGradient', () => {
  it('spreads dy / n evenly over the reduced axes', async () => {
    const [g] = await runOn('cpu', () => [meanGradient(tf.tensor1d([3, 6]), [2, 3], 1)]);
    expect(Array.from(g ?? [])).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('matches the cpu backend for leading, inner, negative and all axes', async () => {
    const values = randValues(createPrng(5).next, 4 * 3 * 5);
    await expectSameOnWasm(() => {
      const x = tf.tensor3d(values, [4, 3, 5]);
      const w = tf.tensor3d(values.map((v) => v * v), [4, 3, 5]);
      return [[0, 1], [2], [-1], [0, 1, 2]].map((axis) =>
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.mean(tf.mul(t, w), axis, true), tf.mean(t, axis, true))))(x),
      );
    });
  });
});
