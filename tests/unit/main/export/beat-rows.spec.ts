import { describe, expect, it } from 'vitest';
import { beatReview, beatRows, lastEdits } from '../../../../src/main/export';
import { actorAt, docOf, FS, shownBeats } from '../review/build';

describe('beatReview', () => {
  it('tells an untouched, a confirmed, a relabelled and an added beat apart', () => {
    expect(beatReview({ label: 'N', predicted: 'N', reviewed: false, added: false })).toBe('');
    expect(beatReview({ label: 'V', predicted: 'V', reviewed: true, added: false })).toBe('confirmed');
    expect(beatReview({ label: 'N', predicted: 'V', reviewed: true, added: false })).toBe('relabelled');
    expect(beatReview({ label: 'S', predicted: null, reviewed: true, added: true })).toBe('added');
  });
});

describe('beatRows', () => {
  it('lists the shown beats in time order with their editors, without deleted beats', () => {
    const doc = docOf('NNVNN');
    const [a, b, c, d] = shownBeats(doc).map((x) => x.id) as [number, number, number, number];
    doc.edit({ kind: 'relabel', beatIds: [a], label: 'S' }, actorAt(1, 'Ann'));
    doc.edit({ kind: 'relabel', beatIds: [c], label: 'V' }, actorAt(2, 'Bob'));
    doc.edit({ kind: 'delete', beatIds: [b] }, actorAt(3, 'Cy'));
    const [added] = doc.edit({ kind: 'add', sample: Math.round(4.5 * FS), label: 'F' }, actorAt(4, 'Dee'));
    const rows = beatRows(shownBeats(doc), lastEdits(doc.history.audit, doc.history.undoStack));
    expect(rows.map((r) => r.id)).toEqual([a, c, d, added, (shownBeats(doc)[4] as { id: number }).id]);
    expect(rows.map((r) => r.sample)).toEqual([...rows.map((r) => r.sample)].sort((x, y) => x - y));
    expect(rows[0]).toMatchObject({ label: 'S', predicted: 'N', review: 'relabelled', editedBy: 'Ann', clock: '00:00:01.000', timeSec: 1 });
    expect(rows[1]).toMatchObject({ label: 'V', predicted: 'V', review: 'confirmed', editedBy: 'Bob', editedAt: '2025-01-01T00:00:02.000Z' });
    expect(rows[2]).toMatchObject({ id: d, review: '', editedBy: null, editedAt: null, reviewed: false });
    expect(rows[3]).toMatchObject({ label: 'F', predicted: null, confidence: null, added: true, review: 'added', editedBy: 'Dee', clock: '00:00:04.500' });
  });

  it('gives no editor to a beat the reviewer did not touch, whatever the edits say', () => {
    const doc = docOf('NN');
    const [a] = shownBeats(doc).map((x) => x.id) as [number];
    const rows = beatRows(shownBeats(doc), new Map([[a, { action: 'relabel', reviewer: 'Ghost', at: 'x' }]]));
    expect(rows[0]?.editedBy).toBeNull();
  });
});
