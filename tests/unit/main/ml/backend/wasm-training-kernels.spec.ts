import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../src/main/ml/backend/wasm-training-kernels';
import { expectSameOnWasm, randValues, useWasmWithOurKernels } from './compare-backends';
import { createPrng } from '../../../../../src/main/ml/training/prng';

beforeAll(async () => {
  await useWasmWithOurKernels();
});

/** A miniature of our beat classifier: every layer kind whose gradient we sped up. */
function miniModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [24, 1] });
  // No conv bias before batch norm: its true gradient is 0, so cpu and wasm would only
  // agree on rounding noise.
  let x = tfl.layers.conv1d({ filters: 6, kernelSize: 5, padding: 'same', useBias: false }).apply(input) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization().apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.maxPooling1d({ poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  const dense = tfl.layers.dense({ units: 6 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.layerNormalization().apply(tfl.layers.add().apply([x, dense])) as tfl.SymbolicTensor;
  const pooled = tfl.layers.concatenate().apply([
    tfl.layers.globalAveragePooling1d().apply(x) as tfl.SymbolicTensor,
    tfl.layers.globalMaxPooling1d().apply(x) as tfl.SymbolicTensor,
  ]) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: 3, activation: 'softmax' }).apply(pooled) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

describe('registerWasmTrainingKernels', () => {
  it('is idempotent: a second call keeps the same kernels and warns about nothing', () => {
    const names = registerWasmTrainingKernels();
    const before = names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    const warn = vi.spyOn(console, 'warn');
    expect(registerWasmTrainingKernels()).toEqual(names);
    expect(names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc)).toEqual(before);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('gives a small CNN + layer-norm model the same loss gradients on wasm as on cpu', async () => {
    const model = miniModel();
    const weights = model.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync()) }));
    const rand = createPrng(99).next;
    const xs = randValues(rand, 4 * 24);
    const labels = [0, 2, 1, 2];
    await expectSameOnWasm(() => {
      model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
      const x = tf.tensor3d(xs, [4, 24, 1]);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
      const { value, grads } = tf.variableGrads(() => {
        const p = model.apply(x, { training: true }) as tf.Tensor;
        return tf.losses.softmaxCrossEntropy(y, tf.log(tf.add(p, 1e-7)));
      });
      return [value, ...Object.values(grads)];
      // Training-mode batch norm replaces its moving statistics: variables, not leaks.
    }, 2e-4, false);
  });
});
