import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

/** tf.matMul(a, b, ta, tb) and its gradients for the given (untransposed) shapes. */
function product(aShape: number[], bShape: number[], ta: boolean, tb: boolean, seed: number, withGrads: boolean): () => tf.Tensor[] {
  const rand = createPrng(seed).next;
  const swap = (s: number[], t: boolean): number[] => (t ? [...s.slice(0, -2), s.at(-1) ?? 1, s.at(-2) ?? 1] : s);
  const [as, bs] = [swap(aShape, ta), swap(bShape, tb)];
  const av = randValues(rand, as.reduce((p, d) => p * d, 1));
  const bv = randValues(rand, bs.reduce((p, d) => p * d, 1));
  return () => {
    const [a, b] = [tf.tensor(av, as), tf.tensor(bv, bs)];
    const f = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.sum(tf.square(tf.matMul(x, y, ta, tb)));
    return [tf.matMul(a, b, ta, tb), ...(withGrads ? tf.grads(f)([a, b]) : [])];
  };
}

beforeAll(async () => {
  await useWasmWithOurKernels();
});

describe('batchMatMulConfigFrom', () => {
  // tfjs-core has no gradient for products whose batch is broadcast, on any backend.
  const cases: [string, number[], number[], boolean][] = [
    ['single matrices', [7, 5], [5, 3], true],
    ['a batch times a batch (attention scores)', [6, 9, 4], [6, 4, 9], true],
    ['a batch times one matrix', [3, 7, 5], [1, 5, 4], false],
    ['one matrix times a batch', [1, 7, 5], [3, 5, 4], false],
    ['rank-4 batches', [2, 3, 5, 4], [2, 3, 4, 6], true],
  ];
  for (const [name, aShape, bShape, withGrads] of cases) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`matches the cpu backend for ${name}, transposeA=${ta}, transposeB=${tb}`, async () => {
        const seed = aShape.length * 10 + (ta ? 1 : 0) + (tb ? 2 : 0);
        await expectSameOnWasm(product(aShape, bShape, ta, tb, seed, withGrads));
      });
    }
  }


});
