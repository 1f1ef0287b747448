import { beforeAll, describe, expect, it } from 'vitest';
import { calibratedProbabilities } from '../../../../../src/main/ml/calibration/apply';
import { applyTemperature } from '../../../../../src/main/ml/calibration/temperature';
import { classifyBeats } from '../../../../../src/main/ml/inference';
import type { ModelCard } from '../../../../../src/main/ml/model-card';
import { buildModel } from '../../../../../src/main/ml/models';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

beforeAll(async () => {
  await useCpu();
});

/** The tiny test card with a temperature calibration. */
function calibratedCard(temperature: number): ModelCard {
  return {
    ...cardFor(tinyConfig()),
    calibration: { method: 'temperature', temperature, fittedOn: ['b'], beats: 10, validationEce: { before: 0.1, after: 0.05 }, date: '2026-01-01T00:00:00.000Z' },
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
});

describe('classifyBeats (calibration)', () => {
  it("serves probabilities calibrated by the card's temperature, the same classes and attention, and the raw ones when asked", () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const plain = { dir: '', card: cardFor(config), model };
    const calibrated = { dir: '', card: calibratedCard(0.3), model };
    const beats = syntheticBeats(12, config.windowLength, 6);
    const raw = classifyBeats(plain, beats.windows, beats.rr, { attention: true });
    const served = classifyBeats(calibrated, beats.windows, beats.rr, { attention: true });
    const uncalibrated = classifyBeats(calibrated, beats.windows, beats.rr, { calibrated: false });
    Array.from(applyTemperature(raw.probabilities, 5, 0.3)).forEach((p, i) => expect(served.probabilities[i]).toBeCloseTo(p, 5));
    expect(served.probabilities).not.toEqual(raw.probabilities);
    expect(Array.from(served.classes)).toEqual(Array.from(raw.classes));
    expect(served.attention).toEqual(raw.attention);
    Array.from(raw.probabilities).forEach((p, i) => expect(uncalibrated.probabilities[i]).toBeCloseTo(p, 6));
    model.dispose();
  });
});
