import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdditiveAttention } from '../../../../../src/main/ml/layers/additive-attention';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, maxAbsDiff, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

function tinyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [7, 4] });
  const [context] = new AdditiveAttention({ seed: 3, name: 'att' }).apply(input) as tfl.SymbolicTensor[];
  const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
  return tfl.model({ inputs: input, outputs: out.apply(context as tfl.SymbolicTensor) as tfl.SymbolicTensor });
}

describe('AdditiveAttention', () => {
  it('weights steps by softmax(tanh(x·w + b)) and sums them, as seed 002 (checked by hand)', () => {
    const layer = new AdditiveAttention({ seed: 1 });
    const x = seededTensor(2, [2, 5, 3]);
    const [context, weights] = layer.apply(x) as tf.Tensor[];
    expect(context?.shape).toEqual([2, 3]);
    expect(weights?.shape).toEqual([2, 5]);
    expect(context?.dtype).toBe('float32');
    const [w, b] = layer.getWeights().map((t) => Array.from(t.dataSync()));
    const xs = x.arraySync() as number[][][];
    xs.forEach((beat, i) => {
      const e = beat.map((row) => Math.tanh(row.reduce((s, v, f) => s + v * (w?.[f] ?? 0), b?.[0] ?? 0)));
      const sum = e.reduce((s, v) => s + Math.exp(v), 0);
      const a = e.map((v) => Math.exp(v) / sum);
      const expected = [0, 1, 2].map((f) => beat.reduce((s, row, t) => s + (a[t] ?? 0) * (row[f] ?? 0), 0));
      expect(maxAbsDiff((weights?.arraySync() as number[][])[i] as number[], a)).toBeLessThan(1e-6);
      expect(maxAbsDiff((context?.arraySync() as number[][])[i] as number[], expected)).toBeLessThan(1e-6);
    });
    tf.dispose([x, context as tf.Tensor, weights as tf.Tensor]);
  });

  it('gives symbolic shapes with unknown steps and accepts any sequence length', () => {
    const layer = new AdditiveAttention();
    const [context, weights] = layer.apply(tfl.input({ shape: [null, 6] })) as tfl.SymbolicTensor[];
    expect(context?.shape).toEqual([null, 6]);
    expect(weights?.shape).toEqual([null, null]);
    const x = tf.ones([3, 11, 6]);
    const [, w] = layer.apply(x) as tf.Tensor[];
    // Equal steps score equally: uniform weights.
    expect(maxAbsDiff(w?.dataSync() ?? [], new Array(33).fill(1 / 11))).toBeLessThan(1e-6);
    tf.dispose([x, w as tf.Tensor]);
  });

  it('refuses a negative l2 and inputs that are not sequences', () => {
    expect(() => new AdditiveAttention({ l2: -0.1 })).toThrow(ModelConfigError);
    expect(() => new AdditiveAttention().apply(tfl.input({ shape: [4] }))).toThrow(/rank 3/);
  });

  it('learns: a few Adam steps change its weights and lower the loss', async () => {
    await expectLearns(tinyModel(), 'att', seededTensor(3, [8, 7, 4]), cyclicLabels(8, 2));
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    expectConfigRoundTrip(AdditiveAttention, new AdditiveAttention({ l2: 0.01, seed: 9, name: 'a' }), { l2: 0.01, seed: 9 });
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    await expectSameAfterSaveLoad(tinyModel(), seededTensor(4, [3, 7, 4]));
  });

  it('leaves no tensor behind in a forward pass', async () => {
    await expectNoTensorLeft(new AdditiveAttention(), tf.ones([2, 3, 4]), { buildFirst: true });
  });
});
