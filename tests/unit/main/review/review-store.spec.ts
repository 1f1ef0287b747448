import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalPath, previousCopyPath, readJournal, ReviewStore, type ReviewDocument } from '../../../../src/main/review';
import { useTempDir } from '../../../support/temp-dir';
import { actorAt } from './build';
import { analyse, edit, step, storeOptions, view } from './review-store-helpers';

const tempDir = useTempDir('ra-review-store-');

/** A review with two saves behind it and edits after the last: what most tests start from. */
async function twoSavesAndEdits(path: string): Promise<{ store: ReviewStore; doc: ReviewDocument }> {
  const { store, opened } = await ReviewStore.open(storeOptions(path));
  const { doc } = opened;
  analyse(store, doc, 'NNVNN');
  await store.save(doc, new Date(0));
  edit(store, doc, { kind: 'relabel', beatIds: [2], label: 'N' }, actorAt(1));
  await store.save(doc, new Date(1000));
  edit(store, doc, { kind: 'delete', beatIds: [0] }, actorAt(2));
  edit(store, doc, { kind: 'add', sample: 360 * 2.5, label: 'S' }, actorAt(3));
  step(store, doc, 'undo', actorAt(4));
  return { store, doc };
}

describe('ReviewStore.open', () => {
  it('replays the journal saved after the snapshot: every edit, undo and audit line is back', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, doc } = await twoSavesAndEdits(path);
    store.close();
    const { store: again, opened } = await ReviewStore.open(storeOptions(path));
    again.close();
    expect(view(opened.doc)).toEqual(view(doc));
    expect(opened).toMatchObject({ restored: true, error: null, notes: ['replayed 3 journal records saved after it'] });
  });

  it('rebuilds a review that was never saved from its journal alone', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, opened } = await ReviewStore.open(storeOptions(path));
    analyse(store, opened.doc, 'NVN');
    edit(store, opened.doc, { kind: 'relabel', beatIds: [1], label: 'F' }, actorAt(1));
    store.close();
    const { store: again, opened: back } = await ReviewStore.open(storeOptions(path));
    again.close();
    expect(view(back.doc)).toEqual(view(opened.doc));
    expect(back.savedAt).toBeNull();
  });

  it('uses the last good copy plus the journal when the snapshot is damaged, naming the problem, and moves the damaged one aside', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.json');
    const { store, doc } = await twoSavesAndEdits(path);
    store.close();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"reviewer":"Dr Test"', '"reviewer":"Dr Evil"'));
    const { store: again, opened } = await ReviewStore.open(storeOptions(path));
    expect(view(opened.doc)).toEqual(view(doc));
    expect(opened.error?.message).toMatch(/r\.json: checksum mismatch.*moved to .*r\.corrupt-.*\.json/);
    expect(opened.notes[0]).toMatch(/restored the last good copy \(.*r\.json\.prev, saved 1970-01-01T00:00:00\.000Z\)/);
    // The next save writes a new snapshot and leaves the good copy alone (the damaged file is not it).
    const prev = await readFile(previousCopyPath(path), 'utf8');
    await again.save(opened.doc, new Date(5000));
    expect(await readFile(previousCopyPath(path), 'utf8')).toBe(prev);
    again.close();
    expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('takes the good copy when a crash left no snapshot, and starts empty saying why when both are damaged', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.json');
    const { store, doc } = await twoSavesAndEdits(path);
    store.close();
    await writeFile(path, '');
    await writeFile(previousCopyPath(path), '{"integrity":{"sha256":"00"}}');
    const { store: again, opened } = await ReviewStore.open(storeOptions(path));
    again.close();
    expect(opened.error?.message).toMatch(/r\.json: is empty.*The last good copy is damaged too: .*r\.json\.prev: has no valid integrity record/);
    // The journal keeps records back to the good copy's, not to the start: it cannot rebuild alone.
    expect(opened.error?.message).toMatch(/journal .* is damaged \(record \d+ follows record 0/);
    expect(view(opened.doc).beats).toEqual([]);
    expect(view(doc).beats.length).toBeGreaterThan(0);
  });

  it('ignores a torn last record with a note, and appends after the whole ones', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, doc } = await twoSavesAndEdits(path);
    store.close();
    await writeFile(journalPath(path), `${await readFile(journalPath(path), 'utf8')}0badc0de {"v":1,"seq"`);
    const { store: again, opened } = await ReviewStore.open(storeOptions(path));
    expect(view(opened.doc)).toEqual(view(doc));
    expect(opened.error).toBeNull();
    expect(opened.notes.join()).toMatch(/ignored the journal's last record \(line \d+: no line end\), cut short by the crash/);
    step(again, opened.doc, 'redo', actorAt(9));
    again.close();
    expect(readJournal(journalPath(path)).stop).toBeNull();
  });

  it('stops at a damaged record in the middle, keeps a copy of the journal and reports the loss', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.json');
    const { store } = await twoSavesAndEdits(path);
    store.close();
    const lines = (await readFile(journalPath(path), 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('"op":"add"') || l.includes('"kind":"add"'));
    lines[at] = (lines[at] as string).replace('"S"', '"V"');
    await writeFile(journalPath(path), lines.join('\n'));
    const { store: again, opened } = await ReviewStore.open(storeOptions(path));
    again.close();
    expect(opened.error?.message).toMatch(/journal .* is damaged \(line \d+: checksum mismatch\); the edits recorded after that point are lost\. A copy .* was kept/);
    expect(view(opened.doc).audit.at(-1)).toMatch(/delete/);
    expect((await readdir(dir)).some((f) => f.startsWith('r.json.journal.corrupt-'))).toBe(true);
  });

  it('refuses a record that does not land on the state it was written against, leaving the review as before it', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, opened } = await ReviewStore.open(storeOptions(path));
    analyse(store, opened.doc, 'NNN');
    edit(store, opened.doc, { kind: 'relabel', beatIds: [0], label: 'V' }, actorAt(1));
    const before = view(opened.doc);
    store.record({ op: 'undo', reviewer: 'Dr Test', at: actorAt(2).at.toISOString(), audit: { seq: 2, description: 'undid: something else' } }, true);
    store.close();
    const { store: again, opened: back } = await ReviewStore.open(storeOptions(path));
    again.close();
    expect(back.error?.message).toMatch(/record 3 \(undo\) does not fit the review: its audit line #2 "undid: something else" came out as #2 "undid: relabelled/);
    expect(view(back.doc)).toEqual(before);
  });
});

