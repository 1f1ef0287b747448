import { describe, expect, it } from 'vitest';
import { confusionMatrix, metricsOf } from '../../../../../src/main/ml/evaluation/confusion';
import {
  applyDecisionRule,
  argMaxScores,
  decideClasses,
  decisionScores,
  fitLogPriorShift,
  macroF1OfCounts,
} from '../../../../../src/main/ml/calibration/prior-shift';
import { applyTemperature } from '../../../../../src/main/ml/calibration/temperature';
import { softmax, syntheticProbabilities } from './synthetic';

/** Two-class rows [1 − q, q]. */
function twoClass(qs: readonly number[]): Float32Array {
  return Float32Array.from(qs.flatMap((q) => [1 - q, q]));
}

describe('decisionScores', () => {
  it('gives log p / T + b per class', () => {
    const s = decisionScores([0.25, 0.75], 2, { temperature: 0.5, logPriorShift: [0, -1] });
    expect(s[0]).toBeCloseTo(Math.log(0.25) / 0.5, 12);
    expect(s[1]).toBeCloseTo(Math.log(0.75) / 0.5 - 1, 12);
  });

  it('refuses a shift of the wrong length, a non-finite shift and a bad temperature', () => {
    expect(() => decisionScores([0.5, 0.5], 2, { temperature: 1, logPriorShift: [0] })).toThrow(RangeError);
    expect(() => decisionScores([0.5, 0.5], 2, { temperature: 1, logPriorShift: [0, Number.NaN] })).toThrow(RangeError);
    expect(() => decisionScores([0.5, 0.5], 2, { temperature: 0 })).toThrow(RangeError);
    expect(() => decisionScores([0.5, 0.5, 0.1], 2, { temperature: 1 })).toThrow(RangeError);
  });
});

describe('argMaxScores', () => {
  it('picks the largest per row and the first of a tie', () => {
    expect(Array.from(argMaxScores([1, 3, 2, 5, 5, 0], 3))).toEqual([1, 0]);
  });
});

describe('applyDecisionRule', () => {
  it('equals temperature scaling when the shift is zero', () => {
    const { probabilities } = syntheticProbabilities(50, 5, 0.6, 3);
    const a = applyDecisionRule(probabilities, 5, { temperature: 0.4, logPriorShift: [0, 0, 0, 0, 0] });
    const b = applyTemperature(probabilities, 5, 0.4);
    Array.from(b).forEach((p, i) => expect(a[i]).toBeCloseTo(p, 6));
  });

  it('multiplies each class by e^b before renormalising', () => {
    const out = applyDecisionRule([0.5, 0.5], 2, { temperature: 1, logPriorShift: [0, Math.log(3)] });
    expect(out[0]).toBeCloseTo(0.25, 6);
    expect(out[1]).toBeCloseTo(0.75, 6);
  });
});

describe('decideClasses', () => {
  it('moves a beat to another class when the shift outweighs its log-probability margin', () => {
    const p = [0.6, 0.4, 0.9, 0.1];
    expect(Array.from(decideClasses(p, 2, { temperature: 1 }))).toEqual([0, 0]);
    // log(0.4/0.6) = −0.405 and log(0.1/0.9) = −2.197: a shift of 1 flips only the first beat.
    expect(Array.from(decideClasses(p, 2, { temperature: 1, logPriorShift: [0, 1] }))).toEqual([1, 0]);
    // At T = 0.2 the margins are five times wider (−2.03, −10.99): the same shift no longer flips it.
    expect(Array.from(decideClasses(p, 2, { temperature: 0.2, logPriorShift: [0, 1] }))).toEqual([0, 0]);
  });
});

describe('macroF1OfCounts', () => {
  it('agrees with metricsOf on the same confusion, leaving out a class with no beat and no prediction', () => {
    const reference = [0, 0, 0, 1, 1, 2, 2, 2, 0, 1];
    const predicted = [0, 1, 0, 1, 0, 2, 1, 2, 0, 1];
    const matrix = confusionMatrix(['N', 'S', 'V', 'F'], reference, predicted);
    const flat = matrix.counts.slice(0, 4).flatMap((row) => row.slice(0, 4));
    expect(macroF1OfCounts(flat, 4, [0, 1, 2, 3])).toBeCloseTo(metricsOf(matrix).macroF1!, 12);
  });
});

