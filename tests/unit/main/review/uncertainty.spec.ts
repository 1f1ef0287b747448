/**
 * The review's uncertainty column: values from the uncertainty pass stored on the model
 * beats, ReviewBeat.uncertainty (value, else 1 − confidence, null for an added beat), how
 * far the pass got, the 'uncertainty' order of the flagged list, and the column in the
 * review file (optional: files saved before it still load).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEAT_LABELS } from '../../../../src/shared/review';
import { decodeReview, encodeReview, ReviewDocument } from '../../../../src/main/review';
import { applyUncertainty, uncertaintyAt, uncertaintyProgress } from '../../../../src/main/review/uncertainty';
import { actorAt, chunkOf, docOf, FS, shownBeats } from './build';

const FINGERPRINT = { headerPath: '/data/100.hea', files: [{ name: '100.hea', size: 10, mtimeMs: 1 }] };

/** Values for the beats at `samples` (a chunk of the pass). */
const valuesAt = (samples: readonly number[], values: readonly number[]) => ({ samples: Int32Array.from(samples), values: Float32Array.from(values) });

describe('applyUncertainty', () => {
  it('stores each value on the model beat at its sample and skips samples with no model beat', () => {
    const doc = docOf('NNVN');
    doc.edit({ kind: 'add', sample: 2.5 * FS, label: 'S' }, actorAt()); // no model output: never gets a value
    const set = applyUncertainty(doc.store, valuesAt([FS, 2 * FS, 2.5 * FS, 2.7 * FS, 3 * FS], [0.1, 0.2, 0.9, 0.9, 1.7]));
    expect(set).toBe(3);
    const byId = new Map(shownBeats(doc).map((b) => [b.id, b]));
    expect(byId.get(0)?.uncertainty).toBeCloseTo(0.1, 6);
    expect(byId.get(1)?.uncertainty).toBeCloseTo(0.2, 6);
    expect(byId.get(2)?.uncertainty).toBe(1); // clamped
    expect(byId.get(4)?.uncertainty).toBeNull(); // the added beat
  });
});

describe('uncertaintyAt', () => {
  it('gives 1 − confidence until the pass reaches a beat, then its value', () => {
    const doc = docOf('NV', 1, [0.7, 0.95]);
    expect(uncertaintyAt(doc.store, 0)).toBeCloseTo(0.3, 6);
    doc.appendUncertainty(valuesAt([FS], [0.42]));
    expect(uncertaintyAt(doc.store, 0)).toBeCloseTo(0.42, 6);
    expect(uncertaintyAt(doc.store, 1)).toBeCloseTo(0.05, 6);
  });
});

describe('uncertaintyProgress', () => {
  it('counts the model beats reached and names the first one not reached', () => {
    const doc = docOf('NNNN');
    doc.edit({ kind: 'add', sample: Math.round(0.5 * FS), label: 'V' }, actorAt());
    expect(uncertaintyProgress(doc.store)).toEqual({ modelBeats: 4, reached: 0, nextSample: FS });
    doc.appendUncertainty(valuesAt([FS, 2 * FS], [0.1, 0.2]));
    expect(doc.uncertaintyProgress).toEqual({ modelBeats: 4, reached: 2, nextSample: 3 * FS });
    doc.appendUncertainty(valuesAt([3 * FS, 4 * FS], [0.3, 0.4]));
    expect(doc.uncertaintyProgress).toEqual({ modelBeats: 4, reached: 4, nextSample: null });
  });
});

