import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEAT_LABELS, type BeatLabel } from '../../../../src/shared/review';
import { lastEdits } from '../../../../src/main/export';
import { AUDIT_MAX_IDS, ReviewDocument } from '../../../../src/main/review';
import { actorAt, chunkOf, docOf, FS, shownBeats } from '../review/build';

const ids = (doc: ReviewDocument) => shownBeats(doc).map((b) => b.id);

describe('lastEdits', () => {
  it('names the reviewer and time of the last edit of each beat', () => {
    const doc = docOf('NNVNN');
    const [a, b, c] = ids(doc) as [number, number, number];
    doc.edit({ kind: 'relabel', beatIds: [a, b], label: 'V' }, actorAt(1, 'Ann'));
    doc.edit({ kind: 'relabel', beatIds: [b], label: 'S' }, actorAt(2, 'Bob'));
    doc.edit({ kind: 'delete', beatIds: [c] }, actorAt(3, 'Cy'));
    const edits = lastEdits(doc.history.audit, doc.history.undoStack);
    expect(edits.get(a)).toEqual({ action: 'relabel', reviewer: 'Ann', at: '2025-01-01T00:00:01.000Z' });
    expect(edits.get(b)).toEqual({ action: 'relabel', reviewer: 'Bob', at: '2025-01-01T00:00:02.000Z' });
    expect(edits.get(c)).toMatchObject({ action: 'delete', reviewer: 'Cy' });
    expect(edits.size).toBe(3);
  });

  it('gives an undone edit back to the edit before it, and a redone one to its own reviewer', () => {
    const doc = docOf('NNN');
    const [a] = ids(doc) as [number];
    doc.edit({ kind: 'relabel', beatIds: [a], label: 'V' }, actorAt(1, 'Ann'));
    doc.edit({ kind: 'relabel', beatIds: [a], label: 'F' }, actorAt(2, 'Bob'));
    doc.undo(actorAt(3, 'Cy'));
    expect(lastEdits(doc.history.audit, doc.history.undoStack).get(a)?.reviewer).toBe('Ann');
    doc.redo(actorAt(4, 'Dee'));
    expect(lastEdits(doc.history.audit, doc.history.undoStack).get(a)).toEqual({ action: 'relabel', reviewer: 'Bob', at: '2025-01-01T00:00:02.000Z' });
    doc.undo(actorAt(5, 'Cy'));
    doc.undo(actorAt(6, 'Cy'));
    expect(lastEdits(doc.history.audit, doc.history.undoStack).has(a)).toBe(false);
  });

  it('drops undone edits from the redo stack when a new edit follows', () => {
    const doc = docOf('NNN');
    const [a, b] = ids(doc) as [number, number];
    doc.edit({ kind: 'relabel', beatIds: [a], label: 'V' }, actorAt(1, 'Ann'));
    doc.undo(actorAt(2, 'Ann'));
    doc.edit({ kind: 'relabel', beatIds: [b], label: 'S' }, actorAt(3, 'Bob'));
    const edits = lastEdits(doc.history.audit, doc.history.undoStack);
    expect(edits.has(a)).toBe(false);
    expect(edits.get(b)?.reviewer).toBe('Bob');
  });

  it('takes the full beat list of a large edit from the undo stack when the audit line is cut', () => {
    const n = AUDIT_MAX_IDS + 200;
    const doc = docOf('N'.repeat(n), 0.5);
    doc.edit({ kind: 'relabel-template', templateId: 0, label: 'S' }, actorAt(1, 'Ann'));
    expect(doc.history.audit[0]?.beatIds).toHaveLength(AUDIT_MAX_IDS);
    const all = ids(doc);
    const full = lastEdits(doc.history.audit, doc.history.undoStack);
    expect(all.every((id) => full.get(id)?.reviewer === 'Ann')).toBe(true);
    // From the audit trail alone only the listed beats are known.
    expect(lastEdits(doc.history.audit, []).size).toBe(AUDIT_MAX_IDS);
  });

  it('falls back to the audit ids when the undo stack does not match the trail', () => {
    const doc = docOf('NNN');
    const [a] = ids(doc) as [number];
    doc.edit({ kind: 'relabel', beatIds: [a], label: 'V' }, actorAt(1, 'Ann'));
    const foreign = [{ action: 'delete', change: { ids: Int32Array.of(99, 98) } }];
    const edits = lastEdits(doc.history.audit, foreign);
    expect([...edits.keys()]).toEqual([a]);
  });

  it('agrees with a replay of whole editor snapshots over random edits, undos and redos', () => {
    type Op = { kind: 'relabel'; pick: number; label: BeatLabel } | { kind: 'delete'; pick: number } | { kind: 'add'; at: number } | { kind: 'undo' } | { kind: 'redo' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.constantFrom(...BEAT_LABELS) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 20 * FS }) }),
      fc.constant({ kind: 'undo' as const }),
      fc.constant({ kind: 'redo' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const doc = new ReviewDocument(FS);
        doc.appendChunk(chunkOf(Array.from({ length: 20 }, (_, i) => (i + 1) * FS), 'N'.repeat(20)));
        doc.complete = true;
        // The oracle: the editor of every beat after each step, as whole snapshots.
        let current = new Map<number, string>();
        const undone: Map<number, string>[] = [];
        const done: Map<number, string>[] = [];
        ops.forEach((o, step) => {
          const who = `R${step}`;
          const actor = actorAt(step, who);
          const shown = ids(doc);
          try {
            if (o.kind === 'undo') {
              doc.undo(actor);
              undone.push(current);
              current = done.pop() as Map<number, string>;
            } else if (o.kind === 'redo') {
              doc.redo(actor);
              done.push(current);
              current = undone.pop() as Map<number, string>;
            } else {
              const touched =
                o.kind === 'add'
                  ? doc.edit({ kind: 'add', sample: o.at, label: 'S' }, actor)
                  : doc.edit(o.kind === 'delete' ? { kind: 'delete', beatIds: [shown[o.pick % shown.length] ?? -1] } : { kind: 'relabel', beatIds: [shown[o.pick % shown.length] ?? -1], label: o.label }, actor);
              done.push(current);
              undone.length = 0;
              current = new Map(current);
              for (const id of touched) current.set(id, who);
            }
          } catch {
            // A refused edit (nothing to undo, a beat too close) changes nothing.
          }
        });
        const edits = lastEdits(doc.history.audit, doc.history.undoStack);
        for (const beat of shownBeats(doc)) {
          expect(edits.get(beat.id)?.reviewer).toBe(current.get(beat.id));
        }
      }),
      { numRuns: 150 },
    );
  });
});
