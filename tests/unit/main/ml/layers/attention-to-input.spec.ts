import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AttentionToInput, interpolationMatrix } from '../../../../../src/main/ml/layers/attention-to-input';
import { ModelConfigError } from '../../../../../src/main/ml/layers/layer-utils';
import { expectConfigRoundTrip, expectNoTensorLeft, expectSameAfterSaveLoad, maxAbsDiff, seededValues, useCpu } from './layer-checks';

beforeAll(useCpu);

describe('interpolationMatrix', () => {
  it('gives every input sample weights that sum to 1, peaking at the centre of its step', () => {
    const [steps, length, stride] = [4, 35, 8]; // 35 = 4·8 + 3 samples the pooling dropped
    const m = interpolationMatrix(steps, length, stride);
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let t = 0; t < steps; t++) sum += m[t * length + i] as number;
      expect(sum).toBeCloseTo(1, 6);
    }
    // Step 1 covers samples 8 … 15, centred between 11 and 12: both take it at 15/16.
    expect(m[1 * length + 11]).toBeCloseTo(15 / 16, 6);
    expect(m[1 * length + 12]).toBeCloseTo(15 / 16, 6);
    // Before the first centre and after the last, the end steps take everything.
    expect(m[0]).toBe(1);
    expect(m[3 * length + 34]).toBe(1);
  });
});

describe('AttentionToInput', () => {
  it('maps additive attention [batch, steps] onto the input samples, summing to 1 per beat', () => {
    const layer = new AttentionToInput({ inputLength: 16, stride: 4 });
    const a = tf.tensor2d([
      [1, 0, 0, 0],
      [0.25, 0.25, 0.25, 0.25],
    ]);
    const y = layer.apply(a) as tf.Tensor;
    expect(y.shape).toEqual([2, 16]);
    const rows = y.arraySync() as number[][];
    for (const row of rows) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    // All weight on step 0: samples 0 … 3 hold it fully, samples 8 … 15 not at all.
    expect(rows[0]?.slice(0, 2)).toEqual([rows[0]?.[0], rows[0]?.[0]]);
    expect(Math.max(...(rows[0]?.slice(8) ?? [1]))).toBe(0);
    // Uniform attention stays uniform.
    expect(maxAbsDiff(rows[1] ?? [], new Array(16).fill(1 / 16))).toBeLessThan(1e-6);
    tf.dispose([a, y]);
  });

  it('averages self-attention [batch, heads, queries, keys] over heads and queries first', () => {
    const [heads, steps] = [2, 3];
    const raw = seededValues(1, heads * steps * steps).map((v) => Math.abs(v) + 0.1);
    // Normalise each query row, as a softmax would.
    for (let r = 0; r < heads * steps; r++) {
      const row = raw.subarray(r * steps, (r + 1) * steps);
      const sum = row.reduce((s, v) => s + v, 0);
      row.forEach((v, i) => (row[i] = v / sum));
    }
    const weights = tf.tensor4d(raw, [1, heads, steps, steps]);
    const received = Array.from({ length: steps }, (_, k) => {
      let s = 0;
      for (let r = 0; r < heads * steps; r++) s += raw[r * steps + k] as number;
      return s / (heads * steps);
    });
    const direct = new AttentionToInput({ inputLength: 6, stride: 2 }).apply(tf.tensor2d([received])) as tf.Tensor;
    const viaHeads = new AttentionToInput({ inputLength: 6, stride: 2 }).apply(weights) as tf.Tensor;
    expect(maxAbsDiff(viaHeads.dataSync(), direct.dataSync())).toBeLessThan(1e-6);
    tf.dispose([weights, direct, viaHeads]);
  });

  it('gives [batch, inputLength] symbolically and refuses other ranks and bad lengths', () => {
    const layer = new AttentionToInput({ inputLength: 40 });
    expect((layer.apply(tfl.input({ shape: [5] })) as tfl.SymbolicTensor).shape).toEqual([null, 40]);
    expect(() => new AttentionToInput({ inputLength: 40 }).apply(tfl.input({ shape: [5, 5] }))).toThrow(/rank 2 or 4/);
    expect(() => new AttentionToInput({ inputLength: 0 })).toThrow(ModelConfigError);
    expect(() => new AttentionToInput({ inputLength: 10, stride: 1.5 })).toThrow(/stride/);
  });

  it('survives a config round trip and a save/load round trip (no weights of its own)', async () => {
    const layer = new AttentionToInput({ inputLength: 12, stride: 3, name: 'map' });
    expectConfigRoundTrip(AttentionToInput, layer);
    const input = tfl.input({ shape: [4] });
    const model = tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
    await expectSameAfterSaveLoad(model, tf.tensor2d([[0.1, 0.2, 0.3, 0.4]]));
  });

  it('leaves no tensor behind', async () => {
    await expectNoTensorLeft(new AttentionToInput({ inputLength: 8 }), tf.ones([2, 1, 4, 4]));
  });
});
