import { describe, expect, it } from 'vitest';
import { decodeReview, encodeReview, ReviewFileError, type RecordFingerprint } from '../../../../src/main/review';
import { actorAt, docOf, FS, shownBeats } from './build';

const FINGERPRINT: RecordFingerprint = { headerPath: '/data/100.hea', files: [{ name: '100.hea', size: 10, mtimeMs: 5 }] };
const FILE = '/data/reviews/100-abc.json';

function edited() {
  const doc = docOf('NNVNSNNV', 1, [0.9, 0.5, 0.99, 0.7, 0.6, 0.95, 0.9, 0.4]);
  doc.model = { name: 'm', version: '1', backend: 'cpu' };
  doc.edit({ kind: 'relabel', beatIds: [2, 4], label: 'N' }, actorAt(1));
  doc.edit({ kind: 'add', sample: Math.round(8.5 * FS), label: 'V' }, actorAt(2));
  doc.edit({ kind: 'delete', beatIds: [0] }, actorAt(3));
  doc.edit({ kind: 'relabel-template', templateId: 2, label: 'S' }, actorAt(4));
  doc.undo(actorAt(5));
  return doc;
}

const text = (file: object) => JSON.stringify(file);

describe('encodeReview / decodeReview', () => {
  it('round-trips the beats, the undo and redo stacks, the audit trail and the analysis state', () => {
    const doc = edited();
    const { doc: back, fingerprint, savedAt } = decodeReview(text(encodeReview(doc, FINGERPRINT, new Date(0))), FILE);
    expect(fingerprint).toEqual(FINGERPRINT);
    expect(savedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(shownBeats(back)).toEqual(shownBeats(doc));
    expect(back.history.audit).toEqual(doc.history.audit);
    expect([back.history.undoLabel, back.history.redoLabel]).toEqual([doc.history.undoLabel, doc.history.redoLabel]);
    expect([back.revision, back.analysedSec, back.complete, back.model]).toEqual([doc.revision, doc.analysedSec, true, doc.model]);
    expect(back.store.nextId).toBe(doc.store.nextId);
  });

  it('restores an undo history that undoes and redoes exactly as before saving', () => {
    const doc = edited();
    const { doc: back } = decodeReview(text(encodeReview(doc, FINGERPRINT, new Date(0))), FILE);
    back.redo(actorAt(6));
    doc.redo(actorAt(6));
    expect(shownBeats(back)).toEqual(shownBeats(doc));
    while (doc.history.undoStack.length) {
      doc.undo(actorAt(7));
      back.undo(actorAt(7));
      expect(shownBeats(back)).toEqual(shownBeats(doc));
    }
    expect(shownBeats(back).map((b) => b.label).join('')).toBe('NNVNSNNV');
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(() => decodeReview('{"format": "rhythm-att', FILE)).toThrow(new RegExp(`^${FILE}: not valid JSON`));
  });

  it('refuses another format or version with the field that is wrong', () => {
    const file = encodeReview(edited(), FINGERPRINT, new Date(0));
    expect(() => decodeReview(text({ ...file, version: 2 }), FILE)).toThrow(/not a review file of version 1: version/);
    expect(() => decodeReview(text({ ...file, beats: { ...file.beats, count: -1 } }), FILE)).toThrow(/beats\.count/);
  });

  it('refuses a column whose length does not match the beat count', () => {
    const file = encodeReview(edited(), FINGERPRINT, new Date(0));
    const error = (() => {
      try {
        decodeReview(text({ ...file, beats: { ...file.beats, count: file.beats.count + 1 } }), FILE);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ReviewFileError);
    expect(error).toMatchObject({ code: 'review/corrupt-file', detail: { file: FILE } });
    expect((error as Error).message).toMatch(/beats\.sample holds 36 bytes where 10 values need 40/);
  });

  it('refuses beats out of order, repeated ids and labels that are no class', () => {
    const file = encodeReview(edited(), FINGERPRINT, new Date(0));
    const swap = (column: 'sample' | 'id', a: number, b: number) => {
      const bytes = Buffer.from(file.beats[column], 'base64');
      const values = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      [values[a], values[b]] = [values[b] as number, values[a] as number];
      return { ...file, beats: { ...file.beats, [column]: bytes.toString('base64') } };
    };
    expect(() => decodeReview(text(swap('sample', 0, 1)), FILE)).toThrow(/sample .* out of order/);
    const ids = Buffer.from(file.beats.id, 'base64');
    ids.writeInt32LE(ids.readInt32LE(4), 0);
    expect(() => decodeReview(text({ ...file, beats: { ...file.beats, id: ids.toString('base64') } }), FILE)).toThrow(/id 1 is repeated/);
    const labels = Buffer.from(file.beats.reviewerLabel, 'base64');
    labels[3] = 9;
    expect(() => decodeReview(text({ ...file, beats: { ...file.beats, reviewerLabel: labels.toString('base64') } }), FILE)).toThrow(/reviewer label 9 is not a class/);
  });

  it('refuses an undo history that does not fit the saved beats', () => {
    const file = encodeReview(edited(), FINGERPRINT, new Date(0));
    const lying = { ...file, undo: file.undo.map((e, i) => (i === 0 ? { ...e, after: e.after === 0 ? 1 : 0 } : e)) };
    expect(() => decodeReview(text(lying), FILE)).toThrow(/undo\[0\] does not match the beats/);
    const unknown = { ...file, redo: file.redo.map((e) => ({ ...e, ids: Buffer.from(Int32Array.of(999).buffer).toString('base64'), before: 'AA==' })) };
    expect(() => decodeReview(text(unknown), FILE)).toThrow(/redo\[0\]: beat id 999 is not in the review/);
  });

  it('refuses an audit trail whose sequence numbers go back', () => {
    const file = encodeReview(edited(), FINGERPRINT, new Date(0));
    const audit = [...file.audit];
    audit[2] = { ...(audit[2] as (typeof audit)[number]), seq: 1 };
    expect(() => decodeReview(text({ ...file, audit }), FILE)).toThrow(/audit\[2\]: sequence number 1/);
  });
});
