import { describe, expect, it } from 'vitest';
import { checkSchedule, learningRateAt } from '../../../../../src/main/ml/training/lr-schedule';

describe('learningRateAt', () => {
  it('warms up linearly to the base rate', () => {
    const s = { kind: 'constant', base: 1e-3, warmupSteps: 4 } as const;
    expect([0, 1, 2, 3, 4, 100].map((k) => learningRateAt(s, k))).toEqual([2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3, 1e-3]);
  });

  it('follows a half cosine from base to the floor after warm-up', () => {
    const s = { kind: 'cosine', base: 1e-3, warmupSteps: 10, totalSteps: 110, minLearningRate: 1e-5 } as const;
    expect(learningRateAt(s, 10)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(s, 60)).toBeCloseTo((1e-3 + 1e-5) / 2, 12); // half way: cos(π/2) = 0
    expect(learningRateAt(s, 35)).toBeCloseTo(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.cos(Math.PI / 4)), 12);
    expect(learningRateAt(s, 110)).toBeCloseTo(1e-5, 12);
    expect(learningRateAt(s, 500)).toBeCloseTo(1e-5, 12);
  });

  it('multiplies by the factor every stepSize steps for a step schedule', () => {
    const s = { kind: 'step', base: 0.1, warmupSteps: 0, stepSize: 10, factor: 0.5 } as const;
    expect([0, 9, 10, 19, 20, 35].map((k) => learningRateAt(s, k))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
  });
});

describe('checkSchedule', () => {
  it('refuses a zero base rate, a floor above the base and a factor above 1', () => {
    expect(() => checkSchedule({ kind: 'constant', base: 0, warmupSteps: 0 })).toThrow(RangeError);
    expect(() => checkSchedule({ kind: 'cosine', base: 1e-3, warmupSteps: 0, totalSteps: 10, minLearningRate: 1e-2 })).toThrow(/cosine/);
    expect(() => checkSchedule({ kind: 'step', base: 1e-3, warmupSteps: 0, stepSize: 10, factor: 2 })).toThrow(/step/);
  });
});
