import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { reduceLeadingRows } from '../../../../../src/main/ml/backend/wasm-reduce';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('reduceLeadingRows', () => {
  it('sums each column over the rows, scaled, for widths on and off the 8-column blocks', () => {
    for (const inner of [3, 8, 11]) {
      const x = Float32Array.from({ length: 5 * inner }, (_, i) => i);
      const out = new Float32Array(inner);
      reduceLeadingRows(x, 5, inner, 0.5, out);
      const expected = Array.from({ length: inner }, (_, j) => 0.5 * (5 * j + inner * (0 + 1 + 2 + 3 + 4)));
      expect(Array.from(out)).toEqual(expected);
    }
  });
});

describe('sumConfigFrom and meanConfigFrom', () => {
  const values = randValues(createPrng(3).next, 4 * 5 * 6);
  it('match the cpu backend over leading axes, with and without keepDims', async () => {
    await expectSameOnWasm(() => {
      const x = tf.tensor3d(values, [4, 5, 6]);
      return [tf.sum(x, [0, 1]), tf.sum(x, [1, 0], true), tf.mean(x, 0), tf.mean(x, [0, 1], true)];
    });
  });

  it('match the cpu backend for reductions left to the stock kernels', async () => {
    await expectSameOnWasm(() => {
      const x = tf.tensor3d(values, [4, 5, 6]);
      return [tf.sum(x), tf.sum(x, 2), tf.mean(x, [0, 2]), tf.cast(tf.sum(tf.cast(x, 'int32'), 0), 'float32')];
    });
  });
});

describe('identityConfigFrom', () => {
  it('shares memory yet keeps the clone alive when the original is disposed', async () => {
    await useWasmWithOurKernels();
    const x = tf.tensor1d([1, 2, 3]);
    const buffers = tf.engine().backend.numDataIds();
    const y = tf.clone(x);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
  });
});
