import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sumTiles } from '../../../../../src/main/ml/backend/tile-grad';
import { runOn, useWasmWithOurKernels } from './compare-backends';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('sumTiles', () => {
  it('adds up every repetition of each element', async () => {
    const [summed] = await runOn('cpu', () => [sumTiles(tf.reshape(tf.range(0, 12), [2, 6]), [1, 3], [2, 2])]);
    // Element (0, j) of x appears at (r, c·3 + j) for r, c in {0, 1}.
    expect(Array.from(summed ?? [])).toEqual([0 + 3 + 6 + 9, 1 + 4 + 7 + 10, 2 + 5 + 8 + 11]);
  });

  it('takes one Sum per tiled axis instead of one Slice per repetition', async () => {
    await useWasmWithOurKernels();
    const x = tf.ones([1, 1, 8]);
    const profile = await tf.profile(() => tf.grad((t: tf.Tensor) => tf.sum(tf.tile(t, [16, 12, 1])))(x));
    const names = profile.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'Slice')).toHaveLength(0);
    expect(names.filter((n) => n === 'Sum').length).toBeLessThanOrEqual(3);
    tf.dispose([x, profile.result as tf.Tensor]);
  });
});
