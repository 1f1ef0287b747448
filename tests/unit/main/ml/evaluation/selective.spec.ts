import { describe, expect, it } from 'vitest';
import { coverageCurve, maxProbability, oneMinusMaxProbability, rankByScore, thresholdCounts } from '../../../../../src/main/ml/evaluation/selective';

const CLASSES = ['N', 'S', 'V', 'F', 'Q'];

/** 20 beats, the last `wrong` of them misclassified (N called S), scored 0.01·i. */
function rankedSet(wrong: number): { reference: number[]; predicted: number[]; score: number[] } {
  const reference = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 2 : 0));
  const predicted = reference.map((r, i) => (i >= 20 - wrong ? 1 : r));
  return { reference, predicted, score: reference.map((_, i) => 0.01 * i) };
}

describe('coverageCurve', () => {
  it('gives accuracy min(1, correct share / coverage) for a perfectly ranked set', () => {
    const set = rankedSet(4); // 16 of 20 right, all wrong ones scored highest
    const curve = coverageCurve({ classes: CLASSES, ...set }, [1, 0.9, 0.8, 0.5]);
    expect(curve.map((p) => p.accepted)).toEqual([20, 18, 16, 10]);
    expect(curve.map((p) => p.metrics.accuracy)).toEqual([16 / 20, 16 / 18, 1, 1]);
    expect(curve[2]!.threshold).toBeCloseTo(0.15, 10);
    expect(curve[2]!.metrics.perClass.find((m) => m.name === 'V')!.f1).toBe(1);
  });

  it('accepts the wrong beats first when the ranking is reversed', () => {
    const set = rankedSet(4);
    const curve = coverageCurve({ classes: CLASSES, ...set, score: set.score.map((s) => -s) }, [0.2, 0.5]);
    expect(curve[0]!.metrics.accuracy).toBe(0);
    expect(curve[1]!.metrics.accuracy).toBe(6 / 10);
  });

  it('keeps tied scores in beat order and accepts no beat at coverage 0', () => {
    const curve = coverageCurve({ classes: CLASSES, reference: [0, 0, 1, 1], predicted: [0, 0, 0, 0], score: [0, 0, 0, 0] }, [0.5, 0]);
    expect(curve[0]!.metrics.accuracy).toBe(1);
    expect(curve[1]!.accepted).toBe(0);
    expect(curve[1]!.threshold).toBeNull();
    expect(curve[1]!.metrics.accuracy).toBeNull();
  });

  it('refuses arrays of different lengths, a NaN score and a coverage outside 0 … 1', () => {
    expect(() => coverageCurve({ classes: CLASSES, reference: [0, 0], predicted: [0], score: [0, 0] })).toThrow(/2 reference labels, 1 predictions/);
    expect(() => coverageCurve({ classes: CLASSES, reference: [0], predicted: [0], score: [Number.NaN] })).toThrow(/NaN/);
    expect(() => coverageCurve({ classes: CLASSES, reference: [0], predicted: [0], score: [0] }, [1.5])).toThrow(/coverage 1.5/);
  });
});

describe('rankByScore', () => {
  it('orders beats by rising score, ties by index', () => {
    expect(Array.from(rankByScore([0.3, 0.1, 0.3, 0.0]))).toEqual([3, 1, 0, 2]);
  });
});

describe('maxProbability', () => {
  it('gives the top probability of each row, and oneMinusMaxProbability its complement', () => {
    const p = Float32Array.of(0.7, 0.2, 0.1, 0.25, 0.5, 0.25);
    expect(Array.from(maxProbability(p, 3))).toEqual([Math.fround(0.7), 0.5]);
    expect(oneMinusMaxProbability(p, 3)[1]).toBe(0.5);
  });
});

describe('thresholdCounts', () => {
  it('counts the beats below each threshold and the accuracy of the rest', () => {
    const counts = thresholdCounts([0.4, 0.55, 0.65, 0.95, 0.99], [false, false, true, true, false], [0.5, 0.6, 0.96]);
    expect(counts.map((c) => c.under)).toEqual([1, 2, 4]);
    expect(counts[0]!.fraction).toBe(0.2);
    expect(counts[0]!.acceptedAccuracy).toBe(2 / 4);
    expect(counts[1]!.acceptedAccuracy).toBe(2 / 3);
    expect(counts[2]!.acceptedAccuracy).toBe(0);
  });

  it('refuses confidences and outcomes of different lengths', () => {
    expect(() => thresholdCounts([0.5], [])).toThrow(/1 confidences but 0 outcomes/);
  });
});
