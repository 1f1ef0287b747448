import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentStore, RECENT_FILE, RECENT_LIMIT } from '../../../../src/main/services/recent-store';
import { useTempDir } from '../../../support/temp-dir';

const dir = useTempDir('ra-recent-');

describe('createRecentStore', () => {
  it('starts empty when there is no file', async () => {
    expect(await createRecentStore(dir()).list()).toEqual([]);
  });

  it('keeps the most recent first and one entry per path', async () => {
    const store = createRecentStore(dir());
    await store.add({ path: '/a.hea', recordName: 'a' }, new Date('2024-01-01T00:00:00Z'));
    await store.add({ path: '/b.hea', recordName: 'b' }, new Date('2024-01-02T00:00:00Z'));
    await store.add({ path: '/a.hea', recordName: 'a' }, new Date('2024-01-03T00:00:00Z'));
    expect(await store.list()).toEqual([
      { path: '/a.hea', recordName: 'a', openedAt: '2024-01-03T00:00:00.000Z' },
      { path: '/b.hea', recordName: 'b', openedAt: '2024-01-02T00:00:00.000Z' },
    ]);
  });

  it(`keeps at most ${RECENT_LIMIT} entries, dropping the oldest`, async () => {
    const store = createRecentStore(dir());
    for (let i = 0; i < RECENT_LIMIT + 5; i++) {
      await store.add({ path: `/r${i}.hea`, recordName: `r${i}` }, new Date(Date.UTC(2024, 0, 1, 0, i)));
    }
    const list = await store.list();
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]?.path).toBe(`/r${RECENT_LIMIT + 4}.hea`);
    expect(list.at(-1)?.path).toBe('/r5.hea');
  });

  it('persists across store instances and leaves no temporary file behind', async () => {
    await createRecentStore(dir()).add({ path: '/x.hea', recordName: 'x' });
    expect((await createRecentStore(dir()).list()).map((e) => e.path)).toEqual(['/x.hea']);
    expect(await readdir(dir())).toEqual([RECENT_FILE]);
    expect(JSON.parse(await readFile(join(dir(), RECENT_FILE), 'utf8'))).toHaveLength(1);
  });

  it('loses no entry when several opens are recorded at once', async () => {
    const store = createRecentStore(dir());
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.add({ path: `/p${i}.hea`, recordName: `p${i}` })));
    expect(new Set((await store.list()).map((e) => e.path)).size).toBe(10);
  });

  it('starts afresh when the file is damaged', async () => {
    await writeFile(join(dir(), RECENT_FILE), '{"not": "a list"');
    const store = createRecentStore(dir());
    expect(await store.list()).toEqual([]);
    await store.add({ path: '/y.hea', recordName: 'y' });
    expect((await store.list()).map((e) => e.path)).toEqual(['/y.hea']);
  });
});
