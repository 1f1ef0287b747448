import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('maxPoolGradConfigFrom', () => {
  const cases: [string, number[], [number, number], [number, number], 'same' | 'valid'][] = [
    ['1D pooling by 2 of an odd length', [3, 1, 17, 4], [1, 2], [1, 2], 'valid'],
    ['overlapping windows', [2, 5, 6, 3], [3, 3], [1, 2], 'same'],
    ['strides wider than the window', [1, 4, 9, 2], [2, 2], [3, 3], 'valid'],
  ];
  it.each(cases)('matches the cpu backend for %s', async (_name, shape, filter, strides, pad) => {
    const values = randValues(createPrng(shape[2] ?? 0).next, shape.reduce((p, d) => p * d, 1));
    await expectSameOnWasm(() => {
      const x = tf.tensor4d(values, shape as [number, number, number, number]);
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.maxPool(t as tf.Tensor4D, filter, strides, pad))))(x)];
    });
  });

  it('sends the gradient of a tie to the first maximum in the window, as the cpu backend does', async () => {
    await expectSameOnWasm(() => {
      const x = tf.tensor4d([1, 5, 5, 2, 2, 2], [1, 1, 6, 1]);
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, [1, 3], [1, 3], 'valid')))(x)];
    });
  });
});
