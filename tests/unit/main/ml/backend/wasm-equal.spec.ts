import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { equalBroadcast } from '../../../../../src/main/ml/backend/wasm-equal';
import { expectSameOnWasm, useWasmWithOurKernels } from './compare-backends';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('equalBroadcast', () => {
  it('compares every element with the broadcast other operand', () => {
    const out = new Uint8Array(6);
    equalBroadcast(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], Float32Array.from([1, 5, 3]), [3], [2, 3], out);
    expect(Array.from(out)).toEqual([1, 0, 1, 0, 1, 0]);
    equalBroadcast(Float32Array.from([2, 5]), [2, 1], Float32Array.from([2, 5, 9]), [1, 3], [2, 3], out);
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('treats NaN as unequal to everything, itself included', () => {
    const out = new Uint8Array(2);
    equalBroadcast(Float32Array.from([NaN, 1]), [2], Float32Array.from([NaN]), [1], [2], out);
    expect(Array.from(out)).toEqual([0, 0]);
  });
});

describe('equalConfigFrom', () => {
  it('matches the cpu backend for the max-pooling gradient pattern and for same shapes', async () => {
    await expectSameOnWasm(() => {
      const x = tf.tensor3d([3, 1, 2, 7, 7, 0, -1, 4, 4, 4, 2, 9], [2, 3, 2]);
      const m = tf.max(x, 1, true);
      return [
        tf.cast(tf.equal(x, m), 'float32'),
        tf.cast(tf.equal(m, x), 'float32'),
        tf.cast(tf.equal(x, x), 'float32'),
        tf.grad((t: tf.Tensor) => tf.sum(tf.max(t, 1)))(x),
      ];
    });
  });
});
