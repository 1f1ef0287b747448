import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { MultiHeadSelfAttention } from '../../../../../src/main/ml/layers/multi-head-self-attention';
import { cyclicLabels, expectConfigRoundTrip, expectLearns, expectNoTensorLeft, expectSameAfterSaveLoad, maxAbsDiff, seededTensor, useCpu } from './layer-checks';

beforeAll(useCpu);

/**
 * Attention written out with plain loops (Vaswani et al. 2017, eq. 1 and §3.2.2) from the
 * layer's weights [Wq, bq, Wk, bk, Wv, bv, Wo, bo], for one beat x [steps][features].
 */
function referenceAttention(x: number[][], w: number[][][] | number[][], heads: number, keyDim: number) {
  const [wq, bq, wk, bk, wv, bv, wo, bo] = w as [number[][], number[], number[][], number[], number[][], number[], number[][], number[]];
  const project = (m: number[][], b: number[]) => x.map((row) => b.map((bias, j) => bias + row.reduce((s, v, i) => s + v * (m[i]?.[j] ?? 0), 0)));
  const [q, k, v] = [project(wq, bq), project(wk, bk), project(wv, bv)];
  const steps = x.length;
  const weights: number[][][] = [];
  const context = x.map(() => new Array<number>(heads * keyDim).fill(0));
  for (let h = 0; h < heads; h++) {
    const cols = (row: number[]) => row.slice(h * keyDim, (h + 1) * keyDim);
    const scores = q.map((qi) => k.map((kj) => cols(qi).reduce((s, a, d) => s + a * (cols(kj)[d] ?? 0), 0) / Math.sqrt(keyDim)));
    const soft = scores.map((row) => {
      const max = Math.max(...row);
      const e = row.map((s) => Math.exp(s - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / sum);
    });
    weights.push(soft);
    for (let i = 0; i < steps; i++) {
      for (let d = 0; d < keyDim; d++) {
        (context[i] as number[])[h * keyDim + d] = soft[i]!.reduce((s, a, j) => s + a * (cols(v[j]!)[d] ?? 0), 0);
      }
    }
  }
  const output = context.map((row) => bo.map((bias, j) => bias + row.reduce((s, c, i) => s + c * (wo[i]?.[j] ?? 0), 0)));
  return { output, weights };
}

function tinyModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [6, 4] });
  const [attended] = new MultiHeadSelfAttention({ numHeads: 2, keyDim: 3, returnAttentionScores: true, seed: 11, name: 'mhsa' }).apply(
    input,
  ) as tfl.SymbolicTensor[];
  const flat = tfl.layers.flatten().apply(attended as tfl.SymbolicTensor) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
  return tfl.model({ inputs: input, outputs: out.apply(flat) as tfl.SymbolicTensor });
}

describe('MultiHeadSelfAttention', () => {
  it('computes softmax(QKᵀ/√d)V per head and its output projection, as written out by hand', () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 2, keyDim: 3, returnAttentionScores: true, seed: 5 });
    const x = seededTensor(3, [2, 5, 4]);
    const [output, weights] = layer.apply(x) as tf.Tensor[];
    expect(output?.shape).toEqual([2, 5, 4]);
    expect(weights?.shape).toEqual([2, 2, 5, 5]);
    expect(output?.dtype).toBe('float32');
    const w = layer.getWeights().map((t) => t.arraySync() as number[][]);
    const xs = x.arraySync() as number[][][];
    const out = output?.arraySync() as number[][][];
    const att = weights?.arraySync() as number[][][][];
    for (let b = 0; b < 2; b++) {
      const ref = referenceAttention(xs[b] as number[][], w, 2, 3);
      expect(maxAbsDiff((out[b] as number[][]).flat(), ref.output.flat())).toBeLessThan(1e-5);
      expect(maxAbsDiff((att[b] as number[][][]).flat(2), ref.weights.flat(2))).toBeLessThan(1e-6);
    }
    tf.dispose([x, output as tf.Tensor, weights as tf.Tensor]);
  });

  it('gives symbolic shapes with unknown batch and steps, and an outputDim of its own', () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 3, keyDim: 2, outputDim: 7, returnAttentionScores: true });
    const [out, weights] = layer.apply(tfl.input({ shape: [null, 4] })) as tfl.SymbolicTensor[];
    expect(out?.shape).toEqual([null, null, 7]);
    expect(weights?.shape).toEqual([null, 3, null, null]);
    const plain = new MultiHeadSelfAttention({ numHeads: 1, keyDim: 2 }).apply(tfl.input({ shape: [8, 4] })) as tfl.SymbolicTensor;
    expect(plain.shape).toEqual([null, 8, 4]);
    const x = tf.zeros([3, 9, 4]);
    const [y] = layer.apply(x) as tf.Tensor[];
    expect(y?.shape).toEqual([3, 9, 7]);
    tf.dispose([x, y as tf.Tensor]);
  });

  it('refuses impossible arguments with a typed error naming them', () => {
    expect(() => new MultiHeadSelfAttention({ numHeads: 0, keyDim: 4 })).toThrow(ModelConfigError);
    expect(() => new MultiHeadSelfAttention({ numHeads: 2, keyDim: 4, dropout: 1 })).toThrow(/dropout/);
    expect(() => new MultiHeadSelfAttention({ numHeads: 2, keyDim: 4, l2: -1 })).toThrow(/l2/);
  });

  it('applies dropout to the weights only while training', () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 2, keyDim: 3, dropout: 0.5, seed: 1 });
    const x = seededTensor(8, [4, 6, 4]);
    const a = layer.apply(x) as tf.Tensor;
    const b = layer.apply(x) as tf.Tensor;
    const c = layer.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBe(0);
    expect(maxAbsDiff(a.dataSync(), c.dataSync())).toBeGreaterThan(1e-3);
    tf.dispose([x, a, b, c]);
  });

  it('learns: a few Adam steps change all eight weights and lower the loss', async () => {
    const after = await expectLearns(tinyModel(), 'mhsa', seededTensor(4, [9, 6, 4]), cyclicLabels(9, 3));
    expect(after).toHaveLength(8);
  });

  it('survives a config round trip (getConfig → fromConfig)', () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 4, keyDim: 8, outputDim: 12, dropout: 0.1, l2: 1e-4, seed: 3, returnAttentionScores: true });
    expectConfigRoundTrip(MultiHeadSelfAttention, layer, { numHeads: 4, keyDim: 8, outputDim: 12, dropout: 0.1, l2: 1e-4, returnAttentionScores: true });
  });

  it('survives a save/load round trip through memory with identical outputs', async () => {
    await expectSameAfterSaveLoad(tinyModel(), seededTensor(6, [3, 6, 4]));
  });

  it('leaves no tensor behind in a forward pass', async () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 2, keyDim: 2, returnAttentionScores: true });
    await expectNoTensorLeft(layer, tf.ones([2, 3, 4]), { buildFirst: true });
  });
});
