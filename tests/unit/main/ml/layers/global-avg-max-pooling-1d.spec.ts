import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { GlobalAvgMaxPooling1D } from '../../../../../src/main/ml/layers/global-avg-max-pooling-1d';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, maxAbsDiff, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

function tinyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [6, 3] });
  const conv = tfl.layers.conv1d({ filters: 4, kernelSize: 3, name: 'conv', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) });
  const pooled = new GlobalAvgMaxPooling1D().apply(conv.apply(input) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
  return tfl.model({ inputs: input, outputs: out.apply(pooled) as tfl.SymbolicTensor });
}

describe('GlobalAvgMaxPooling1D', () => {
  it('gives per-channel means, then per-channel maxima', () => {
    const x = tf.tensor3d([[[1, -4], [3, 0], [-1, 2]]]);
    const y = new GlobalAvgMaxPooling1D().apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 4]);
    expect(y.dtype).toBe('float32');
    expect(maxAbsDiff(y.dataSync(), [1, -2 / 3, 3, 2])).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });

  it('gives [batch, 2·channels] for unknown steps and any sequence length', () => {
    const layer = new GlobalAvgMaxPooling1D();
    expect((layer.apply(tfl.input({ shape: [null, 5] })) as tfl.SymbolicTensor).shape).toEqual([null, 10]);
    const y = layer.apply(tf.zeros([3, 17, 5])) as tf.Tensor;
    expect(y.shape).toEqual([3, 10]);
  });

  it('passes gradients: the convolution before it learns and the loss falls', async () => {
    await expectLearns(tinyModel(), 'conv', seededTensor(1, [8, 6, 3]), cyclicLabels(8, 2));
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    expectConfigRoundTrip(GlobalAvgMaxPooling1D, new GlobalAvgMaxPooling1D({ name: 'pool' }));
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    await expectSameAfterSaveLoad(tinyModel(), seededTensor(3, [2, 6, 3]));
  });

  it('leaves no tensor behind in a forward pass', async () => {
    await expectNoTensorLeft(new GlobalAvgMaxPooling1D(), tf.ones([2, 3, 4]));
  });
});
