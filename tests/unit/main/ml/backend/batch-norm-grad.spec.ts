import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_NORM_GRAD } from '../../../../../src/main/ml/backend/batch-norm-grad';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

/** Gradients of Σ w·batchNorm(x, μ, σ², β, γ) with respect to all five inputs. */
function batchNormGrads(xShape: number[], statShape: number[], seed: number): () => tf.Tensor[] {
  const rand = createPrng(seed).next;
  const size = (s: number[]): number => s.reduce((p, d) => p * d, 1);
  const [xs, ws] = [randValues(rand, size(xShape)), randValues(rand, size(xShape))];
  const statValues = [0, 1, 2, 3].map(() => randValues(rand, size(statShape)));
  return () => {
    const x = tf.tensor(xs, xShape);
    const w = tf.tensor(ws, xShape);
    // Index 1 is the variance: keep it well away from 0.
    const stats = statValues.map((v, i) => tf.tensor(i === 1 ? v.map((e) => e + 1.5) : v, statShape));
    const [mean, variance, offset, scale] = stats as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const f = (...t: tf.Tensor[]): tf.Tensor =>
      tf.sum(tf.mul(w, tf.batchNorm(t[0] as tf.Tensor, t[1] as tf.Tensor, t[2] as tf.Tensor, t[3], t[4], 1e-3)));
    return tf.grads(f)([x, mean, variance, offset, scale]);
  };
}

describe('batchNormGradientFrom', () => {
  it('matches the cpu backend for per-channel statistics (BatchNormalization)', async () => {
    await expectSameOnWasm(batchNormGrads([3, 7, 5], [5], 1));
  });

  it('matches the cpu backend for input-shaped statistics (LayerNormalization)', async () => {
    await expectSameOnWasm(batchNormGrads([2, 4, 6], [2, 4, 6], 2));
  });

  // Without a scale tfjs-core cannot differentiate batchNorm on any backend (it tries to
  // save the missing input for the backward pass), so that case is not tested.

  it('runs one kernel on wasm where tfjs-core would run over a dozen', async () => {
    await useWasmWithOurKernels();
    const profile = await tf.profile(() => tf.tidy(() => batchNormGrads([8, 9, 4], [4], 4)()));
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain(BATCH_NORM_GRAD);
    expect(names.filter((n) => n === 'Sum')).toHaveLength(1); // the loss's own sum
    tf.dispose(profile.result as tf.Tensor[]);
  });
});
