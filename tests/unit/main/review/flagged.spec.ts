import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEAT_LABELS, type FlaggedFilter, type ReviewBeat } from '../../../../src/shared/review';
import { ReviewDocument } from '../../../../src/main/review';
import { actorAt, chunkOf, docOf, FS, shownBeats } from './build';

/** The contract's rule, written out on the plain beats: the reference the fast code must match. */
function expectedFlagged(beats: ReviewBeat[], filter: FlaggedFilter): ReviewBeat[] {
  const threshold = filter.confidenceThreshold ?? 0.8;
  return beats.filter((b) => {
    const flagged = b.label !== 'N' || (!b.reviewed && b.confidence !== null && b.confidence < threshold);
    if (!flagged) return false;
    if (filter.labels && !filter.labels.includes(b.label)) return false;
    if (filter.unreviewedOnly && b.reviewed) return false;
    if (filter.maxConfidence !== undefined && b.confidence !== null && b.confidence > filter.maxConfidence) return false;
    return true;
  });
}

const filterArb: fc.Arbitrary<FlaggedFilter> = fc.record(
  {
    labels: fc.subarray([...BEAT_LABELS]),
    maxConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
    confidenceThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
    unreviewedOnly: fc.boolean(),
  },
  { requiredKeys: [] },
);

const reviewArb = fc
  .array(fc.record({ label: fc.constantFrom(...BEAT_LABELS), confidence: fc.double({ min: 0.3, max: 1, noNaN: true }), relabel: fc.option(fc.constantFrom(...BEAT_LABELS)), del: fc.boolean() }), { minLength: 1, maxLength: 60 })
  .map((beats) => {
    const doc = new ReviewDocument(FS);
    doc.appendChunk(chunkOf(beats.map((_, i) => (i + 1) * 300), beats.map((b) => b.label), { confidences: beats.map((b) => b.confidence) }));
    doc.complete = true;
    beats.forEach((b, id) => {
      if (b.relabel) doc.edit({ kind: 'relabel', beatIds: [id], label: b.relabel }, actorAt());
    });
    const deleted = beats.flatMap((b, id) => (b.del ? [id] : []));
    if (deleted.length) doc.edit({ kind: 'delete', beatIds: deleted }, actorAt());
    doc.edit({ kind: 'add', sample: 150, label: 'V' }, actorAt());
    return doc;
  });

describe('ReviewDocument.flagged', () => {
  it('lists exactly the beats the contract flags, for any filter, in time or confidence order', () => {
    fc.assert(
      fc.property(reviewArb, filterArb, fc.constantFrom('time' as const, 'confidence' as const), (doc, filter, sort) => {
        const expected = expectedFlagged(shownBeats(doc), filter);
        const page = doc.flagged(filter, sort, 0, 1000);
        expect(page.total).toBe(expected.length);
        expect(new Set(page.beats.map((b) => b.id))).toEqual(new Set(expected.map((b) => b.id)));
        expect(page.beats.every((b) => b.flagged)).toBe(true);
        const keys = page.beats.map((b) => (sort === 'time' ? b.timeSec : (b.confidence ?? 2)));
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('pages through the list without gaps or repeats', () => {
    const doc = docOf('VSVFQVVSQV', 1, [0.9, 0.8, 0.5, 0.99, 0.6, 0.7, 0.95, 0.4, 0.85, 0.9]);
    const all = doc.flagged({}, 'confidence', 0, 1000).beats.map((b) => b.id);
    const paged = [0, 3, 6, 9].flatMap((offset) => doc.flagged({}, 'confidence', offset, 3).beats.map((b) => b.id));
    expect(paged).toEqual(all);
    expect(all.slice(0, 3)).toEqual([7, 2, 4]);
  });

  it('flags a confident N beat only when the threshold is raised above its confidence', () => {
    const doc = docOf('N', 1, [0.85]);
    expect(doc.flagged({}, 'time', 0, 10).total).toBe(0);
    expect(doc.flagged({ confidenceThreshold: 0.9 }, 'time', 0, 10).total).toBe(1);
  });

  it('stops flagging a doubtful N beat once the reviewer confirms it, but keeps flagging a confirmed V', () => {
    const doc = docOf('NV', 1, [0.5, 0.99]);
    doc.edit({ kind: 'relabel', beatIds: [0], label: 'N' }, actorAt());
    doc.edit({ kind: 'relabel', beatIds: [1], label: 'V' }, actorAt());
    expect(doc.flagged({}, 'time', 0, 10).beats.map((b) => b.id)).toEqual([1]);
    expect(doc.flagged({ unreviewedOnly: true }, 'time', 0, 10).total).toBe(0);
  });
});

describe('ReviewDocument.step', () => {
  it('goes to the next and previous flagged beat strictly after or before a time', () => {
    const doc = docOf('NVNNSNV');
    expect(doc.step({}, 0, 1)?.id).toBe(1);
    expect(doc.step({}, 2, 1)?.id).toBe(4);
    expect(doc.step({}, 5, 1)?.id).toBe(6);
    expect(doc.step({}, 7, 1)).toBeNull();
    expect(doc.step({}, 7, -1)?.id).toBe(4);
    expect(doc.step({}, 2.5, -1)?.id).toBe(1);
    expect(doc.step({}, 2.5, -1)?.timeSec).toBe(2);
    expect(doc.step({}, 2, -1)).toBeNull();
    expect(doc.step({ labels: ['V'] }, 2, 1)?.id).toBe(6);
  });

  it('finds the same beat as the flagged list for any start time and direction', () => {
    fc.assert(
      fc.property(reviewArb, filterArb, fc.double({ min: -1, max: 20, noNaN: true }), fc.constantFrom(1 as const, -1 as const), (doc, filter, fromSec, direction) => {
        const list = expectedFlagged(shownBeats(doc), filter);
        const expected = direction === 1 ? list.find((b) => b.timeSec > fromSec) : list.filter((b) => b.timeSec < fromSec).pop();
        expect(doc.step(filter, fromSec, direction)?.id ?? null).toBe(expected?.id ?? null);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ReviewDocument.beatsInRange', () => {
  it('returns the shown beats with start ≤ time < end', () => {
    const doc = docOf('NNNNN');
    doc.edit({ kind: 'delete', beatIds: [2] }, actorAt());
    expect(doc.beatsInRange(2, 5).map((b) => b.timeSec)).toEqual([2, 4]);
    expect(doc.beatsInRange(2.0001, 4).map((b) => b.id)).toEqual([]);
  });
});
