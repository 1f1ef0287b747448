import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReview, recordFingerprint, reviewFilePath, saveReview } from '../../../../src/main/review';
import { useTempDir } from '../../../support/temp-dir';
import { actorAt, docOf, FS, shownBeats } from './build';

const tempDir = useTempDir('ra-review-file-');

const HEADER = 'rec 1 1 360 1000\nrec.dat 212 200 11 1024 0 0 0 MLII\n';

async function record(dir: string) {
  const headerPath = join(dir, 'rec 1.hea');
  await writeFile(headerPath, HEADER);
  await writeFile(join(dir, 'rec.dat'), Buffer.alloc(1500));
  return headerPath;
}

describe('reviewFilePath', () => {
  it('puts the review in <dataDir>/reviews under the record name and a hash of the header path', () => {
    const a = reviewFilePath('/data', '/x/rec 1.hea');
    expect(a).toMatch(/^\/data\/reviews\/rec_1-[0-9a-f]{16}\.json$/);
    expect(reviewFilePath('/data', '/y/rec 1.hea')).not.toBe(a);
  });
});

describe('recordFingerprint', () => {
  it('lists the header and signal files with sizes, and marks a missing file with size -1', async () => {
    const headerPath = await record(tempDir());
    const fingerprint = await recordFingerprint(headerPath, ['rec.dat', 'rec.dat', 'gone.dat', '~']);
    expect(fingerprint.files.map((f) => [f.name, f.size])).toEqual([
      ['rec 1.hea', Buffer.byteLength(HEADER)],
      ['rec.dat', 1500],
      ['gone.dat', -1],
    ]);
  });
});

describe('saveReview / loadReview', () => {
  it('restores what was saved, leaving no temporary file behind', async () => {
    const dir = tempDir();
    const headerPath = await record(dir);
    const fingerprint = await recordFingerprint(headerPath, ['rec.dat']);
    const doc = docOf('NVN');
    doc.edit({ kind: 'relabel', beatIds: [1], label: 'N' }, actorAt());
    const path = reviewFilePath(dir, headerPath);
    await saveReview(path, doc, fingerprint, new Date(0));
    expect(await readdir(join(dir, 'reviews'))).toEqual([path.split('/').pop()]);
    const loaded = await loadReview(path, fingerprint, FS);
    expect(loaded.kind).toBe('restored');
    if (loaded.kind === 'restored') expect(shownBeats(loaded.doc)).toEqual(shownBeats(doc));
  });

  it('answers none when there is no saved review', async () => {
    const dir = tempDir();
    expect(await loadReview(join(dir, 'reviews', 'x.json'), { headerPath: 'h', files: [] }, FS)).toEqual({ kind: 'none' });
  });

  it('does not apply a review whose record changed, and keeps the old file aside', async () => {
    const dir = tempDir();
    const headerPath = await record(dir);
    const path = reviewFilePath(dir, headerPath);
    await saveReview(path, docOf('NV'), await recordFingerprint(headerPath, ['rec.dat']), new Date(0));
    await utimes(join(dir, 'rec.dat'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const loaded = await loadReview(path, await recordFingerprint(headerPath, ['rec.dat']), FS);
    expect(loaded.kind).toBe('stale');
    const files = await readdir(join(dir, 'reviews'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.stale-.*\.json$/);
    expect(loaded.kind === 'stale' && loaded.movedTo).toBe(join(dir, 'reviews', files[0] as string));
  });

  it('reports a corrupt file with a clear error naming it, and moves it aside', async () => {
    const dir = tempDir();
    const headerPath = await record(dir);
    const path = reviewFilePath(dir, headerPath);
    await saveReview(path, docOf('NV'), await recordFingerprint(headerPath, ['rec.dat']), new Date(0));
    const good = await readFile(path, 'utf8');
    await writeFile(path, good.slice(0, good.length / 2));
    const loaded = await loadReview(path, await recordFingerprint(headerPath, ['rec.dat']), FS);
    expect(loaded.kind).toBe('corrupt');
    if (loaded.kind !== 'corrupt') return;
    expect(loaded.error).toMatchObject({ code: 'review/corrupt-file', detail: { file: path } });
    expect(loaded.error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is truncated`));
    expect(loaded.movedTo).toMatch(/\.corrupt-.*\.json$/);
    expect(await readFile(loaded.movedTo as string, 'utf8')).toBe(good.slice(0, good.length / 2));
  });

  it('refuses a review saved at another frame rate', async () => {
    const dir = tempDir();
    const headerPath = await record(dir);
    const fingerprint = await recordFingerprint(headerPath, ['rec.dat']);
    const path = reviewFilePath(dir, headerPath);
    await saveReview(path, docOf('N'), fingerprint, new Date(0));
    const loaded = await loadReview(path, fingerprint, 250);
    expect(loaded.kind === 'corrupt' && loaded.error.message).toMatch(/frame rate 360 Hz is not the record's 250 Hz/);
  });
});
