import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tileInto } from '../../../../../src/main/ml/backend/wasm-tile';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('tileInto', () => {
  it('repeats blocks in row-major order along every tiled axis', () => {
    const out = new Float32Array(12);
    tileInto(Float32Array.from([1, 2, 3]), [1, 3], [2, 2], out);
    expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const col = new Int32Array(6);
    tileInto(Int32Array.from([4, 5]), [2, 1], [1, 3], col);
    expect(Array.from(col)).toEqual([4, 4, 4, 5, 5, 5]);
  });

  it('copies a scalar and an untiled tensor unchanged', () => {
    const out = new Float32Array(1);
    tileInto(Float32Array.from([7]), [], [], out);
    expect(out[0]).toBe(7);
    const same = new Uint8Array(4);
    tileInto(Uint8Array.from([1, 0, 1, 1]), [2, 2], [1, 1], same);
    expect(Array.from(same)).toEqual([1, 0, 1, 1]);
  });
});

describe('tileConfigFrom', () => {
  const shapes: [number[], number[]][] = [
    [[1, 1, 64], [4, 6, 1]],
    [[4, 6, 1], [1, 1, 8]],
    [[1, 1, 1, 5], [1, 3, 7, 1]],
    [[2, 3, 1, 2], [2, 1, 3, 2]],
    [[5], [3]],
  ];
  it.each(shapes)('matches the cpu backend tiling %j by %j, values and gradient', async (shape, reps) => {
    const values = randValues(createPrng(shape.length).next, shape.reduce((p, d) => p * d, 1));
    await expectSameOnWasm(() => {
      const x = tf.tensor(values, shape);
      const weights = tf.reshape(tf.range(0, x.size * reps.reduce((p, r) => p * r, 1)), shape.map((d, i) => d * (reps[i] ?? 1)));
      return [tf.tile(x, reps), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tile(t, reps), weights)))(x)];
    });
  });

  it('tiles int32 and bool tensors', async () => {
    await expectSameOnWasm(() => [
      tf.cast(tf.tile(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), [2, 3]), 'float32'),
      tf.cast(tf.tile(tf.tensor1d([true, false], 'bool'), [3]), 'float32'),
    ]);
  });
});
