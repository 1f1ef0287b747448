import { describe, expect, it } from 'vitest';
import {
  addToReliability,
  createReliability,
  expectedCalibrationError,
  finishReliability,
  formatReliability,
  reliabilityTable,
} from '../../../../../src/main/ml/calibration/reliability';
import { syntheticProbabilities } from './synthetic';

describe('expectedCalibrationError', () => {
  it('is 0 when each bin is exactly as accurate as it is confident', () => {
    // 10 beats at 0.8 with 8 right, 4 at 0.5 with 2 right (arg-max the first class on the tie).
    const rows = [...new Array<number[]>(10).fill([0.8, 0.2]), ...new Array<number[]>(4).fill([0.5, 0.5])];
    const labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1];
    expect(expectedCalibrationError(rows.flat(), labels, 2)).toBeCloseTo(0, 12);
  });

  it('is close to 0 when labels are drawn from the predicted probabilities themselves', () => {
    const { probabilities, labels } = syntheticProbabilities(50_000, 5, 1, 21);
    expect(expectedCalibrationError(probabilities, labels, 5)).toBeLessThan(0.01);
  });

  it('is clearly above 0 for over- and under-confident probabilities', () => {
    const over = syntheticProbabilities(20_000, 5, 3, 22);
    const under = syntheticProbabilities(20_000, 5, 0.3, 23);
    expect(expectedCalibrationError(over.probabilities, over.labels, 5)).toBeGreaterThan(0.05);
    expect(expectedCalibrationError(under.probabilities, under.labels, 5)).toBeGreaterThan(0.05);
  });

  it('is the confidence itself when every confident beat is wrong', () => {
    expect(expectedCalibrationError([0.9, 0.1, 0.1, 0.9], [1, 0], 2)).toBeCloseTo(0.9, 12);
  });

  it('is NaN without a labelled beat', () => {
    expect(expectedCalibrationError([0.9, 0.1], [-1], 2)).toBeNaN();
  });
});

describe('reliabilityTable', () => {
  it('puts each beat in the equal-width bin (lower, upper] of its top-label confidence', () => {
    const table = reliabilityTable([0.6, 0.4, 0.2, 0.8, 1, 0, 0.95, 0.05], [0, 0, 0, -1], 2, 5);
    expect(table.bins.map((b) => b.count)).toEqual([0, 0, 1, 1, 1]);
    expect(table.bins[2]).toMatchObject({ lower: 0.4, upper: 0.6, confidence: 0.6, accuracy: 1 });
    expect(table.bins[3]).toMatchObject({ confidence: 0.8, accuracy: 0 });
    expect(table.bins[4]).toMatchObject({ confidence: 1, accuracy: 1 });
    expect(table.bins[0]).toMatchObject({ count: 0, confidence: null, accuracy: null });
    expect(table.beats).toBe(3);
    expect(table.ece).toBeCloseTo((0.4 + 0.8 + 0) / 3, 12);
  });

  it('counts every labelled beat once, with ECE the count-weighted gap', () => {
    const { probabilities, labels } = syntheticProbabilities(3_000, 5, 2, 24);
    const table = reliabilityTable(probabilities, labels, 5);
    expect(table.bins).toHaveLength(15);
    expect(table.bins.reduce((a, b) => a + b.count, 0)).toBe(3_000);
    const weighted = table.bins.reduce((a, b) => a + (b.count === 0 ? 0 : b.count * Math.abs(b.accuracy! - b.confidence!)), 0) / 3_000;
    expect(table.ece).toBeCloseTo(weighted, 12);
  });

  it('refuses labels that do not match the rows, a label beyond the classes and zero bins', () => {
    expect(() => reliabilityTable([0.5, 0.5], [0, 1], 2)).toThrow(RangeError);
    expect(() => reliabilityTable([0.5, 0.5], [2], 2)).toThrow(/not a class index/);
    expect(() => reliabilityTable([0.5, 0.5], [0], 2, 0)).toThrow(/bins/);
  });
});

describe('addToReliability', () => {
  it('gives, added part by part, the table of all beats at once', () => {
    const { probabilities, labels } = syntheticProbabilities(1_000, 5, 0.5, 25);
    const acc = createReliability(5);
    addToReliability(acc, probabilities.subarray(0, 300 * 5), labels.subarray(0, 300));
    addToReliability(acc, probabilities.subarray(300 * 5), labels.subarray(300));
    expect(finishReliability(acc)).toEqual(reliabilityTable(probabilities, labels, 5));
  });
});

describe('formatReliability', () => {
  it('prints one line per non-empty bin and the ECE', () => {
    const text = formatReliability(reliabilityTable([0.6, 0.4, 0.2, 0.8], [0, 0], 2, 5));
    expect(text.split('\n')).toHaveLength(1 + 2 + 1);
    expect(text).toMatch(/\(0\.40, 0\.60\]\s+1\s+0\.600\s+1\.000\s+\+0\.400/);
    expect(text).toMatch(/ECE \(5 bins, 2 beats\): 0\.6000/);
  });
});
