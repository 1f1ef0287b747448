import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { PositionEmbedding } from '../../../../../src/main/ml/layers/position-embedding';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, maxAbsDiff, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

/** [steps, 3] → position embedding → flatten → softmax over 2 classes. */
function tinyModel(steps: number): tfl.LayersModel {
  const input = tfl.input({ shape: [steps, 3] });
  const x = new PositionEmbedding({ sequenceLength: steps, seed: 7, name: 'pe' }).apply(input) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) });
  return tfl.model({ inputs: input, outputs: out.apply(flat) as tfl.SymbolicTensor });
}

describe('PositionEmbedding', () => {
  it('adds row t of its table to step t of every beat (static shape, float32)', () => {
    const layer = new PositionEmbedding({ sequenceLength: 4, seed: 3 });
    const x = seededTensor(1, [2, 4, 3]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 4, 3]);
    expect(y.dtype).toBe('float32');
    const table = layer.getWeights()[0] as tf.Tensor;
    expect(table.shape).toEqual([4, 3]);
    const expected = tf.add(x, table);
    expect(maxAbsDiff(y.dataSync(), expected.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, y, expected]);
  });

  it('accepts a shorter sequence than sequenceLength and uses the first rows (dynamic shape)', () => {
    const layer = new PositionEmbedding({ sequenceLength: 6 });
    const symbolic = layer.apply(tfl.input({ shape: [null, 3] })) as tfl.SymbolicTensor;
    expect(symbolic.shape).toEqual([null, null, 3]);
    const x = tf.zeros([1, 2, 3]);
    const y = layer.apply(x) as tf.Tensor;
    const firstRows = tf.slice(layer.getWeights()[0] as tf.Tensor, [0, 0], [2, 3]);
    expect(maxAbsDiff(y.dataSync(), firstRows.dataSync())).toBe(0);
    tf.dispose([x, y, firstRows]);
  });

  it('refuses a longer sequence than its table and a non-integer length', () => {
    expect(() => new PositionEmbedding({ sequenceLength: 2.5 })).toThrow(ModelConfigError);
    const layer = new PositionEmbedding({ sequenceLength: 2 });
    expect(() => layer.apply(tfl.input({ shape: [3, 4] }))).toThrow(/3 steps, more than sequenceLength 2/);
  });

  it('learns: one fixed batch, a few Adam steps change the table and lower the loss', async () => {
    await expectLearns(tinyModel(5), 'pe', seededTensor(2, [8, 5, 3]), cyclicLabels(8, 2));
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    const layer = new PositionEmbedding({ sequenceLength: 9, seed: 4, name: 'p' });
    expectConfigRoundTrip(PositionEmbedding, layer, { sequenceLength: 9, seed: 4, name: 'p' });
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    await expectSameAfterSaveLoad(tinyModel(4), seededTensor(5, [3, 4, 3]));
  });

  it('leaves no tensor behind in a forward pass', async () => {
    await expectNoTensorLeft(new PositionEmbedding({ sequenceLength: 4 }), tf.zeros([2, 4, 3]), { buildFirst: true });
  });
});
