import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Top2Weighted, topTwoMask } from '../../../../../src/main/ml/ensemble/top2-layer';
import { inTopTwo, top2Weighted } from '../../../../../src/main/ml/ensemble/top2-rule';
import { ModelConfigError } from '../../../../../src/main/ml/models';
import { createPrng } from '../../../../../src/main/ml/training/prng';
import { saveAndLoad, useCpu } from '../layers/layer-checks';

beforeAll(useCpu);

// Classes N S V F Q. Expected values worked out by hand from the rule in top2-rule.ts.
const A = [0.45, 0, 0.25, 0, 0.3]; // top two: N, Q
const B = [0.1, 0, 0.5, 0, 0.4]; // top two: V, Q
const CASES: { name: string; members: number[][]; weights: number[]; expected: number[] }[] = [
  // s = N .5·.45 = .225, V .5·.5 = .25, Q .5·.3 + .5·.4 = .35; Σ .825. (A plain mean would pick V: N .275, V .375, Q .35.)
  { name: 'picks Q where the plain mean would pick V, with equal weights', members: [A, B], weights: [0.5, 0.5], expected: [0.225 / 0.825, 0, 0.25 / 0.825, 0, 0.35 / 0.825] },
  // s = N .8·.45 = .36, V .2·.5 = .1, Q .8·.3 + .2·.4 = .32; Σ .78.
  { name: 'follows the heavier member with weights 0.8 / 0.2', members: [A, B], weights: [0.8, 0.2], expected: [0.36 / 0.78, 0, 0.1 / 0.78, 0, 0.32 / 0.78] },
  // S and V tie for second place: the lower index (S) is kept; s = N .4, S .3; Σ .7.
  { name: 'breaks a tie for second place towards the lower class index', members: [[0.4, 0.3, 0.3, 0, 0]], weights: [1], expected: [0.4 / 0.7, 0.3 / 0.7, 0, 0, 0] },
  // Member weights need not sum to 1: only their ratio matters.
  { name: 'depends only on the ratio of the weights', members: [A, B], weights: [2, 2], expected: [0.225 / 0.825, 0, 0.25 / 0.825, 0, 0.35 / 0.825] },
];

describe('inTopTwo', () => {
  it('keeps the two largest and, on a tie, the lower index', () => {
    expect([0, 1, 2, 3, 4].map((c) => inTopTwo(A, c))).toEqual([true, false, false, false, true]);
    expect([0, 1, 2].map((c) => inTopTwo([0.2, 0.2, 0.2], c))).toEqual([true, true, false]);
  });
});

describe('top2Weighted', () => {
  it.each(CASES)('$name', ({ members, weights, expected }) => {
    const out = top2Weighted(members.map((m) => Float32Array.from(m)), weights, 5);
    expected.forEach((v, c) => expect(out[c]).toBeCloseTo(v, 6));
  });

  it('combines beat after beat independently', () => {
    // Member 1 has weight 0: beat 1 is A's top two renormalised (N .45, Q .3; Σ .75), beat 2 B's (V .5, Q .4; Σ .9).
    const out = top2Weighted([Float32Array.from([...A, ...B]), Float32Array.from([...B, ...A])], [1, 0], 5);
    const expected = [0.45 / 0.75, 0, 0, 0, 0.3 / 0.75, 0, 0, 0.5 / 0.9, 0, 0.4 / 0.9];
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('refuses mismatched members and bad weights', () => {
    const p = Float32Array.from(A);
    expect(() => top2Weighted([p, new Float32Array(4)], [1, 1], 5)).toThrow(RangeError);
    expect(() => top2Weighted([p], [1, 1], 5)).toThrow(RangeError);
    expect(() => top2Weighted([p], [-1], 5)).toThrow(RangeError);
  });
});

describe('Top2Weighted', () => {
  it.each(CASES)('gives the rule\'s output in the network: $name', ({ members, weights, expected }) => {
    const layer = new Top2Weighted({ memberWeights: weights });
    const out = layer.apply(members.map((m) => tf.tensor2d([m]))) as tf.Tensor;
    Array.from(out.dataSync()).forEach((v, c) => expect(v).toBeCloseTo(expected[c]!, 6));
  });

  it('agrees with top2Weighted on random probability vectors, ties included', () => {
    const prng = createPrng(11);
    const rows = 200;
    const members = [0, 1, 2].map(() => {
      const logits = Array.from({ length: rows * 5 }, () => Math.round(prng.normal() * 2) / 2); // rounding makes ties
      return tf.tidy(() => Float32Array.from(tf.softmax(tf.tensor2d(logits, [rows, 5])).dataSync()));
    });
    const weights = [0.5, 0.3, 0.2];
    const expected = top2Weighted(members, weights, 5);
    const out = new Top2Weighted({ memberWeights: weights }).apply(members.map((m) => tf.tensor2d(m, [rows, 5]))) as tf.Tensor;
    const got = out.dataSync();
    for (let i = 0; i < expected.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
  });

  it('passes gradients through the kept probabilities only', () => {
    const p = tf.tensor2d([A]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, topTwoMask(x as tf.Tensor2D))))(p);
    expect(Array.from(g.dataSync())).toEqual([1, 0, 0, 0, 1]);
  });

  it('saves and loads in a model with its weights', async () => {
    const inputs = [tfl.input({ shape: [5] }), tfl.input({ shape: [5] })];
    const model = tfl.model({ inputs, outputs: new Top2Weighted({ memberWeights: [0.8, 0.2] }).apply(inputs) as tfl.SymbolicTensor });
    const loaded = await saveAndLoad(model);
    const out = loaded.predict([tf.tensor2d([A]), tf.tensor2d([B])]) as tf.Tensor;
    expect(out.dataSync()[0]).toBeCloseTo(0.36 / 0.78, 6);
  });

  it('refuses weights that are negative, all zero or of the wrong count', () => {
    expect(() => new Top2Weighted({ memberWeights: [-1, 2] })).toThrow(ModelConfigError);
    expect(() => new Top2Weighted({ memberWeights: [0, 0] })).toThrow(ModelConfigError);
    const layer = new Top2Weighted({ memberWeights: [1, 1] });
    expect(() => layer.apply([tfl.input({ shape: [5] })])).toThrow(ModelConfigError);
  });
});
