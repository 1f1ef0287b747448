/**
 * Every byte-addressable WFDB format decodes the sample-data files exactly as the
 * reference readers read them (../shared/data/reference: wfdb-python 4.3.1, and WFDB C
 * 10.7.0 rdsamp for binformats). Records are chosen whose signals share one file with one
 * sample per frame, no skew and no byte offset, so the codec alone decides the result.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSamples, getFormat, samplesInBytes } from '../../src/main/wfdb/formats/index';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = resolve(repoRoot, '../shared/data/wfdb-sample-data');

interface RefSignal { n: number; sha256_i32le: string; head: number[]; tail: number[] }
interface RefRecord { fmt: string[]; file_name: string[]; init_value: number[]; sig_len: number; digital: RefSignal[] }
const REFERENCE = JSON.parse(
  readFileSync(resolve(repoRoot, '../shared/data/reference/wfdb-sample-data/records.json'), 'utf8'),
) as Record<string, RefRecord>;

const sha256 = (a: Int32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

/** Decodes the interleaved signals `signals` of `rec` stored in `file`, integrating format 8. */
function readSignals(rec: RefRecord, file: string, signals: number[]): Int32Array[] {
  const format = Number(rec.fmt[signals[0]!]);
  const bytes = readFileSync(resolve(dataDir, file));
  const count = rec.sig_len * signals.length;
  const stream = new Int32Array(count);
  expect(decodeSamples(format, bytes, count, stream)).toBe(count);
  return signals.map((s, k) => {
    const out = Int32Array.from({ length: rec.sig_len }, (_, t) => stream[t * signals.length + k]!);
    if (getFormat(format, file).isDifference) {
      for (let t = 0, acc = rec.init_value[s]!; t < out.length; t++) out[t] = acc += out[t]!;
    }
    return out;
  });
}

function expectReference(actual: Int32Array, ref: RefSignal): void {
  expect(actual.length).toBe(ref.n);
  expect(Array.from(actual.subarray(0, 8))).toEqual(ref.head);
  expect(Array.from(actual.subarray(-8))).toEqual(ref.tail);
  expect(sha256(actual)).toBe(ref.sha256_i32le);
}

describe('decodeSamples', () => {
  const bin = REFERENCE['binformats']!;
  bin.fmt.forEach((fmt, s) => {
    it(`decodes binformats.d${s} (format ${fmt}) as WFDB rdsamp does`, () => {
      expect(bin.file_name[s]).toBe(`binformats.d${s}`);
      expectReference(readSignals(bin, bin.file_name[s]!, [s])[0]!, bin.digital[s]!);
    });
  });

  const INTERLEAVED = ['100', '100_3chan', '3000003_0003', '310derive', '310derive_2', '310derive_3', '311derive', '311derive_2', '311derive_3', '311derive_4'];
  for (const name of INTERLEAVED) {
    it(`decodes record ${name} as wfdb-python does`, () => {
      const rec = REFERENCE[name]!;
      const signals = rec.fmt.map((_, s) => s);
      expect(new Set(rec.file_name).size).toBe(1);
      readSignals(rec, rec.file_name[0]!, signals).forEach((samples, s) => expectReference(samples, rec.digital[s]!));
    });
  }

  it('finds in partial last blocks exactly the samples the headers count', () => {
    for (const name of ['310derive_3', '311derive_3', '311derive_4']) {
      const rec = REFERENCE[name]!;
      const size = readFileSync(resolve(dataDir, rec.file_name[0]!)).length;
      expect(samplesInBytes(Number(rec.fmt[0]), size), name).toBe(rec.sig_len);
    }
  });
});
