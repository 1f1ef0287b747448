import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The file system calls `writeFileAtomic` makes, logged, with failures injected on
 * demand: a test sets `fault.at` to the step that must fail ('write' fails after writing
 * part of the data, as a full disk does).
 */
const fault = vi.hoisted(() => ({ at: null as 'write' | 'sync' | 'rename' | null, log: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const failure = (step: string): NodeJS.ErrnoException => Object.assign(new Error(`injected ${step} failure`), { code: 'EIO' });
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      const { writeFile: write, sync } = handle;
      return Object.assign(handle, {
        writeFile: async (data: string | Uint8Array) => {
          fault.log.push('write');
          if (fault.at !== 'write') return write.call(handle, data);
          await write.call(handle, data.slice(0, 2));
          throw failure('write');
        },
        sync: async () => {
          fault.log.push('sync');
          if (fault.at === 'sync') throw failure('sync');
          return sync.call(handle);
        },
      });
    },
    rename: async (...args: Parameters<typeof fs.rename>) => {
      fault.log.push('rename');
      if (fault.at === 'rename') throw failure('rename');
      return fs.rename(...args);
    },
  };
});

const { writeFileAtomic } = await import('../../../../src/main/fs/atomic-write');

describe('writeFileAtomic', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-write-'));
    fault.at = null;
    fault.log = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a new file, text as UTF-8, leaving no temporary file', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"µV": 1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"µV": 1}\n');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('replaces an existing file with the new bytes', async () => {
    const path = join(dir, 'x.atr');
    await writeFile(path, 'old contents, longer than the new ones');
    await writeFileAtomic(path, Uint8Array.of(1, 2, 3));
    expect(Array.from(await readFile(path))).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['x.atr']);
  });

  it('flushes the data to the disk before the rename makes it visible', async () => {
    await writeFileAtomic(join(dir, 'a'), 'data');
    // The folder is flushed too, after the rename.
    expect(fault.log).toEqual(['write', 'sync', 'rename', 'sync']);
  });

  it.each(['write', 'sync', 'rename'] as const)('keeps the old file whole and leaves no temporary file when the %s fails', async (step) => {
    const path = join(dir, 'x.atr');
    await writeFile(path, 'old contents');
    fault.at = step;
    await expect(writeFileAtomic(path, 'new contents')).rejects.toMatchObject({ code: 'EIO', message: `injected ${step} failure` });
    expect(await readFile(path, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['x.atr']);
  });

  it('leaves the target alone and no temporary file when a folder stands in its place', async () => {
    const path = join(dir, 'taken');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'kept');
    await expect(writeFileAtomic(path, 'data')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('kept');
  });

  it('throws ENOENT and creates nothing when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'data')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});