describe('ReviewStore.save', () => {
  it('keeps the previous snapshot as the good copy and only the journal records after it', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, doc } = await twoSavesAndEdits(path);
    const firstSnapshot = await readFile(path, 'utf8');
    await store.save(doc, new Date(2000));
    expect(await readFile(previousCopyPath(path), 'utf8')).toBe(firstSnapshot);
    const seqOf = (text: string): number => Number(/"journalSeq":(\d+)/.exec(text)?.[1]);
    const records = readJournal(journalPath(path)).records.map((r) => r.seq);
    expect(records[0]).toBe(seqOf(firstSnapshot) + 1);
    expect(records.at(-1)).toBe(seqOf(await readFile(path, 'utf8')));
    store.close();
  });
});

describe('ReviewStore.record', () => {
  it('adds little to an edit: median and 95th percentile of a durable append', async () => {
    const path = join(tempDir(), 'r.json');
    const { store, opened } = await ReviewStore.open(storeOptions(path));
    analyse(store, opened.doc, 'N'.repeat(200));
    const times: number[] = [];
    for (let k = 0; k < 200; k++) {
      const t0 = performance.now();
      store.record({ op: 'undo', reviewer: 'Dr Test', at: actorAt(1).at.toISOString(), audit: { seq: k + 1, description: `relabelled 1 beat at 00:00:0${k % 10}.000 from N to V` } }, true);
      times.push(performance.now() - t0);
    }
    store.close();
    times.sort((a, b) => a - b);
    const median = times[100] as number;
    const p95 = times[190] as number;
    console.info(`journal: durable append (write + fdatasync) median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms over 200 edits`);
    expect(median).toBeLessThan(50);
  });
});
