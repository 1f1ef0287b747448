import { beforeAll, describe, expect, it } from 'vitest';
import { calibratedProbabilities } from '../../../../src/main/ml/calibration/apply';
import { classifyBeats } from '../../../../src/main/ml/inference';
import { applyIrregularRhythmRule, irregularFlagsFor } from '../../../../src/main/ml/irregular-rhythm-rule';
import { ModelLoadError, parseModelCard, type ModelCard } from '../../../../src/main/ml/model-card';
import { buildModel } from '../../../../src/main/ml/models';
import { RR_COLUMN, RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from './ml-fixtures';

beforeAll(async () => {
  await useCpu();
});

const RULE = { threshold: 0.1, smoothingBeats: 2, notCalled: ['S', 'F'] };

/** The tiny test card (classes N S V F Q) with the rule. */
function ruledCard(rule: ModelCard['irregularRhythm'] = RULE): ModelCard {
  return { ...cardFor(tinyConfig()), irregularRhythm: rule };
}

/** RR rows whose rrIrregularity is `values[i]` (the other columns 1). */
function rrWithIrregularity(values: readonly number[]): Float32Array {
  const rr = new Float32Array(values.length * RR_FEATURE_COUNT).fill(1);
  values.forEach((v, i) => (rr[i * RR_FEATURE_COUNT + RR_COLUMN.rrIrregularity] = v));
  return rr;
}

describe('applyIrregularRhythmRule', () => {
  const probabilities = new Float32Array([
    0.3, 0.4, 0.1, 0.15, 0.05, // flagged, S ahead: becomes N with S and F's share
    0.1, 0.2, 0.6, 0.05, 0.05, // flagged, V ahead: stays V, S and F's share still goes to N
    0.2, 0.5, 0.1, 0.1, 0.1, // not flagged: untouched
  ]);
  const classes = Int8Array.from([1, 2, 1]);

  it('moves the listed classes\' probability to N on flagged beats and re-decides their class', () => {
    const out = applyIrregularRhythmRule(ruledCard(), probabilities, classes, Uint8Array.from([1, 1, 0]));
    const rows = [0, 1, 2].map((i) => Array.from(out.probabilities.subarray(i * 5, i * 5 + 5)));
    [0.85, 0, 0.1, 0, 0.05].forEach((p, k) => expect(rows[0]![k]).toBeCloseTo(p, 6));
    [0.35, 0, 0.6, 0, 0.05].forEach((p, k) => expect(rows[1]![k]).toBeCloseTo(p, 6));
    expect(rows[2]).toEqual(Array.from(probabilities.subarray(10, 15)));
    expect(Array.from(out.classes)).toEqual([0, 2, 1]);
    // The inputs are left as they were.
    expect(probabilities[1]).toBeCloseTo(0.4, 6);
    expect(Array.from(classes)).toEqual([1, 2, 1]);
  });

  it('returns the same arrays without a rule, without flags, or with nothing flagged', () => {
    for (const [card, flags] of [[cardFor(tinyConfig()), Uint8Array.from([1, 1, 1])], [ruledCard(), null], [ruledCard(), Uint8Array.from([0, 0, 0])]] as const) {
      const out = applyIrregularRhythmRule(card, probabilities, classes, flags);
      expect(out.probabilities).toBe(probabilities);
      expect(out.classes).toBe(classes);
    }
  });

  it('throws RangeError when the flags do not match the beats', () => {
    expect(() => applyIrregularRhythmRule(ruledCard(), probabilities, classes, Uint8Array.from([1, 0]))).toThrow(RangeError);
  });
});

describe('irregularFlagsFor', () => {
  it('draws the flags from the beats\' own RR features, or takes the ones they carry', () => {
    // ±1 beat: the lone irregular beat is not flagged, the run is.
    const rr = rrWithIrregularity([0, 0, 0, 0.3, 0, 0, 0.3, 0.3, 0.3, 0.3]);
    expect(Array.from(irregularFlagsFor(ruledCard({ ...RULE, smoothingBeats: 1 }), { rr })!)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const given = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(irregularFlagsFor(ruledCard(), { rr, irregular: given })).toBe(given);
    expect(irregularFlagsFor(cardFor(tinyConfig()), { rr })).toBeNull();
  });
});

describe('classifyBeats with the irregular-rhythm rule', () => {
  it('never calls S or F on flagged beats, serves distributions, and keeps the raw outputs when asked', () => {
    const config = tinyConfig();
    const model = buildModel(config, 3);
    const beats = syntheticBeats(40, config.windowLength, 9);
    const plain = classifyBeats({ dir: '', card: cardFor(config), model }, beats);
    // The first half of the beats in a steady rhythm, the second in an irregular one.
    const rr = beats.rr.slice();
    for (let i = 0; i < 40; i++) rr[i * RR_FEATURE_COUNT + RR_COLUMN.rrIrregularity] = i < 20 ? 0 : 0.3;
    const ruled = { dir: '', card: ruledCard({ ...RULE, smoothingBeats: 0 }), model };
    const served = classifyBeats(ruled, { ...beats, rr });
    const raw = classifyBeats(ruled, { ...beats, rr }, { calibrated: false });
    for (let i = 0; i < 40; i++) {
      const row = Array.from(served.probabilities.subarray(i * 5, i * 5 + 5));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (i < 20) {
        expect(served.classes[i]).toBe(plain.classes[i]);
        row.forEach((p, k) => expect(p).toBeCloseTo(plain.probabilities[i * 5 + k]!, 6));
      } else {
        expect([1, 3]).not.toContain(served.classes[i]);
        expect(row[1]).toBe(0);
        expect(row[3]).toBe(0);
        expect(row[0]).toBeCloseTo(plain.probabilities[i * 5]! + plain.probabilities[i * 5 + 1]! + plain.probabilities[i * 5 + 3]!, 5);
      }
    }
    expect(raw.classes).toEqual(served.classes);
    expect(raw.probabilities).toEqual(calibratedProbabilities(cardFor(config), plain.probabilities));
    model.dispose();
  });
});

describe('parseModelCard (irregular rhythm)', () => {
  const text = (rule: unknown): string => JSON.stringify({ ...cardFor(tinyConfig()), irregularRhythm: rule });
  const refusal = (rule: unknown): string => {
    try {
      parseModelCard(text(rule), 'm/model-card.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ModelLoadError);
      return (error as Error).message;
    }
    throw new Error('the card was accepted');
  };

  it('keeps a valid rule', () => {
    expect(parseModelCard(text({ ...RULE, chosenBy: 'out of fold' }), 'm/model-card.json').irregularRhythm).toEqual({ ...RULE, chosenBy: 'out of fold' });
  });

  it.each([
    { what: 'the first class', rule: { ...RULE, notCalled: ['N'] }, says: '"N"' },
    { what: 'an unknown class', rule: { ...RULE, notCalled: ['X'] }, says: '"X"' },
    { what: 'a class twice', rule: { ...RULE, notCalled: ['S', 'S'] }, says: 'twice' },
    { what: 'no class', rule: { ...RULE, notCalled: [] }, says: 'notCalled' },
    { what: 'a zero threshold', rule: { ...RULE, threshold: 0 }, says: 'threshold' },
    { what: 'a fractional window', rule: { ...RULE, smoothingBeats: 2.5 }, says: 'smoothingBeats' },
  ])('refuses a rule naming $what', ({ rule, says }) => {
    expect(refusal(rule)).toContain(says);
  });
});
