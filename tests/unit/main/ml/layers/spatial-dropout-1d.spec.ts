import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { SpatialDropout1D } from '../../../../../src/main/ml/layers/spatial-dropout-1d';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

function tinyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [5, 4] });
  const conv = tfl.layers.conv1d({ filters: 6, kernelSize: 3, padding: 'same', name: 'conv', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) });
  const dropped = new SpatialDropout1D({ rate: 0.3 }).apply(conv.apply(input) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(dropped) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
  return tfl.model({ inputs: input, outputs: out.apply(flat) as tfl.SymbolicTensor });
}

describe('SpatialDropout1D', () => {
  it('is the identity at inference (static and unknown shapes, float32)', () => {
    const layer = new SpatialDropout1D({ rate: 0.5 });
    expect((layer.apply(tfl.input({ shape: [null, 3] })) as tfl.SymbolicTensor).shape).toEqual([null, null, 3]);
    const x = seededTensor(1, [2, 6, 3]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });

  it('drops whole channels while training and scales the kept ones by 1/(1 − rate)', () => {
    const layer = new SpatialDropout1D({ rate: 0.5, seed: 3 });
    const x = tf.ones([4, 10, 8]);
    const y = (layer.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][];
    let dropped = 0;
    for (const beat of y) {
      for (let c = 0; c < 8; c++) {
        const channel = beat.map((row) => row[c]);
        // One decision per channel and beat: every step is 0, or every step is 2.
        expect(new Set(channel).size).toBe(1);
        expect([0, 2]).toContain(channel[0]);
        if (channel[0] === 0) dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(32);
    x.dispose();
  });

  it('refuses a rate outside [0, 1)', () => {
    expect(() => new SpatialDropout1D({ rate: 1 })).toThrow(ModelConfigError);
    expect(() => new SpatialDropout1D({ rate: -0.1 })).toThrow(/rate/);
  });

  it('lets the layers around it learn: a few Adam steps lower the loss', async () => {
    await expectLearns(tinyModel(), 'conv', seededTensor(2, [8, 5, 4]), cyclicLabels(8, 2), 10);
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    expectConfigRoundTrip(SpatialDropout1D, new SpatialDropout1D({ rate: 0.2, seed: 5, name: 'sd' }), { rate: 0.2, seed: 5 });
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    await expectSameAfterSaveLoad(tinyModel(), seededTensor(4, [3, 5, 4]));
  });

  it('leaves no tensor behind, training or not', async () => {
    await expectNoTensorLeft(new SpatialDropout1D({ rate: 0.5 }), tf.ones([2, 3, 4]), { calls: [{ training: true }, {}] });
  });
});
