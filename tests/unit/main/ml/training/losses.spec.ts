import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers' bundle registers tfjs-core's gradient functions (Mean, Pow, …).
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { focalLoss, focalLossFromLogits, focalLossPerBeat } from '../../../../../src/main/ml/training/losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
  Object.assign(tf.backend(), { firstUse: false }); // no tfjs-node advertisement in test output
});

const P = [
  [0.7, 0.2, 0.1],
  [0.1, 0.6, 0.3],
];
const LABELS = [0, 2];

function lossOf(options: Parameters<typeof focalLoss>[2], probabilities = P, labels = LABELS): number {
  return tf.tidy(() => focalLoss(tf.tensor1d(labels, 'int32'), tf.tensor2d(probabilities), options).dataSync()[0]!);
}

describe('focalLoss', () => {
  it('equals the cross-entropy computed by hand when gamma is 0', () => {
    expect(lossOf({ gamma: 0 })).toBeCloseTo(-(Math.log(0.7) + Math.log(0.3)) / 2, 5);
  });

  it('equals class-weighted cross-entropy (batch mean) when gamma is 0 with class weights', () => {
    expect(lossOf({ gamma: 0, classWeights: [1, 2, 3] })).toBeCloseTo(-(1 * Math.log(0.7) + 3 * Math.log(0.3)) / 2, 5);
  });

  it('applies (1 − p_t)^gamma and alpha as in Lin et al. when gamma is 2', () => {
    const expected = -(0.5 * 0.3 ** 2 * Math.log(0.7) + 4 * 0.7 ** 2 * Math.log(0.3)) / 2;
    expect(lossOf({ gamma: 2, classWeights: [0.5, 1, 4] })).toBeCloseTo(expected, 5);
  });

  it('down-weights an easy beat far more than a hard one when gamma > 0', () => {
    const perBeat = (gamma: number): Float32Array =>
      tf.tidy(() => focalLossPerBeat(tf.tensor1d([0, 0], 'int32'), tf.tensor2d([[0.95, 0.05], [0.1, 0.9]]), { gamma }).dataSync() as Float32Array);
    const [ce, fl] = [perBeat(0), perBeat(2)];
    const easyRatio = fl[0]! / ce[0]!;
    const hardRatio = fl[1]! / ce[1]!;
    expect(easyRatio).toBeCloseTo(0.05 ** 2, 5);
    expect(hardRatio).toBeCloseTo(0.9 ** 2, 5);
    expect(easyRatio).toBeLessThan(hardRatio / 100);
  });

  it('stays finite, gradient included, when a probability is exactly 0 or 1', () => {
    const labels = tf.tensor1d([0, 1], 'int32');
    const p = tf.tensor2d([[1, 0], [1, 0]]);
    const { value, grad } = tf.valueAndGrad((q: tf.Tensor) => focalLoss(labels, q as tf.Tensor2D, { gamma: 0.5 }))(p);
    expect(Number.isFinite(value.dataSync()[0]!)).toBe(true);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([labels, p, value, grad]);
  });

  it('refuses a negative gamma and a wrong number of class weights', () => {
    expect(() => lossOf({ gamma: -1 })).toThrow(RangeError);
    expect(() => lossOf({ gamma: 0, classWeights: [1, 1] })).toThrow(/2 class weights for 3 classes/);
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    lossOf({ gamma: 2, classWeights: [1, 2, 3] });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('focalLossFromLogits', () => {
  it('matches the probability form on the softmax of the logits', () => {
    const logits = [
      [2, -1, 0.5],
      [0.3, 0.2, -2],
    ];
    const softmax = logits.map((row) => {
      const e = row.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    const fromLogits = tf.tidy(() => focalLossFromLogits(tf.tensor1d([1, 0], 'int32'), tf.tensor2d(logits), { gamma: 2, classWeights: [1, 3, 1] }).dataSync()[0]!);
    expect(fromLogits).toBeCloseTo(lossOf({ gamma: 2, classWeights: [1, 3, 1] }, softmax, [1, 0]), 5);
  });

  it('is exact for huge logits (log-sum-exp), where log(softmax) would be −∞', () => {
    const value = tf.tidy(() => focalLossFromLogits(tf.tensor1d([2], 'int32'), tf.tensor2d([[1000, 0, -1000]]), { gamma: 0 }).dataSync()[0]!);
    expect(value).toBeCloseTo(2000, 1);
  });
});