describe('fitLogPriorShift', () => {
  it('finds the threshold that keeps only the true positive of an over-called class', () => {
    // Class 1 is called for q > 0.5: one right (0.9), three wrong (0.8 0.7 0.6). Keeping only
    // 0.9 needs logit(0.8) = 1.386 ≤ −b < logit(0.9) = 2.197; the grid value nearest 0 is −1.40.
    const p = twoClass([0.9, 0.8, 0.7, 0.6, 0.3, 0.2]);
    const labels = [1, 0, 0, 0, 0, 0];
    const fit = fitLogPriorShift(p, labels, 2, { temperature: 1, macroClasses: [0, 1] });
    expect(fit.logPriorShift[0]).toBe(0);
    expect(fit.logPriorShift[1]).toBeCloseTo(-1.4, 9);
    expect(fit.macroF1.after).toBe(1);
    expect(fit.macroF1.before).toBeLessThan(1);
    expect(fit.beats).toBe(6);
  });

  it('scales the shift with the temperature: the decision is unchanged for b·T fixed', () => {
    const p = twoClass([0.9, 0.8, 0.7, 0.6, 0.3, 0.2]);
    const labels = [1, 0, 0, 0, 0, 0];
    const fit = fitLogPriorShift(p, labels, 2, { temperature: 0.5, macroClasses: [0, 1] });
    // At T = 0.5 the margins double: −b in [2.77, 4.39), nearest 0 on the grid −2.80.
    expect(fit.logPriorShift[1]).toBeCloseTo(-2.8, 9);
  });

  it('skips unlabelled rows and never ends below the unshifted macro F1', () => {
    // A network trained on balanced classes (equal priors) over-calls the rare ones.
    const classes = 4;
    const prior = [0.85, 0.05, 0.08, 0.02];
    const count = 3000;
    const { probabilities } = syntheticProbabilities(count, classes, 1, 11, 1.5);
    // Re-draw labels from the posterior under the skewed prior: p(c|x) ∝ p_balanced(c|x) · prior_c.
    const skewed = new Int8Array(count);
    for (let i = 0; i < count; i++) {
      const w = Array.from({ length: classes }, (_, c) => probabilities[i * classes + c]! * prior[c]!);
      const z = softmax(w.map(Math.log));
      skewed[i] = z.indexOf(Math.max(...z));
    }
    skewed[0] = -1;
    const fit = fitLogPriorShift(probabilities, skewed, classes, { temperature: 1, macroClasses: [0, 1, 2, 3] });
    expect(fit.beats).toBe(count - 1);
    expect(fit.macroF1.after).toBeGreaterThanOrEqual(fit.macroF1.before);
    // The labels are the arg-max under log prior_c − log prior_N: the fit should recover them.
    expect(fit.macroF1.after).toBeGreaterThan(0.97);
    for (const c of [1, 2, 3]) expect(fit.logPriorShift[c]).toBeCloseTo(Math.log(prior[c]! / prior[0]!), 0);
    // Independent check of the reported figure.
    const rows = Array.from(skewed).map((y, i) => ({ y, i })).filter((r) => r.y >= 0);
    const decided = decideClasses(probabilities, classes, { temperature: 1, logPriorShift: fit.logPriorShift });
    const matrix = confusionMatrix(['N', 'S', 'V', 'F'], rows.map((r) => r.y), rows.map((r) => decided[r.i]!));
    expect(metricsOf(matrix).macroF1).toBeCloseTo(fit.macroF1.after, 12);
  });

  it('refuses data with no labelled row', () => {
    expect(() => fitLogPriorShift(twoClass([0.5]), [-1], 2, { temperature: 1, macroClasses: [0, 1] })).toThrow(/no labelled beat/);
  });
});
