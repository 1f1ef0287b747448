import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEAT_LABELS, type BeatLabel, type ReviewEdit } from '../../../../src/shared/review';
import { ReviewDocument, MAX_UNDO } from '../../../../src/main/review';
import { actorAt, chunkOf, docOf, FS, shownBeats } from './build';

const label = fc.constantFrom(...BEAT_LABELS);

/** An operation: an edit built from the shown beats at the time, or an undo/redo. */
type Op =
  | { kind: 'relabel'; picks: number[]; label: BeatLabel }
  | { kind: 'relabel-template'; template: number; label: BeatLabel }
  | { kind: 'add'; at: number; label: BeatLabel }
  | { kind: 'delete'; picks: number[] }
  | { kind: 'undo' }
  | { kind: 'redo' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('relabel' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), label }),
  fc.record({ kind: fc.constant('relabel-template' as const), template: fc.integer({ min: 0, max: 3 }), label }),
  fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 60 * FS }), label }),
  fc.record({ kind: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);

const initial = fc
  .array(fc.record({ gap: fc.integer({ min: 40, max: 900 }), label, confidence: fc.double({ min: 0.3, max: 1, noNaN: true }), template: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 40 })
  .map((beats) => {
    let sample = 0;
    const samples = beats.map((b) => (sample += b.gap));
    return { samples, beats };
  });

function build({ samples, beats }: { samples: number[]; beats: { label: BeatLabel; confidence: number; template: number }[] }): ReviewDocument {
  const doc = new ReviewDocument(FS);
  doc.appendChunk(chunkOf(samples, beats.map((b) => b.label), { confidences: beats.map((b) => b.confidence), templates: beats.map((b) => b.template) }));
  doc.complete = true;
  return doc;
}

function toEdit(doc: ReviewDocument, o: Op): ReviewEdit | null {
  const ids = shownBeats(doc).map((b) => b.id);
  const pick = (picks: number[]) => picks.map((p) => ids[p % Math.max(1, ids.length)]).filter((id): id is number => id !== undefined);
  switch (o.kind) {
    case 'relabel':
      return ids.length ? { kind: 'relabel', beatIds: pick(o.picks), label: o.label } : null;
    case 'delete':
      return ids.length ? { kind: 'delete', beatIds: pick(o.picks) } : null;
    case 'relabel-template':
      return { kind: 'relabel-template', templateId: o.template, label: o.label };
    case 'add':
      return { kind: 'add', sample: o.at, label: o.label };
    default:
      return null;
  }
}

/** Applies `o`; false when it was refused (and then nothing may have changed). */
function applyOp(doc: ReviewDocument, o: Op, second: number): boolean {
  try {
    if (o.kind === 'undo') doc.undo(actorAt(second));
    else if (o.kind === 'redo') doc.redo(actorAt(second));
    else {
      const edit = toEdit(doc, o);
      if (!edit) return false;
      doc.edit(edit, actorAt(second));
    }
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'review/invalid-edit' });
    return false;
  }
}

