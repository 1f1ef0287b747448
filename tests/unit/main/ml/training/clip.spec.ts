import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm } from '../../../../../src/main/ml/training/clip';

beforeAll(async () => {
  await tf.setBackend('cpu');
  Object.assign(tf.backend(), { firstUse: false }); // no tfjs-node advertisement in test output
});

function globalNorm(grads: tf.NamedTensorMap): number {
  return Math.sqrt(Object.values(grads).reduce((s, g) => s + Array.from(g.dataSync()).reduce((a, v) => a + v * v, 0), 0));
}

describe('clipByGlobalNorm', () => {
  it('scales every gradient by the same factor so that the global norm is maxNorm', () => {
    // Norm √(3² + 4² + 12²) = 13.
    const grads = { a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) };
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
    expect(globalNorm(clipped)).toBeCloseTo(1, 5);
    expect(Array.from(clipped.a!.dataSync())).toEqual([expect.closeTo(3 / 13, 6), expect.closeTo(4 / 13, 6)]);
    tf.dispose([...Object.values(grads), ...Object.values(clipped), norm]);
  });

  it('leaves gradients already within the norm unchanged', () => {
    const grads = { a: tf.tensor1d([0.3, 0.4]) };
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect(Array.from(clipped.a!.dataSync())).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.4, 6)]);
    expect(globalNorm(clipped)).toBeLessThanOrEqual(1);
    tf.dispose([grads.a, clipped.a!, norm]);
  });

  it('only measures the norm when maxNorm is null, and refuses a non-positive maxNorm', () => {
    const grads = { a: tf.tensor1d([30, 40]) };
    const { grads: same, norm } = clipByGlobalNorm(grads, null);
    expect(norm.dataSync()[0]).toBeCloseTo(50);
    expect(globalNorm(same)).toBeCloseTo(50);
    expect(() => clipByGlobalNorm(grads, 0)).toThrow(RangeError);
    tf.dispose([grads.a, same.a!, norm]);
  });

  it('leaves no tensor behind besides its outputs', () => {
    const grads = { a: tf.randomNormal([10, 10]), b: tf.randomNormal([5]) };
    const before = tf.memory().numTensors;
    const out = clipByGlobalNorm(grads, 0.5);
    expect(tf.memory().numTensors).toBe(before + 3);
    tf.dispose([...Object.values(grads), ...Object.values(out.grads), out.norm]);
  });
});
