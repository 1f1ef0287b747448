import { beforeAll, describe, expect, it } from 'vitest';
import { calibratedProbabilities, servedClasses } from '../../../../../src/main/ml/calibration/apply';
import { applyDecisionRule, decideClasses } from '../../../../../src/main/ml/calibration/prior-shift';
import { applyTemperature } from '../../../../../src/main/ml/calibration/temperature';
import { classifyBeats } from '../../../../../src/main/ml/inference';
import type { ModelCard } from '../../../../../src/main/ml/model-card';
import { buildModel } from '../../../../../src/main/ml/models';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

beforeAll(async () => {
  await useCpu();
});

/** The tiny test card with a temperature calibration (and a log-prior shift when given). */
function calibratedCard(temperature: number, logPriorShift?: number[]): ModelCard {
  return {
    ...cardFor(tinyConfig()),
    calibration: {
      method: 'temperature', temperature, fittedOn: ['b'], beats: 10, validationEce: { before: 0.1, after: 0.05 }, date: '2026-01-01T00:00:00.000Z',
      ...(logPriorShift === undefined ? {} : { logPriorShift }),
    },
  };
}

describe('calibratedProbabilities', () => {
  it('returns the same array for a card without a calibration', () => {
    const p = new Float32Array([0.2, 0.3, 0.1, 0.1, 0.3]);
    expect(calibratedProbabilities(cardFor(tinyConfig()), p)).toBe(p);
  });

  it("applies the card's temperature", () => {
    const p = new Float32Array([0.2, 0.3, 0.1, 0.1, 0.3, 0.6, 0.1, 0.1, 0.1, 0.1]);
    expect(calibratedProbabilities(calibratedCard(0.4), p)).toEqual(applyTemperature(p, 5, 0.4));
  });

  it("adds the card's log-prior shift after the temperature", () => {
    const p = new Float32Array([0.2, 0.3, 0.1, 0.1, 0.3, 0.6, 0.1, 0.1, 0.1, 0.1]);
    const shift = [0, -1, 0.5, -2, 0];
    const served = calibratedProbabilities(calibratedCard(0.4, shift), p);
    expect(served).toEqual(applyDecisionRule(p, 5, { temperature: 0.4, logPriorShift: shift }));
    // Row 0 at T = 0.4: S (0.3) and Q (0.3) tie; the shift −1 on S leaves Q ahead of S.
    expect(served[4]! / served[1]!).toBeCloseTo(Math.exp(1), 4);
  });
});

describe('servedClasses', () => {
  it("decides by the raw arg-max without a shift and by log p / T + b with one", () => {
    const p = new Float32Array([0.5, 0.4, 0.05, 0.03, 0.02, 0.1, 0.2, 0.6, 0.05, 0.05]);
    expect(Array.from(servedClasses(cardFor(tinyConfig()), p))).toEqual([0, 2]);
    expect(Array.from(servedClasses(calibratedCard(0.5), p))).toEqual([0, 2]);
    // log(0.4 / 0.5) / 0.5 = −0.446: a shift of +0.5 on S makes the first beat S.
    const shifted = calibratedCard(0.5, [0, 0.5, 0, 0, 0]);
    expect(Array.from(servedClasses(shifted, p))).toEqual([1, 2]);
    expect(servedClasses(shifted, p)).toEqual(decideClasses(p, 5, { temperature: 0.5, logPriorShift: [0, 0.5, 0, 0, 0] }));
  });
});

describe('classifyBeats (calibration)', () => {
  it("serves probabilities calibrated by the card's temperature, the same classes and attention, and the raw ones when asked", () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const plain = { dir: '', card: cardFor(config), model };
    const calibrated = { dir: '', card: calibratedCard(0.3), model };
    const beats = syntheticBeats(12, config.windowLength, 6);
    const raw = classifyBeats(plain, beats, { attention: true });
    const served = classifyBeats(calibrated, beats, { attention: true });
    const uncalibrated = classifyBeats(calibrated, beats, { calibrated: false });
    Array.from(applyTemperature(raw.probabilities, 5, 0.3)).forEach((p, i) => expect(served.probabilities[i]).toBeCloseTo(p, 5));
    expect(served.probabilities).not.toEqual(raw.probabilities);
    expect(Array.from(served.classes)).toEqual(Array.from(raw.classes));
    expect(served.attention).toEqual(raw.attention);
    Array.from(raw.probabilities).forEach((p, i) => expect(uncalibrated.probabilities[i]).toBeCloseTo(p, 6));
    model.dispose();
  });

  it('decides with the log-prior shift, whether or not the calibrated probabilities are asked for', () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const plain = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(40, config.windowLength, 6);
    const raw = classifyBeats(plain, beats);
    // Favour the class the untrained network calls least, strongly enough to move some beats.
    const counts = [0, 1, 2, 3, 4].map((c) => raw.classes.filter((x) => x === c).length);
    const rare = 1 + counts.slice(1).indexOf(Math.min(...counts.slice(1)));
    const card = calibratedCard(1, [0, 1, 2, 3, 4].map((c) => (c === rare ? 3 : 0)));
    const shifted = classifyBeats({ dir: '', card, model }, beats);
    const uncalibrated = classifyBeats({ dir: '', card, model }, beats, { calibrated: false });
    expect(shifted.classes).toEqual(decideClasses(raw.probabilities, 5, { temperature: 1, logPriorShift: card.calibration!.logPriorShift! }));
    expect(uncalibrated.classes).toEqual(shifted.classes);
    expect(shifted.classes.filter((x) => x === rare).length).toBeGreaterThan(counts[rare]!);
    model.dispose();
  });
});
