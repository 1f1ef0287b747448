/**
 * Every annotation file of the reference readings (wfdb-python 4.3.1 `rdann`, see
 * ../shared/data/README.md) read with our reader, then written with our writer and read back.
 * Mapping to the reference's conventions: a symbol-less code is NaN there ('' here); a missing
 * aux is '' there (null here); `fs` comes from the record header there when the file has no
 * time resolution note (null here), so the test takes the header's from records.json.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAnnotations, readAnnotationFile, writeAnnotationFile, type AnnotationSet } from '../../src/main/wfdb/annotation';
import { useTempDir } from '../support/temp-dir';

const DATA = resolve(__dirname, '../../../shared/data');

interface ReferenceAnnotations {
  n: number;
  fs: number | null;
  counts: Record<string, number>;
  head: [number, string | null, number, number, number, string][];
  sha256_canonical: string;
}

/**
 * wfdb-python misaligns aux notes after an annotation that carries two AUX fields (its
 * `proc_extra_field` appends to a list per field); we keep each aux with its annotation, as
 * WFDB `getann` does. s0010_re.xyz is a signal file (format 16) read as annotations: it has
 * 729 such repeats, so only its aux texts differ from the reference.
 */
const AUX_MISALIGNED_BY_REFERENCE = new Set(['wfdb-sample-data/s0010_re.xyz']);

/** Python's json.dump writes NaN for a NaN symbol; read it as null (outside strings only). */
function parsePythonJson<T>(path: string): T {
  const text = readFileSync(path, 'utf8');
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (text.startsWith('NaN', i)) {
      out += 'null';
      i += 2;
    } else out += c;
  }
  return JSON.parse(out) as T;
}

function canonicalHash(set: AnnotationSet, blankAux = false): string {
  const lines = set.annotations
    .map((a) => `${a.sample},${a.symbol === '' ? 'nan' : a.symbol},${a.subtype},${a.chan},${a.num},${blankAux ? '' : (a.aux ?? '')}\n`)
    .join('');
  return createHash('sha256').update(lines, 'utf8').digest('hex');
}

function expectCanonical(set: AnnotationSet, key: string, ref: ReferenceAnnotations): void {
  const blank = AUX_MISALIGNED_BY_REFERENCE.has(key);
  expect(canonicalHash(set, blank)).toBe(ref.sha256_canonical);
}

const cases = ['wfdb-sample-data', 'mitdb'].flatMap((dataset) => {
  const refs = parsePythonJson<Record<string, ReferenceAnnotations>>(join(DATA, 'reference', dataset, 'annotations.json'));
  const records = parsePythonJson<Record<string, { fs?: number }>>(join(DATA, 'reference', dataset, 'records.json'));
  return Object.entries(refs).map(([file, ref]) => ({
    key: `${dataset}/${file}`,
    path: join(DATA, dataset, file),
    ref,
    headerFs: records[file.replace(/\.[^.]+$/, '')]?.fs ?? null,
  }));
});

describe('readAnnotationFile', () => {
  it('covers the 11 sample-data files and the 48 MIT-BIH .atr files', () => {
    expect(cases.filter((c) => c.key.startsWith('mitdb/') && c.key.endsWith('.atr'))).toHaveLength(48);
    expect(cases).toHaveLength(59);
  });

  it.each(cases)('reads $key as wfdb-python does', async ({ key, path, ref, headerFs }) => {
    const set = await readAnnotationFile(path);
    expect(set.annotations).toHaveLength(ref.n);
    expect(set.fs ?? headerFs).toBe(ref.fs);
    const counts: Record<string, number> = {};
    for (const a of set.annotations) {
      const symbol = a.symbol === '' ? 'nan' : a.symbol;
      counts[symbol] = (counts[symbol] ?? 0) + 1;
    }
    expect(counts).toEqual(ref.counts);
    const head = set.annotations.slice(0, 8).map((a) => [a.sample, a.symbol === '' ? null : a.symbol, a.subtype, a.chan, a.num, a.aux ?? '']);
    const refHead = AUX_MISALIGNED_BY_REFERENCE.has(key) ? ref.head.map((row) => row.slice(0, 5)) : ref.head;
    expect(AUX_MISALIGNED_BY_REFERENCE.has(key) ? head.map((row) => row.slice(0, 5)) : head).toEqual(refHead);
    expectCanonical(set, key, ref);
  });
});

describe('writeAnnotationFile', () => {
  const dir = useTempDir('wfdb-annotations-dataset-', 'suite');

  it.each(cases)('writes $key so that it reads back identical', async ({ key, path, ref }) => {
    const set = await readAnnotationFile(path);
    const copy = join(dir(), key.replace('/', '-'));
    await writeAnnotationFile(copy, set);
    const back = await readAnnotationFile(copy);
    expect(back).toEqual(set);
    expectCanonical(back, key, ref);
  });
});

describe('formatAnnotations', () => {
  it.each(cases.filter((c) => c.key.startsWith('mitdb/')))('rewrites $key byte for byte', async ({ path }) => {
    const bytes = new Uint8Array(await readFile(path));
    const set = await readAnnotationFile(path);
    expect(Buffer.from(formatAnnotations(set)).equals(Buffer.from(bytes))).toBe(true);
  });
});
