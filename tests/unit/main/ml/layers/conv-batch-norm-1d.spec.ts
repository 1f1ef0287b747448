import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvBatchNorm1D } from '../../../../../src/main/ml/layers/conv-batch-norm-1d';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, lossBeforeAfter, maxAbsDiff, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

/** The same computation from stock layers: Conv1D (no bias) → BatchNormalization → ReLU. */
function stockPair(layer: ConvBatchNorm1D, inputShape: [number, number]) {
  const conv = tfl.layers.conv1d({ filters: layer.filters, kernelSize: layer.kernelSize, padding: 'same', useBias: false });
  const bn = tfl.layers.batchNormalization({ momentum: layer.momentum, epsilon: layer.epsilon });
  conv.build([null, ...inputShape]);
  bn.build([null, inputShape[0], layer.filters]);
  const [kernel, gamma, beta, mean, variance] = layer.getWeights();
  conv.setWeights([kernel as tf.Tensor]);
  bn.setWeights([gamma, beta, mean, variance] as tf.Tensor[]);
  const run = (x: tf.Tensor, training: boolean): tf.Tensor =>
    tf.relu(bn.apply(conv.apply(x), { training }) as tf.Tensor);
  return { bn, run };
}

function tinyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [10, 2] });
  const x = new ConvBatchNorm1D({ filters: 4, kernelSize: 3, seed: 2, name: 'cbn' }).apply(input) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) });
  return tfl.model({ inputs: input, outputs: out.apply(flat) as tfl.SymbolicTensor });
}

describe('ConvBatchNorm1D', () => {
  it('matches stock Conv1D → BatchNormalization → ReLU while training, moving statistics included', () => {
    const layer = new ConvBatchNorm1D({ filters: 5, kernelSize: 3, seed: 1 });
    layer.build([null, 12, 3]);
    const { bn, run } = stockPair(layer, [12, 3]);
    const x = seededTensor(1, [4, 12, 3]);
    const ours = layer.apply(x, { training: true }) as tf.Tensor;
    const stock = run(x, true);
    expect(maxAbsDiff(ours.dataSync(), stock.dataSync())).toBeLessThan(1e-5);
    const [, , , mean, variance] = layer.getWeights(); // kernel, γ, β, then the moving statistics
    const [, , stockMean, stockVariance] = bn.getWeights();
    expect(maxAbsDiff(mean?.dataSync() ?? [], stockMean?.dataSync() ?? [1])).toBeLessThan(1e-6);
    expect(maxAbsDiff(variance?.dataSync() ?? [], stockVariance?.dataSync() ?? [1])).toBeLessThan(1e-6);
    expect(maxAbsDiff(mean?.dataSync() ?? [], [0, 0, 0, 0, 0])).toBeGreaterThan(0);
  });

  it('matches them at inference with the normalisation folded into the convolution', () => {
    const layer = new ConvBatchNorm1D({ filters: 5, kernelSize: 5, seed: 4 });
    layer.build([null, 9, 2]);
    // Non-trivial statistics and affine parameters.
    const [kernel] = layer.getWeights();
    layer.setWeights([kernel as tf.Tensor, tf.tensor1d([1.5, 0.5, 2, 1, 0.8]), tf.tensor1d([0.1, -0.2, 0.3, 0, 0.5]),
      tf.tensor1d([0.2, -0.1, 0, 0.4, -0.3]), tf.tensor1d([0.5, 2, 1, 0.1, 3])]);
    const { run } = stockPair(layer, [9, 2]);
    const x = seededTensor(2, [3, 9, 2]);
    const ours = layer.apply(x) as tf.Tensor;
    expect(ours.shape).toEqual([3, 9, 5]);
    expect(ours.dtype).toBe('float32');
    expect(maxAbsDiff(ours.dataSync(), run(x, false).dataSync())).toBeLessThan(1e-5);
  });

  it("leaves values below zero with activation 'linear', and gives symbolic shapes", () => {
    const layer = new ConvBatchNorm1D({ filters: 3, kernelSize: 1, activation: 'linear', seed: 5 });
    expect((layer.apply(tfl.input({ shape: [null, 2] })) as tfl.SymbolicTensor).shape).toEqual([null, null, 3]);
    const y = layer.apply(seededTensor(3, [2, 7, 2])) as tf.Tensor;
    expect(y.shape).toEqual([2, 7, 3]);
    expect(Math.min(...y.dataSync())).toBeLessThan(0);
  });

  it('refuses impossible arguments with a typed error', () => {
    expect(() => new ConvBatchNorm1D({ filters: 0, kernelSize: 3 })).toThrow(ModelConfigError);
    expect(() => new ConvBatchNorm1D({ filters: 2, kernelSize: 3, epsilon: 0 })).toThrow(/epsilon/);
    expect(() => new ConvBatchNorm1D({ filters: 2, kernelSize: 3, activation: 'tanh' as 'relu' })).toThrow(/activation/);
  });

  it('learns: a few Adam steps change kernel, γ and β and lower the loss', async () => {
    const after = await expectLearns(tinyModel(), 'cbn', seededTensor(6, [8, 10, 2]), cyclicLabels(8, 2));
    expect(after).toHaveLength(5); // kernel, γ, β and the moving statistics, all changed
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    const layer = new ConvBatchNorm1D({ filters: 8, kernelSize: 7, activation: 'linear', momentum: 0.9, epsilon: 1e-5, l2: 1e-4, seed: 3 });
    expectConfigRoundTrip(ConvBatchNorm1D, layer, { filters: 8, kernelSize: 7, activation: 'linear', momentum: 0.9, epsilon: 1e-5 });
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    const model = tinyModel();
    await lossBeforeAfter(model, seededTensor(6, [8, 10, 2]), cyclicLabels(8, 2), 2); // moving statistics ≠ defaults
    await expectSameAfterSaveLoad(model, seededTensor(7, [3, 10, 2]));
  });

  it('leaves no tensor behind, training or not', async () => {
    const layer = new ConvBatchNorm1D({ filters: 2, kernelSize: 3 });
    await expectNoTensorLeft(layer, tf.ones([2, 5, 3]), { buildFirst: true, calls: [{}, { training: true }] });
  });
});
