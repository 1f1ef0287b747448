/**
 * Every record of the reference readings (../shared/data/reference/<dataset>/records.json:
 * wfdb-python 4.3.1 `rdrecord`, and WFDB 10.7.0 `rdsamp` where marked `reference_reader`)
 * read with our reader: header fields, then every sample (n, head, tail, SHA-256 of the
 * int32 samples) and the first physical values.
 *
 * Mapping to the reference's conventions (see ../shared/data/README.md):
 * - Header fields: see `expectedHeader` (wfdb-python reports fields as written; we apply
 *   header(5)'s read defaults) and `HEADER_DIFFERENCES`.
 * - Readings by the WFDB C library report every invalid sample as -32768: our samples equal
 *   to the signal's `invalidValue` are mapped to -32768 for those records.
 * - Where the reference stops early (rdsamp stopped at the first segment whose files are
 *   missing), we read the same frames and expect the next frame to fail with
 *   'wfdb/missing-file'.
 * - `read_error` "No such file": our open (or first read) fails with 'wfdb/missing-file'
 *   naming that file.
 * - Layout headers (`*_layout`, length 0, signal files `~`), which wfdb-python cannot read
 *   as records ("sampto must be greater than sampfrom"): a layout header describes signals
 *   but holds no samples, so we open it as a record of 0 frames whose reads of [0, 0) are
 *   empty; that is what we check.
 */
import { endianness } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../src/shared/errors';
import { openRecord, type WfdbRecord } from '../../src/main/wfdb';
import {
  DATA,
  actualHeader,
  expectedHeader,
  missingFileOf,
  referenceRecords,
  sha256I32,
  type ReferenceRecord,
} from './wfdb-reference';
import { createPrng } from '../../src/main/ml/training/prng';

const DATASETS = ['wfdb-sample-data', 'mitdb'] as const;
const WFDB_INVALID_SAMPLE = -32768;

function headerPath(dataset: string, key: string): string {
  return resolve(DATA, dataset, `${key}.hea`);
}

async function expectMissingFile(promise: Promise<unknown>, file: string): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(WfdbError);
  expect((error as WfdbError).code).toBe('wfdb/missing-file');
  expect((error as WfdbError).message).toContain(file);
}

/** Compares every signal's samples (and physical head) with the reference. */
async function checkSamples(rec: WfdbRecord, ref: ReferenceRecord): Promise<void> {
  const digitalRef = ref.digital!;
  expect(rec.signals.length).toBe(digitalRef.length);
  const spf = rec.signals[0]!.samplesPerFrame;
  const frames = digitalRef[0]!.n / spf;
  expect(Number.isInteger(frames)).toBe(true);
  if (frames < rec.frameCount) {
    await expect(rec.readDigital(frames, frames + 1)).rejects.toMatchObject({ code: 'wfdb/missing-file' });
  } else {
    expect(frames).toBe(rec.frameCount);
  }
  const digital = await rec.readDigital(0, frames);
  digital.forEach((samples, i) => {
    const invalid = rec.signals[i]!.invalidValue;
    const mapped = ref.reference_reader && invalid !== null ? samples.map((v) => (v === invalid ? WFDB_INVALID_SAMPLE : v)) : samples;
    const r = digitalRef[i]!;
    expect({ signal: i, n: mapped.length, head: Array.from(mapped.subarray(0, 8)), tail: Array.from(mapped.subarray(-8)) }).toEqual({
      signal: i,
      n: r.n,
      head: r.head,
      tail: r.tail,
    });
    expect(sha256I32(mapped), `signal ${i} SHA-256`).toBe(r.sha256_i32le);
  });
  if (ref.physical_head) {
    const physical = await rec.readPhysical(0, Math.min(frames, 8));
    ref.physical_head.forEach((head, i) => {
      const ours = Array.from(physical[i]!.subarray(0, head.length));
      ours.forEach((v, k) => {
        const want = head[k];
        if (want === null || want === undefined) expect(v, `signal ${i} sample ${k}`).toBeNaN();
        else expect(Math.abs(v - want), `signal ${i} sample ${k}: ${v} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      });
    });
  }
}

describe.each(DATASETS)('openRecord on every reference record of %s', (dataset) => {
  const records = Object.entries(referenceRecords(dataset));

  it('runs on a little-endian machine (the reference hashes little-endian int32)', () => {
    expect(endianness()).toBe('LE');
  });

  it.each(records)('reads %s as the reference does', async (key, ref) => {
    const path = headerPath(dataset, key);
    if (ref.header_error) {
      await expect(openRecord(path)).rejects.toBeInstanceOf(WfdbError);
      return;
    }
    const missing = ref.read_error ? missingFileOf(ref.read_error) : null;
    if (missing) {
      // Our open checks that the signal files exist; a record whose files exist but one of
      // whose later segments lacks them fails on the read instead.
      await expectMissingFile(openRecord(path).then((r) => r.readDigital(0, r.frameCount)), missing);
      return;
    }
    const rec = await openRecord(path);
    try {
      expect(actualHeader(rec.header)).toEqual(expectedHeader(ref, key));
      if (ref.read_error) {
        // A layout header: signals without samples.
        expect(ref.read_error).toContain('sampto must be greater than sampfrom');
        expect(rec.frameCount).toBe(0);
        expect(rec.signals.map((s) => s.fileName)).toEqual(ref.file_name);
        expect((await rec.readDigital(0, 0)).map((a) => a.length)).toEqual(ref.file_name!.map(() => 0));
        return;
      }
      await checkSamples(rec, ref);
    } finally {
      await rec.close();
    }
  });
});

const WINDOWED: [string, string][] = [
  ['mitdb', '100'],
  ['wfdb-sample-data', '03700181'],
  ['wfdb-sample-data', '100skew'],
  ['wfdb-sample-data', 'a103l'],
  ['wfdb-sample-data', 'binformats'],
  ['wfdb-sample-data', 'mixedsignals'],
  ['wfdb-sample-data', '310derive'],
  ['wfdb-sample-data', 'test01_00s_skewframe'],
  ['wfdb-sample-data', 'multi-segment/fixed1/v102s'],
  ['wfdb-sample-data', 'multi-segment/s25047/s25047-2704-05-04-10-44'],
];

describe('WfdbRecord.readDigital and readPhysical windows', () => {
  it.each(WINDOWED)('serve random windows of %s/%s as slices of the whole record', async (dataset, key) => {
    const rec = await openRecord(headerPath(dataset, key));
    try {
      const digital = await rec.readDigital(0, rec.frameCount);
      const physical = await rec.readPhysical(0, rec.frameCount);
      const random = createPrng(key.length * 7919 + rec.frameCount).next;
      for (let trial = 0; trial < 25; trial++) {
        const a = Math.floor(random() * rec.frameCount);
        const b = Math.min(rec.frameCount, a + 1 + Math.floor(random() * random() * 5000));
        const chosen = rec.signals.map((s) => s.index).filter(() => random() < 0.6);
        const dw = await rec.readDigital(a, b, chosen);
        const pw = await rec.readPhysical(a, b, chosen);
        chosen.forEach((s, k) => {
          const spf = rec.signals[s]!.samplesPerFrame;
          expect(Array.from(dw[k]!), `${key} [${a}, ${b}) signal ${s}`).toEqual(Array.from(digital[s]!.subarray(a * spf, b * spf)));
          expect(Array.from(pw[k]!)).toEqual(Array.from(physical[s]!.subarray(a * spf, b * spf)));
        });
      }
    } finally {
      await rec.close();
    }
  });
});
