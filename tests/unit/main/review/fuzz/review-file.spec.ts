/**
 * Random damage to a saved review (fast-check): reading it gives the review exactly as saved
 * or a ReviewFileError naming the file — never another exception, a hang, or a review that
 * differs from what was saved (silent damage). The sealed file's checksum is what makes the
 * last one hold; an unsealed (older) file is only held to "typed error or a consistent review".
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReview, encodeReview, readReviewFile, ReviewFileError, ReviewStore, saveReview } from '../../../../../src/main/review';
import { mutate, mutation } from '../../../../support/mutations';
import { useTempDir } from '../../../../support/temp-dir';
import { actorAt, chunkOf, docOf, FS } from '../build';
import { FINGERPRINT, storeOptions, view } from '../review-store-helpers';

const tempDir = useTempDir('ra-review-fuzz-', 'suite');

/** A review with edits, undo and redo stacks and an audit trail. */
function editedDoc() {
  const doc = docOf('NNVNNSNNVN');
  doc.edit({ kind: 'relabel', beatIds: [2, 8], label: 'N' }, actorAt(1));
  doc.edit({ kind: 'delete', beatIds: [5] }, actorAt(2));
  doc.edit({ kind: 'add', sample: Math.round(5.5 * FS), label: 'V' }, actorAt(3));
  doc.undo(actorAt(4));
  return doc;
}

describe('readReviewFile on a randomly damaged sealed file', () => {
  it('gives the saved review or a ReviewFileError naming the file, whatever the damage', { timeout: 60_000 }, async () => {
    const doc = editedDoc();
    const path = join(tempDir(), 'sealed.json');
    await saveReview(path, doc, FINGERPRINT, new Date(0), 3);
    const original = await readFile(path);
    const expected = view(doc);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const damaged = mutate(original, mutations);
        await writeFile(path, damaged);
        const read = await readReviewFile(path, FINGERPRINT, FS);
        if (read.kind === 'ok') {
          // Only a mutation that left the bytes as they were may read back.
          expect(damaged.equals(original)).toBe(true);
          expect(view(read.doc)).toEqual(expected);
          return;
        }
        refused++;
        expect(read.kind).toBe('bad');
        if (read.kind === 'bad') expect(read.error.message.startsWith(`${path}: `)).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(300);
  });
});

describe('decodeReview on a randomly damaged unsealed body', () => {
  it('throws only ReviewFileError, and whatever it accepts passes every consistency check', { timeout: 60_000 }, () => {
    const body = Buffer.from(JSON.stringify(encodeReview(editedDoc(), FINGERPRINT, new Date(0))));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutate(body, mutations).toString('utf8');
        try {
          const { doc } = decodeReview(text, 'body.json');
          // Accepted: it must behave (queries answer, undo/redo stacks replay).
          expect(() => view(doc)).not.toThrow();
        } catch (error) {
          if (!(error instanceof ReviewFileError)) throw error;
          expect(error.message.startsWith('body.json: ')).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a count or nextId too large to allocate with a ReviewFileError, not a RangeError', () => {
    const file = encodeReview(editedDoc(), FINGERPRINT, new Date(0));
    for (const beats of [{ ...file.beats, count: 1e12 }, { ...file.beats, nextId: 1e12 }]) {
      expect(() => decodeReview(JSON.stringify({ ...file, beats }), 'big.json')).toThrow(ReviewFileError);
    }
  });
});

describe('ReviewStore.open on random damage to the snapshot, the good copy and the journal', () => {
  it('always opens, and reports damage in error rather than losing it silently', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const path = join(dir, 'r.json');
    const { store, opened } = await ReviewStore.open(storeOptions(path));
    const doc = opened.doc;
    doc.appendChunk(chunkOf([360, 720, 1080], 'NNN'));
    await store.save(doc, new Date(0));
    doc.edit({ kind: 'relabel', beatIds: [1], label: 'V' }, actorAt(1));
    store.record({ op: 'edit', edit: { kind: 'relabel', beatIds: [1], label: 'V' }, reviewer: 'Dr Test', at: actorAt(1).at.toISOString(), audit: { seq: 1, description: doc.history.audit[0]?.description ?? '' } }, true);
    await store.save(doc, new Date(1));
    doc.edit({ kind: 'delete', beatIds: [2] }, actorAt(2));
    store.record({ op: 'edit', edit: { kind: 'delete', beatIds: [2] }, reviewer: 'Dr Test', at: actorAt(2).at.toISOString(), audit: { seq: 2, description: doc.history.audit[1]?.description ?? '' } }, true);
    store.close();
    const files = ['r.json', 'r.json.prev', 'r.json.journal'].map((name) => join(dir, name));
    const originals = await Promise.all(files.map((f) => readFile(f)));
    const expected = view(doc);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        await Promise.all(files.map((f, k) => writeFile(f, k === which ? mutate(originals[k] as Buffer, mutations) : (originals[k] as Buffer))));
        const { store: again, opened: back } = await ReviewStore.open(storeOptions(path));
        again.close();
        if (back.error !== null) {
          expect(back.error.message.startsWith(`${path}: `)).toBe(true);
          return;
        }
        if (JSON.stringify(view(back.doc)) === JSON.stringify(expected)) return;
        // Less than saved without an error only when the journal lost whole records at its
        // end, or its last record was cut (noted): what a crash before those writes leaves.
        const journal = await readFile(files[2] as string, 'utf8');
        const original = (originals[2] as Buffer).toString('utf8');
        const cut = original.startsWith(journal.slice(0, journal.lastIndexOf('\n') + 1));
        expect(which === 2 && cut).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
