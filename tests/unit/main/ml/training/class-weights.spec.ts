import { describe, expect, it } from 'vitest';
import { classShares, classWeights, countClasses } from '../../../../../src/main/ml/training/class-weights';

describe('countClasses', () => {
  it('counts labels per class and ignores −1 and out-of-range labels', () => {
    expect(countClasses(Int8Array.from([0, 0, 1, -1, 4, 7, 2]), 5)).toEqual([2, 1, 1, 0, 1]);
  });
});

describe('classWeights', () => {
  it('gives scikit-learn balanced weights, total / (classes × count), for inverse', () => {
    // 100 beats: 80 / 15 / 5 over 3 present classes.
    const w = classWeights([80, 15, 5, 0], 'inverse');
    expect(w[0]).toBeCloseTo(100 / (3 * 80));
    expect(w[1]).toBeCloseTo(100 / (3 * 15));
    expect(w[2]).toBeCloseTo(100 / (3 * 5));
    expect(w[3]).toBe(1);
  });

  it('caps the weight of a very rare class', () => {
    expect(classWeights([45866, 944, 3788, 415, 8], 'inverse', 50)[4]).toBe(50);
  });

  it('takes the square root for sqrt-inverse and gives 1 everywhere for none', () => {
    expect(classWeights([80, 20], 'sqrt-inverse')[1]).toBeCloseTo(Math.sqrt(100 / 40));
    expect(classWeights([80, 20], 'none')).toEqual([1, 1]);
  });

  it('refuses a cap that is not positive', () => {
    expect(() => classWeights([1], 'inverse', 0)).toThrow(RangeError);
  });
});

describe('classShares', () => {
  it('splits evenly over present classes when balanced, by √count for sqrt, by count for none', () => {
    expect(classShares([90, 10, 0], 'balanced')).toEqual([0.5, 0.5, 0]);
    const sqrt = classShares([81, 9, 0], 'sqrt');
    expect(sqrt[0]).toBeCloseTo(0.75);
    expect(sqrt[1]).toBeCloseTo(0.25);
    expect(classShares([90, 10, 0], 'none')).toEqual([0.9, 0.1, 0]);
  });
});