describe('ReviewDocument.edit', () => {
  it('is undone exactly by undo and redone exactly by redo, for any edit on any review', () => {
    fc.assert(
      fc.property(initial, fc.array(op, { maxLength: 25 }), (start, ops) => {
        const doc = build(start);
        const first = JSON.stringify(shownBeats(doc));
        let edits = 0;
        ops.forEach((o, i) => {
          const before = JSON.stringify(shownBeats(doc));
          const auditBefore = doc.history.audit.length;
          const applied = applyOp(doc, o, i);
          if (!applied) {
            expect(JSON.stringify(shownBeats(doc))).toBe(before);
            expect(doc.history.audit.length).toBe(auditBefore);
            return;
          }
          expect(doc.history.audit.length).toBe(auditBefore + 1);
          if (o.kind === 'undo' || o.kind === 'redo') return;
          edits++;
          const after = JSON.stringify(shownBeats(doc));
          doc.undo(actorAt(i));
          expect(JSON.stringify(shownBeats(doc))).toBe(before);
          doc.redo(actorAt(i));
          expect(JSON.stringify(shownBeats(doc))).toBe(after);
        });
        while (doc.history.undoStack.length > 0) doc.undo(actorAt(99));
        if (edits <= MAX_UNDO) expect(JSON.stringify(shownBeats(doc))).toBe(first);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a beat id that is not in the review, naming it', () => {
    const doc = docOf('NNV');
    expect(() => doc.edit({ kind: 'relabel', beatIds: [7], label: 'N' }, actorAt())).toThrow(/Beat 7 is not in the review/);
    doc.edit({ kind: 'delete', beatIds: [1] }, actorAt());
    expect(() => doc.edit({ kind: 'delete', beatIds: [1] }, actorAt())).toThrow(/Beat 1 .*deleted/);
  });

  it('refuses to add a beat on top of a shown beat, and past the analysed part while the analysis runs', () => {
    const doc = docOf('NN');
    expect(() => doc.edit({ kind: 'add', sample: FS + 5, label: 'V' }, actorAt())).toThrow(/beat 0 at 00:00:01.000 is already there/);
    doc.complete = false;
    doc.analysedSec = 2.5;
    expect(() => doc.edit({ kind: 'add', sample: 3 * FS, label: 'V' }, actorAt())).toThrow(/not reached that time/);
    expect(doc.edit({ kind: 'add', sample: 1.5 * FS, label: 'V' }, actorAt())).toEqual([2]);
  });

  it('relabels every shown beat of a template at once', () => {
    const doc = new ReviewDocument(FS);
    doc.appendChunk(chunkOf([100, 500, 900, 1300], 'VNVV', { templates: [4, 0, 4, 4] }));
    doc.edit({ kind: 'delete', beatIds: [3] }, actorAt());
    expect(doc.edit({ kind: 'relabel-template', templateId: 4, label: 'N' }, actorAt(1))).toEqual([0, 2]);
    expect(shownBeats(doc).map((b) => b.label).join('')).toBe('NNN');
  });

  it('gives an added beat no prediction, confidence or template, and marks it reviewed', () => {
    const doc = docOf('NN');
    const [id] = doc.edit({ kind: 'add', sample: 540, label: 'S' }, actorAt());
    expect(doc.beatById(id as number)).toMatchObject({ sample: 540, label: 'S', predicted: null, confidence: null, templateId: null, added: true, reviewed: true, flagged: true });
  });
});

describe('EditHistory (audit trail)', () => {
  it('records who, when and what for each edit, undo and redo, in order', () => {
    const doc = new ReviewDocument(FS);
    doc.appendChunk(chunkOf([723.5 * FS], 'V'));
    doc.complete = true;
    doc.edit({ kind: 'relabel', beatIds: [0], label: 'N' }, actorAt(1, 'Ann'));
    doc.undo(actorAt(2, 'Bob'));
    doc.redo(actorAt(3, 'Ann'));
    const audit = doc.history.audit;
    expect(audit.map((a) => [a.seq, a.reviewer, a.at, a.action])).toEqual([
      [1, 'Ann', '2025-01-01T00:00:01.000Z', 'relabel'],
      [2, 'Bob', '2025-01-01T00:00:02.000Z', 'undo'],
      [3, 'Ann', '2025-01-01T00:00:03.000Z', 'redo'],
    ]);
    expect(audit[0]?.description).toBe('relabelled 1 beat at 00:12:03.500 from V to N');
    expect(audit[1]?.description).toBe('undid: relabelled 1 beat at 00:12:03.500 from V to N');
    expect(audit[0]).toMatchObject({ beatCount: 1, beatIds: [0] });
    expect(doc.history.undoLabel).toBe('relabel 1 beat V → N');
  });

  it('describes several beats, adds, deletes and templates with counts', () => {
    const doc = docOf('VVS');
    doc.edit({ kind: 'relabel', beatIds: [2, 0, 1], label: 'N' }, actorAt());
    doc.edit({ kind: 'delete', beatIds: [1] }, actorAt());
    doc.edit({ kind: 'add', sample: 5 * FS, label: 'V' }, actorAt());
    doc.edit({ kind: 'relabel-template', templateId: 2, label: 'S' }, actorAt());
    expect(doc.history.audit.map((a) => a.description)).toEqual([
      'relabelled 3 beats from 00:00:01.000 to 00:00:03.000 from V (2), S (1) to N',
      'deleted 1 beat at 00:00:02.000 (N)',
      'added a V beat at 00:00:05.000',
      'relabelled template 2 (1 beat) from N to S',
    ]);
    expect(doc.history.undoLabel).toBe('relabel template 2 (1 beat) → S');
  });

  it('says there is nothing to undo or redo on a fresh review', () => {
    const doc = docOf('N');
    expect(() => doc.undo(actorAt())).toThrow(/nothing to undo/);
    expect(() => doc.redo(actorAt())).toThrow(/nothing to redo/);
  });

  it('clears the redo stack when a new edit follows an undo', () => {
    const doc = docOf('VV');
    doc.edit({ kind: 'relabel', beatIds: [0], label: 'N' }, actorAt());
    doc.undo(actorAt());
    doc.edit({ kind: 'relabel', beatIds: [1], label: 'N' }, actorAt());
    expect(doc.history.redoStack).toHaveLength(0);
  });
});