describe('ReviewDocument.flagged (uncertainty order)', () => {
  const reviewArb = fc
    .array(
      fc.record({
        label: fc.constantFrom(...BEAT_LABELS),
        confidence: fc.double({ min: 0.3, max: 1, noNaN: true }),
        // Some beats reached by the pass (a value), some not (NaN), some with equal values.
        value: fc.option(fc.constantFrom(0, 0.25, 0.5, 0.125, 0.75), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((beats) => {
      const doc = new ReviewDocument(FS);
      const samples = beats.map((_, i) => (i + 1) * 300);
      doc.appendChunk(chunkOf(samples, beats.map((b) => b.label), { confidences: beats.map((b) => b.confidence) }));
      doc.complete = true;
      const reached = beats.flatMap((b, i) => (b.value === undefined ? [] : [i]));
      doc.appendUncertainty(valuesAt(reached.map((i) => samples[i]!), reached.map((i) => beats[i]!.value!)));
      doc.edit({ kind: 'add', sample: 150, label: 'V' }, actorAt());
      return doc;
    });

  it('lists the same beats as the time order, most uncertain first, ties by time, added beats last', () => {
    fc.assert(
      fc.property(reviewArb, fc.double({ min: 0.5, max: 0.99, noNaN: true }), (doc, threshold) => {
        const filter = { confidenceThreshold: threshold };
        const byTime = doc.flagged(filter, 'time', 0, 1000).beats;
        const byUncertainty = doc.flagged(filter, 'uncertainty', 0, 1000).beats;
        expect(new Set(byUncertainty.map((b) => b.id))).toEqual(new Set(byTime.map((b) => b.id)));
        const expected = [...byTime].sort((a, b) => {
          if (a.uncertainty === null || b.uncertainty === null) return a.uncertainty === null ? (b.uncertainty === null ? a.timeSec - b.timeSec : 1) : -1;
          return b.uncertainty - a.uncertainty || a.timeSec - b.timeSec;
        });
        expect(byUncertainty.map((b) => b.id)).toEqual(expected.map((b) => b.id));
      }),
      { numRuns: 200 },
    );
  });

  it('follows the values as the pass sends them', () => {
    const doc = docOf('VVV', 1, [0.9, 0.6, 0.8]);
    expect(doc.flagged({}, 'uncertainty', 0, 10).beats.map((b) => b.id)).toEqual([1, 2, 0]);
    doc.appendUncertainty(valuesAt([FS, 3 * FS], [0.5, 0.01]));
    expect(doc.flagged({}, 'uncertainty', 0, 10).beats.map((b) => b.id)).toEqual([0, 1, 2]);
  });
});

describe('encodeReview / decodeReview (uncertainty column)', () => {
  it('round-trips the values, NaN (not reached) included', () => {
    const doc = docOf('NNVN');
    doc.appendUncertainty(valuesAt([FS, 3 * FS], [0.125, 0.5]));
    const text = JSON.stringify(encodeReview(doc, FINGERPRINT, new Date(0)));
    const back = decodeReview(text, 'r.json').doc;
    expect(shownBeats(back).map((b) => b.uncertainty)).toEqual(shownBeats(doc).map((b) => b.uncertainty));
    expect(Array.from(back.store.columns.uncertainty.subarray(0, 4))).toEqual([0.125, Number.NaN, 0.5, Number.NaN]);
    expect(back.uncertaintyProgress).toEqual({ modelBeats: 4, reached: 2, nextSample: 2 * FS });
  });

  it('reads a file saved without the column as a pass not started', () => {
    const doc = docOf('NNV', 1, [0.9, 0.6, 0.8]);
    doc.appendUncertainty(valuesAt([FS], [0.3]));
    const saved = encodeReview(doc, FINGERPRINT, new Date(0));
    const { uncertainty: _dropped, ...older } = saved.beats;
    const back = decodeReview(JSON.stringify({ ...saved, beats: older }), 'old.json').doc;
    expect(back.uncertaintyProgress).toEqual({ modelBeats: 3, reached: 0, nextSample: FS });
    expect(shownBeats(back).map((b) => b.uncertainty?.toFixed(3))).toEqual(['0.100', '0.400', '0.200']);
  });

  it('refuses a value outside 0 … 1 or one on an added beat, naming the beat', () => {
    const doc = docOf('NN');
    doc.edit({ kind: 'add', sample: Math.round(1.5 * FS), label: 'V' }, actorAt());
    const saved = encodeReview(doc, FINGERPRINT, new Date(0));
    const withValues = (values: number[]) =>
      JSON.stringify({ ...saved, beats: { ...saved.beats, uncertainty: Buffer.from(Float32Array.from(values).buffer).toString('base64') } });
    expect(() => decodeReview(withValues([0.2, Number.NaN, 1.5]), 'r.json')).toThrow(/r\.json: beat 2 \(id 1\): uncertainty 1\.5/);
    expect(() => decodeReview(withValues([0.2, 0.1, 0.3]), 'r.json')).toThrow(/r\.json: beat 1 \(id 2\): an added beat/);
  });
});
