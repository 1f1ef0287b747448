import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../src/shared/errors';
import { parseAnnotations, readAnnotationFile, writeAnnotationFile } from '../../../../src/main/wfdb/annotation';
import { annotationFile, aux, canonicalLine, skip, word } from './annotation-bytes';
import { useTempDir } from '../../../support/temp-dir';

const FIXTURES = resolve(__dirname, '../../../fixtures/wfdb-annotations');
const EMPTY = { annotations: [], fs: null };

/** The start of `error`'s message, as long as `prefix` (a failure then shows both). */
function messageStart(error: unknown, prefix: string): string {
  expect(error).toBeInstanceOf(WfdbError);
  return (error as WfdbError).message.slice(0, prefix.length);
}

/** Runs `fn`, expecting a WfdbError 'wfdb/annotation'; returns it. */
function annotationErrorOf(fn: () => unknown): WfdbError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    expect((error as WfdbError).code).toBe('wfdb/annotation');
    return error as WfdbError;
  }
  throw new Error('expected a WfdbError');
}

describe('parseAnnotations', () => {
  it('reads samples, codes and symbols from annotation words', () => {
    const set = parseAnnotations(annotationFile(word(1, 100), word(5, 300), word(28, 0)), 'a.atr');
    expect(set.fs).toBeNull();
    expect(set.annotations).toEqual([
      { sample: 100, symbol: 'N', code: 1, subtype: 0, chan: 0, num: 0, aux: null },
      { sample: 400, symbol: 'V', code: 5, subtype: 0, chan: 0, num: 0, aux: null },
      { sample: 400, symbol: '+', code: 28, subtype: 0, chan: 0, num: 0, aux: null },
    ]);
  });

  it('adds a SKIP interval stored high word first, each word little-endian', () => {
    // SKIP 0x00012345 = 74565, then N 5 samples later.
    const bytes = new Uint8Array([0x00, 0xec, 0x01, 0x00, 0x45, 0x23, 0x05, 0x04, 0x00, 0x00]);
    expect(parseAnnotations(bytes, 'a.atr').annotations.map((a) => a.sample)).toEqual([74570]);
  });

  it('adds a negative SKIP interval as a signed 32-bit number', () => {
    const set = parseAnnotations(annotationFile(word(1, 1000), skip(-10), word(5, 2)), 'a.atr');
    expect(set.annotations.map((a) => a.sample)).toEqual([1000, 992]);
  });

  it('keeps num and chan for later annotations until changed', () => {
    const bytes = annotationFile(word(1, 1), word(60, 7), word(62, 2), word(1, 1), word(1, 1), word(60, 0xfd), word(1, 1));
    const set = parseAnnotations(bytes, 'a.atr');
    expect(set.annotations.map((a) => [a.num, a.chan])).toEqual([[7, 2], [7, 2], [-3, 2], [-3, 2]]);
  });

  it('applies a subtype to the annotation before it only, as a signed byte', () => {
    const set = parseAnnotations(annotationFile(word(14, 5), word(61, 0xff), word(14, 5), word(14, 5), word(61, 3)), 'a.atr');
    expect(set.annotations.map((a) => a.subtype)).toEqual([-1, 0, 3]);
  });

  it('attaches AUX text to the annotation before it, padded to an even length', () => {
    const bytes = annotationFile(word(28, 10), aux('(AFIB'), word(1, 10), aux('ab'), word(1, 10), word(28, 1), aux('(N\0'));
    const set = parseAnnotations(bytes, 'a.atr');
    expect(set.annotations.map((a) => a.aux)).toEqual(['(AFIB', 'ab', null, '(N\0']);
  });

  it('reads a zero-length AUX as an empty string and bytes above 127 as Latin-1', () => {
    const set = parseAnnotations(annotationFile(word(22, 4), aux(''), word(22, 4), aux('°é')), 'a.atr');
    expect(set.annotations.map((a) => a.aux)).toEqual(['', '°é']);
  });

  it('reports the time resolution note as fs and drops every NOTE at sample 0', () => {
    const bytes = annotationFile(
      word(22, 0), aux('## time resolution: 360'), skip(-1), word(0, 1),
      word(22, 0), aux('gqrs -r 100\0'), word(1, 18),
    );
    const set = parseAnnotations(bytes, 'a.atr');
    expect(set.fs).toBe(360);
    expect(set.annotations).toEqual([{ sample: 18, symbol: 'N', code: 1, subtype: 0, chan: 0, num: 0, aux: null }]);
  });

  it('keeps a NOTE after sample 0 as a comment annotation', () => {
    const set = parseAnnotations(annotationFile(word(22, 5), aux('## time resolution: 250')), 'a.atr');
    expect(set.fs).toBeNull();
    expect(set.annotations).toEqual([{ sample: 5, symbol: '"', code: 22, subtype: 0, chan: 0, num: 0, aux: '## time resolution: 250' }]);
  });

  it('uses the custom labels of a definitions block and ignores definitions outside one', () => {
    const defined = annotationFile(
      word(22, 0), aux('## annotation type definitions'), word(22, 0), aux('42 CAL Calibration\n'),
      word(22, 0), aux('## end of definitions'), word(42, 10),
    );
    const set = parseAnnotations(defined, 'a.atr');
    expect(set.customLabels).toEqual([{ code: 42, symbol: 'CAL', description: 'Calibration' }]);
    expect(set.annotations.map((a) => [a.code, a.symbol])).toEqual([[42, 'CAL']]);
    // 12726.wabp declares "42 CAL Calibration" without the block: wfdb-python reads code 42 as NaN.
    const loose = parseAnnotations(annotationFile(word(22, 0), aux('42 CAL Calibration'), word(42, 10)), 'a.atr');
    expect(loose.customLabels).toBeUndefined();
    expect(loose.annotations.map((a) => [a.code, a.symbol])).toEqual([[42, '']]);
  });

  it('skips NOTQRS annotations, a 0 word before the end included, but counts their interval', () => {
    const set = parseAnnotations(annotationFile(word(0, 500), word(1, 10), [0, 0], word(5, 5)), 'a.atr');
    expect(set.annotations.map((a) => [a.sample, a.symbol])).toEqual([[510, 'N'], [515, 'V']]);
  });

  it('gives codes without a standard symbol an empty symbol', () => {
    const set = parseAnnotations(annotationFile(word(15, 1), word(17, 1), word(42, 1), word(58, 1)), 'a.atr');
    expect(set.annotations.map((a) => [a.code, a.symbol])).toEqual([[15, ''], [17, ''], [42, ''], [58, '']]);
  });

  it('reads a pseudo-code first in the file or after a SKIP as an annotation of that code', () => {
    // As wfdb-python reads s0010_re.xyz: the first word 0xFFFD is "code 63, interval 1021".
    const set = parseAnnotations(annotationFile(word(63, 1021), word(1, 3), skip(0), word(60, 2)), 'a.atr');
    expect(set.annotations.map((a) => [a.sample, a.code, a.symbol])).toEqual([[1021, 63, ''], [1024, 1, 'N'], [1026, 60, '']]);
  });

  it('lets the last of repeated pseudo-codes of one annotation win, as getann', () => {
    const set = parseAnnotations(annotationFile(word(1, 1), aux('a'), aux('bc'), word(60, 1), word(60, 2)), 'a.atr');
    expect(set.annotations.map((a) => [a.aux, a.num])).toEqual([['bc', 2]]);
  });

  it('reads an empty file, and a file without the end word', () => {
    expect(parseAnnotations(new Uint8Array(0), 'a.atr')).toEqual({ annotations: [], fs: null });
    const noEnd = new Uint8Array([...word(1, 5), ...word(5, 5)]);
    expect(parseAnnotations(noEnd, 'a.atr').annotations.map((a) => a.sample)).toEqual([5, 10]);
  });

  it('throws naming the file and offset when the length is odd', () => {
    const error = annotationErrorOf(() => parseAnnotations(new Uint8Array([...word(1, 5), 0, 0, 7]), 'odd.atr'));
    expect(error.message).toMatch(/^odd\.atr: odd length .*byte offset 4/);
    expect(error.detail).toMatchObject({ file: 'odd.atr', offset: 4 });
  });

  it('throws at the AUX word when its text runs past the end', () => {
    const bytes = new Uint8Array([...word(1, 5), ...word(63, 10), 0x61, 0x62]);
    const error = annotationErrorOf(() => parseAnnotations(bytes, 'aux.atr'));
    expect(error.message).toContain('AUX of 10 bytes');
    expect(error.detail).toMatchObject({ file: 'aux.atr', offset: 2 });
  });

  it('throws at the SKIP word when its interval or annotation runs past the end', () => {
    const cut = new Uint8Array([...word(1, 5), ...skip(5000)]);
    expect(annotationErrorOf(() => parseAnnotations(cut, 'skip.atr')).detail).toMatchObject({ offset: 2 });
    const short = new Uint8Array([...word(1, 5), ...skip(5000).slice(0, 4)]);
    expect(annotationErrorOf(() => parseAnnotations(short, 'skip.atr')).detail).toMatchObject({ offset: 2 });
  });

  it('throws when an annotation time falls below 0', () => {
    const error = annotationErrorOf(() => parseAnnotations(annotationFile(word(1, 5), skip(-100), word(1, 5)), 'neg.atr'));
    expect(error.message).toContain('out of range');
    expect(error.detail).toMatchObject({ offset: 2 });
  });

  it('throws when SKIPs push the sample counter beyond 2^53 − 1', () => {
    const count = Math.ceil(Number.MAX_SAFE_INTEGER / 0x7fffffff) + 1;
    const bytes = new Uint8Array(count * 6 + 4);
    bytes.set(skip(0x7fffffff));
    for (let filled = 6; filled < count * 6; filled *= 2) bytes.copyWithin(filled, 0, Math.min(filled, count * 6 - filled));
    bytes.set(word(1, 0), count * 6);
    const error = annotationErrorOf(() => parseAnnotations(bytes, 'huge.atr'));
    expect(error.message).toContain('out of range');
    expect(error.detail).toMatchObject({ offset: 0 });
  });

  it.each([
    // n, fs and head from ../shared/data/reference/wfdb-sample-data/annotations.json (wfdb-python 4.3.1).
    ['03700181.gqrsh', 1150, 500, [1062, 'N', 0, 0, 10, ''], 'a63b06b39c1bb56507ac8a258baeca31961645a7cc681f8c62d42641836310d1'],
    ['12726.anI', 22, null, [87240, '"', 0, 255, 0, 'Initiate slow tilt up'], 'f532cdc40b78bc7e35f3d38b3b1c0307f6969e6b7939655c02c369bd57792599'],
    ['1003.atr', 957, null, [73, 'N', 0, 0, 0, ' '], 'a1d95d0d5d7920efc74b1161d196b89d808efe9fcd4af760fba4a4297106b7cb'],
  ] as const)('reads the fixture %s as wfdb-python does', (name, n, fs, head, sha) => {
    const set = parseAnnotations(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
    expect(set.annotations).toHaveLength(n);
    expect(set.fs).toBe(fs);
    const first = set.annotations[0];
    expect(first && [first.sample, first.symbol, first.subtype, first.chan, first.num, first.aux ?? '']).toEqual(head);
    const canonical = set.annotations.map(canonicalLine).join('');
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(sha);
  });
});

describe('readAnnotationFile', () => {
  it('reads a file from disk', async () => {
    const set = await readAnnotationFile(join(FIXTURES, '12726.anI'));
    expect(set.annotations).toHaveLength(22);
  });

  it('throws wfdb/missing-file naming the path when the file does not exist', async () => {
    const path = join(FIXTURES, 'absent.atr');
    await expect(readAnnotationFile(path)).rejects.toMatchObject({
      code: 'wfdb/missing-file',
      message: `${path}: annotation file not found`,
      detail: { file: path, errno: 'ENOENT' },
    });
  });

  it('throws wfdb/annotation naming the path and the reason when it is a folder', async () => {
    const error = await readAnnotationFile(FIXTURES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WfdbError);
    expect(error).toMatchObject({ code: 'wfdb/annotation', detail: { file: FIXTURES, errno: 'EISDIR' } });
    const prefix = `${FIXTURES}: cannot read the annotation file: EISDIR`;
    expect(messageStart(error, prefix)).toBe(prefix);
  });
});

describe('writeAnnotationFile', () => {
  const dir = useTempDir('wfdb-annotation-');

  it('replaces the file with one that reads back the same, leaving no temporary file', async () => {
    const path = join(dir(), 'x.atr');
    await writeFile(path, 'old contents');
    const set = parseAnnotations(readFileSync(join(FIXTURES, '1003.atr')), '1003.atr');
    await writeAnnotationFile(path, set);
    expect(await readAnnotationFile(path)).toEqual(set);
    expect(await readdir(dir())).toEqual(['x.atr']);
  });

  it('throws and keeps the old file when the set cannot be written', async () => {
    const path = join(dir(), 'x.atr');
    await writeFile(path, 'old contents');
    const bad = { annotations: [{ sample: -1, symbol: 'N', code: 1, subtype: 0, chan: 0, num: 0, aux: null }], fs: null };
    await expect(writeAnnotationFile(path, bad)).rejects.toMatchObject({ code: 'wfdb/annotation', detail: { file: path, index: 0 } });
    expect(readFileSync(path, 'utf8')).toBe('old contents');
    expect(await readdir(dir())).toEqual(['x.atr']);
  });

  it('throws wfdb/annotation naming the path and the reason when the folder does not exist', async () => {
    const path = join(dir(), 'missing', 'x.atr');
    const error = await writeAnnotationFile(path, EMPTY).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'wfdb/annotation', detail: { file: path, errno: 'ENOENT' } });
    const prefix = `${path}: cannot write the annotation file: ENOENT`;
    expect(messageStart(error, prefix)).toBe(prefix);
  });

  it('throws wfdb/annotation and leaves the target alone when the target is a folder', async () => {
    const path = join(dir(), 'x.atr');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'kept');
    const error = await writeAnnotationFile(path, EMPTY).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'wfdb/annotation', detail: { file: path } });
    const prefix = `${path}: cannot write the annotation file: E`;
    expect(messageStart(error, prefix)).toBe(prefix);
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('kept');
    expect(await readdir(dir())).toEqual(['x.atr']);
  });

  // root writes through permissions, and Windows ignores a folder's mode: there the folder is not read-only.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('throws wfdb/annotation and keeps the old file when the folder is read-only', async () => {
    const path = join(dir(), 'x.atr');
    await writeFile(path, 'old contents');
    await chmod(dir(), 0o555);
    try {
      const error = await writeAnnotationFile(path, EMPTY).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'wfdb/annotation', detail: { file: path, errno: 'EACCES' } });
      const prefix = `${path}: cannot write the annotation file: EACCES`;
      expect(messageStart(error, prefix)).toBe(prefix);
    } finally {
      await chmod(dir(), 0o755);
    }
    expect(readFileSync(path, 'utf8')).toBe('old contents');
  });
});
