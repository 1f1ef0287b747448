import { describe, expect, it } from 'vitest';
import { applyTemperature, fitTemperature, negativeLogLikelihood, TEMPERATURE_RANGE } from '../../../../../src/main/ml/calibration/temperature';
import { argMaxScores } from '../../../../../src/main/ml/calibration';
import { softmax, syntheticProbabilities } from './synthetic';

describe('fitTemperature', () => {
  it.each([
    { tau: 0.4, label: 'under-confident' },
    { tau: 2.5, label: 'over-confident' },
    { tau: 1, label: 'already calibrated' },
  ])('recovers the temperature $tau of $label probabilities whose labels follow softmax(z)', ({ tau }) => {
    const { probabilities, labels } = syntheticProbabilities(20_000, 5, tau, 17);
    const fit = fitTemperature(probabilities, labels, 5);
    expect(fit.beats).toBe(20_000);
    expect(Math.abs(Math.log(fit.temperature / tau))).toBeLessThan(0.05);
    expect(fit.nll.after).toBeLessThanOrEqual(fit.nll.before + 1e-12);
    expect(fit.nll.before).toBeCloseTo(negativeLogLikelihood(probabilities, labels, 5), 10);
    expect(fit.nll.after).toBeCloseTo(negativeLogLikelihood(probabilities, labels, 5, fit.temperature), 10);
  });

  it('finds the minimum of the NLL: nearby temperatures do worse', () => {
    const { probabilities, labels } = syntheticProbabilities(3_000, 4, 0.7, 5);
    const { temperature, nll } = fitTemperature(probabilities, labels, 4);
    for (const factor of [0.98, 1.02]) expect(negativeLogLikelihood(probabilities, labels, 4, temperature * factor)).toBeGreaterThan(nll.after);
  });

  it('skips beats whose label is negative (no reference class)', () => {
    const { probabilities, labels } = syntheticProbabilities(2_000, 5, 0.5, 9);
    const extra = syntheticProbabilities(500, 5, 3, 10);
    const mixedP = new Float32Array([...probabilities, ...extra.probabilities]);
    const mixedL = new Int8Array([...labels, ...new Array<number>(500).fill(-1)]);
    const fit = fitTemperature(mixedP, mixedL, 5);
    expect(fit.beats).toBe(2_000);
    expect(fit.temperature).toBeCloseTo(fitTemperature(probabilities, labels, 5).temperature, 9);
  });

  it('stops at the edge of its range when every beat is right with full confidence', () => {
    const probabilities = new Float32Array([0.9, 0.1, 0.2, 0.8]);
    expect(fitTemperature(probabilities, [0, 1], 2).temperature).toBeCloseTo(TEMPERATURE_RANGE.min, 6);
  });

  it('refuses no labelled beat, a label beyond the classes and rows that do not fit', () => {
    expect(() => fitTemperature(new Float32Array([0.5, 0.5]), [-1], 2)).toThrow(/no labelled beat/);
    expect(() => fitTemperature(new Float32Array([0.5, 0.5]), [2], 2)).toThrow(RangeError);
    expect(() => fitTemperature(new Float32Array([0.5, 0.5, 0.1]), [0], 2)).toThrow(/whole rows/);
    expect(() => fitTemperature(new Float32Array([0.5, 0.5]), [0, 1], 2)).toThrow(/2 labels for 1/);
  });
});

describe('applyTemperature', () => {
  it('keeps the arg-max and rows summing to 1', () => {
    const { probabilities } = syntheticProbabilities(500, 5, 1, 3);
    for (const T of [0.1, 0.4, 1, 3, 20]) {
      const scaled = applyTemperature(probabilities, 5, T);
      expect(Array.from(argMaxScores(scaled, 5))).toEqual(Array.from(argMaxScores(probabilities, 5)));
      for (let i = 0; i < 500; i++) expect(scaled.subarray(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('equals softmax of the logits divided by T, and T = 1 gives the input back', () => {
    const z = [1.5, -0.3, 0.2];
    const scaled = applyTemperature(Float32Array.from(softmax(z)), 3, 0.5);
    softmax(z, 0.5).forEach((p, c) => expect(scaled[c]).toBeCloseTo(p, 6));
    const same = applyTemperature(Float32Array.from(softmax(z)), 3, 1);
    softmax(z).forEach((p, c) => expect(same[c]).toBeCloseTo(p, 6));
  });

  it('is undone by the inverse temperature', () => {
    const { probabilities } = syntheticProbabilities(50, 5, 1, 8, 1);
    const back = applyTemperature(applyTemperature(probabilities, 5, 0.4), 5, 1 / 0.4);
    probabilities.forEach((p, i) => expect(back[i]).toBeCloseTo(p, 5));
  });

  it('keeps a zero probability finite (floored) and refuses a temperature that is not finite and positive', () => {
    const scaled = applyTemperature(new Float32Array([1, 0]), 2, 0.5);
    expect(Array.from(scaled).every(Number.isFinite)).toBe(true);
    expect(scaled[0]).toBeCloseTo(1, 6);
    for (const T of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => applyTemperature(new Float32Array([0.5, 0.5]), 2, T)).toThrow(RangeError);
  });
});

describe('negativeLogLikelihood', () => {
  it('is the mean of −ln p(label) over labelled beats', () => {
    const probabilities = new Float32Array([0.5, 0.5, 0.25, 0.75, 0.9, 0.1]);
    expect(negativeLogLikelihood(probabilities, [0, 1, -1], 2)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.75)) / 2, 6);
  });
});
