/**
 * The FLAC signal files of the sample data (formats 508, 516, 524; one, two, three and
 * six signals; 1, 2 and 4 samples per frame; 5.6 million constant samples) decode
 * exactly as wfdb-python 4.3.1 reads them (../shared/data/reference). None of these
 * records has skew, so the reference holds each channel as stored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFlacFile } from '../../src/main/wfdb/formats/index';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = resolve(repoRoot, '../shared/data/wfdb-sample-data');

interface RefSignal { n: number; sha256_i32le: string; head: number[]; tail: number[] }
interface RefRecord { fmt: string[]; file_name: string[]; skew: (number | null)[]; digital: RefSignal[] }
const REFERENCE = JSON.parse(
  readFileSync(resolve(repoRoot, '../shared/data/reference/wfdb-sample-data/records.json'), 'utf8'),
) as Record<string, RefRecord>;

const sha256 = (a: Int32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('decodeFlacFile', () => {
  for (const name of ['flacformats', 'flac_3_constant', 'mixedsignals']) {
    it(`decodes every signal file of ${name} as wfdb-python does`, async () => {
      const rec = REFERENCE[name]!;
      expect(rec.skew.every((k) => !k)).toBe(true);
      for (const file of new Set(rec.file_name)) {
        const signals = rec.file_name.flatMap((f, s) => (f === file ? [s] : []));
        const bitsPerSample = Number(rec.fmt[signals[0]!]) - 500;
        const bytes = new Uint8Array(readFileSync(resolve(dataDir, file)));
        const channels = await decodeFlacFile(bytes, file, { channels: signals.length, bitsPerSample });
        expect(channels).toHaveLength(signals.length);
        signals.forEach((s, c) => {
          const ref = rec.digital[s]!;
          const got = channels[c]!;
          expect(got.length, `${file} signal ${s}`).toBe(ref.n);
          expect(Array.from(got.subarray(0, 8))).toEqual(ref.head);
          expect(Array.from(got.subarray(-8))).toEqual(ref.tail);
          expect(sha256(got), `${file} signal ${s}`).toBe(ref.sha256_i32le);
        });
      }
    });
  }

  it('rejects a real file whose header would expect another channel count or depth', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(dataDir, 'mixedsignals_e.dat')));
    await expect(decodeFlacFile(bytes, 'mixedsignals_e.dat', { channels: 2, bitsPerSample: 16 })).rejects.toThrow(/^mixedsignals_e\.dat: FLAC stream has 3 channels/);
    await expect(decodeFlacFile(bytes, 'mixedsignals_e.dat', { channels: 3, bitsPerSample: 8 })).rejects.toThrow(/16-bit samples/);
  });

  it('rejects a real file cut short', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(dataDir, 'mixedsignals_p.dat')));
    await expect(decodeFlacFile(bytes.subarray(0, 20000), 'mixedsignals_p.dat', { channels: 2, bitsPerSample: 16 })).rejects.toMatchObject({ code: 'wfdb/corrupt-signal' });
  });
});
