import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonOrUndefined, writeJsonAtomic } from '../../../../src/main/services/json-file';
import { useTempDir } from '../../../support/temp-dir';

const dir = useTempDir('ra-json-');

describe('writeJsonAtomic', () => {
  it('replaces the file whole and leaves only the target in the folder', async () => {
    const file = join(dir(), 'sub', 'a.json');
    await writeJsonAtomic(file, { v: 1 });
    await writeJsonAtomic(file, { v: 2 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ v: 2 });
    expect(await readdir(join(dir(), 'sub'))).toEqual(['a.json']);
  });

  it('leaves the old file intact and no temp file when the value cannot be serialised', async () => {
    const file = join(dir(), 'a.json');
    await writeJsonAtomic(file, { v: 1 });
    await expect(writeJsonAtomic(file, { big: 1n })).rejects.toThrow();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ v: 1 });
    expect(await readdir(dir())).toEqual(['a.json']);
  });
});

describe('readJsonOrUndefined', () => {
  it('returns undefined for a missing or unparseable file', async () => {
    expect(await readJsonOrUndefined(join(dir(), 'none.json'))).toBeUndefined();
    await writeFile(join(dir(), 'bad.json'), '{');
    expect(await readJsonOrUndefined(join(dir(), 'bad.json'))).toBeUndefined();
  });
});
