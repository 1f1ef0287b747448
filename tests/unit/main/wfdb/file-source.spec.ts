import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../src/shared/errors';
import {
  decodeHeaderText,
  isSafeRelativeName,
  memoryFiles,
  nodeFiles,
  siblingPath,
  type FileProvider,
} from '../../../../src/main/wfdb/file-source';
import { useTempDir } from '../../../support/temp-dir';
import { rejection } from './record-fixtures';

const CONTENT = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);

/** One conformance suite, run against every FileProvider: each makes a folder holding `data.bin`. */
const providers: [string, () => Promise<{ files: FileProvider; folder: string; cleanup: () => Promise<void> }>][] = [
  [
    'nodeFiles',
    async () => {
      const folder = await mkdtemp(join(tmpdir(), 'file-source-'));
      await writeFile(join(folder, 'data.bin'), CONTENT);
      return { files: nodeFiles(), folder, cleanup: () => rm(folder, { recursive: true, force: true }) };
    },
  ],
  [
    'memoryFiles',
    async () => ({ files: memoryFiles({ 'mem/data.bin': CONTENT }), folder: 'mem', cleanup: async () => undefined }),
  ],
];

describe.each(providers)('FileProvider %s', (_name, make) => {
  let env: Awaited<ReturnType<typeof make>>;
  beforeEach(async () => {
    env = await make();
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('reports the size of a file', async () => {
    const f = await env.files.open(siblingPath(`${env.folder}/x.hea`, 'data.bin'));
    expect(await f.size()).toBe(1000);
    await f.close();
  });

  it('reads a byte range', async () => {
    const f = await env.files.open(`${env.folder}/data.bin`);
    expect(Array.from(await f.read(10, 5))).toEqual(Array.from(CONTENT.subarray(10, 15)));
    await f.close();
  });

  it('reads the same bytes when given a buffer to read into, touching none of it past the length', async () => {
    const f = await env.files.open(`${env.folder}/data.bin`);
    const into = new Uint8Array(20).fill(0xee);
    expect(Array.from(await f.read(10, 5, into))).toEqual(Array.from(CONTENT.subarray(10, 15)));
    expect(Array.from(into.subarray(5))).toEqual(new Array(15).fill(0xee));
    expect(Array.from(await f.read(995, 10, into))).toEqual(Array.from(CONTENT.subarray(995)));
    await f.close();
  });

  it('returns fewer bytes when the range passes the end, none past it', async () => {
    const f = await env.files.open(`${env.folder}/data.bin`);
    expect((await f.read(990, 100)).length).toBe(10);
    expect((await f.read(5000, 10)).length).toBe(0);
    await f.close();
  });

  it('reads again after close', async () => {
    const f = await env.files.open(`${env.folder}/data.bin`);
    await f.close();
    expect(Array.from(await f.read(0, 3))).toEqual([0, 7, 14]);
    await f.close();
  });

  it('lets reads in flight finish when closed', async () => {
    const f = await env.files.open(`${env.folder}/data.bin`);
    const reads = [f.read(0, 500), f.read(500, 500)];
    await f.close();
    const bytes = await Promise.all(reads);
    expect(bytes.map((b) => b.length)).toEqual([500, 500]);
  });

  it('throws wfdb/missing-file naming a file that does not exist', async () => {
    const path = `${env.folder}/absent.dat`;
    const error = await env.files.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WfdbError);
    expect((error as WfdbError).code).toBe('wfdb/missing-file');
    expect((error as WfdbError).message).toContain('absent.dat');
  });
});

describe('nodeFiles', () => {
  const dir = useTempDir('file-source-bad-');

  it('throws file/read naming a folder given as a file', async () => {
    const path = join(dir(), 'rec.dat');
    await mkdir(path);
    const error = await rejection(nodeFiles().open(path), 'file/read');
    expect(error.message).toBe(`${path}: is not a regular file`);
  });

  // A name longer than a file system allows (255 bytes on Linux and macOS) fails with
  // ENAMETOOLONG, an error other than a missing file; Windows paths have other limits.
  it.skipIf(process.platform === 'win32')('throws file/read naming the file and the reason when the system cannot open it', async () => {
    const path = join(dir(), `${'x'.repeat(300)}.dat`);
    const error = await rejection(nodeFiles().open(path), 'file/read');
    expect(error.message.startsWith(`${path}: cannot read: `)).toBe(true);
    expect(error.message).toMatch(/ENAMETOOLONG/);
  });

  it('throws wfdb/missing-file naming the file when it is gone by the time a closed source reopens it', async () => {
    const path = join(dir(), 'rec.dat');
    await writeFile(path, CONTENT);
    const source = await nodeFiles().open(path);
    await source.close();
    await unlink(path);
    const error = await rejection(source.read(0, 10), 'wfdb/missing-file');
    expect(error.message).toBe(`${path}: no such file`);
  });

  // Linux opens a folder for reading; reading from it fails with EISDIR.
  it.runIf(process.platform === 'linux')('throws file/read naming the file and the reason when a read fails', async () => {
    const path = join(dir(), 'rec.dat');
    await writeFile(path, CONTENT);
    const source = await nodeFiles().open(path);
    await source.close();
    await unlink(path);
    await mkdir(path);
    const error = await rejection(source.read(0, 10), 'file/read');
    expect(error.message.startsWith(`${path}: cannot read: EISDIR`)).toBe(true);
  });

  it('throws wfdb/missing-file when a folder on the path is a file', async () => {
    const file = join(dir(), 'rec.hea');
    await writeFile(file, 'rec 0\n');
    const error = await rejection(nodeFiles().open(join(file, 'rec.dat')), 'wfdb/missing-file');
    expect(error.message).toBe(`${join(file, 'rec.dat')}: no such file`);
  });
});

describe('siblingPath', () => {
  it('puts a name in the folder of a path', () => {
    expect(siblingPath('/a/b/100.hea', '100.dat')).toBe('/a/b/100.dat');
    expect(siblingPath('C:\\data\\100.hea', '100.dat')).toBe('C:\\data\\100.dat');
    expect(siblingPath('100.hea', '100.dat')).toBe('100.dat');
  });
});

describe('isSafeRelativeName', () => {
  it('accepts plain names and sub-folders', () => {
    expect(isSafeRelativeName('100.dat')).toBe(true);
    expect(isSafeRelativeName('sub/100.dat')).toBe(true);
  });

  it('refuses absolute paths, drives and parent folders', () => {
    for (const name of ['/etc/passwd', '../x.dat', 'a/../../x', 'C:x.dat', 'C:\\x.dat', '\\\\server\\x', 'a\0b']) {
      expect(isSafeRelativeName(name)).toBe(false);
    }
  });
});

describe('decodeHeaderText', () => {
  it('decodes UTF-8', () => {
    expect(decodeHeaderText(new TextEncoder().encode('r 1 °C µV'))).toBe('r 1 °C µV');
  });

  it('falls back to Latin-1 for bytes that are not UTF-8', () => {
    expect(decodeHeaderText(Uint8Array.from([0x2f, 0xb0, 0x20]))).toBe('/° ');
  });
});
