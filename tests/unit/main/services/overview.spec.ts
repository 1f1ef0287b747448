import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeOverview } from '../../../../src/main/services/overview';
import { openRecord } from '../../../../src/main/wfdb';
import { fakeRecord } from './fake-record';

const SAMPLES = resolve(__dirname, '../../../../resources/samples');

/**
 * Record 100's two signals decoded straight from 100.dat, without the WFDB library:
 * format 212 packs two 12-bit two's-complement samples in three bytes (signal(5)):
 * sample 0 = byte0 | (byte1 & 0x0f) << 8, sample 1 = byte2 | (byte1 & 0xf0) << 4,
 * interleaved signal 0, signal 1 per frame. Gain 200 and baseline 1024 from 100.hea.
 */
async function record100Physical(): Promise<Float64Array[]> {
  const bytes = await readFile(resolve(SAMPLES, '100.dat'));
  const header = (await readFile(resolve(SAMPLES, '100.hea'), 'latin1')).split(/\r?\n/);
  const gains = [1, 2].map((l) => header[l]?.split(/\s+/).slice(2, 5).map(Number) as number[]);
  const frames = (bytes.length / 3) | 0;
  const out = [new Float64Array(frames), new Float64Array(frames)];
  const signExtend = (v: number): number => (v & 0x800 ? v - 0x1000 : v);
  for (let f = 0; f < frames; f++) {
    const [b0, b1, b2] = [bytes[3 * f] as number, bytes[3 * f + 1] as number, bytes[3 * f + 2] as number];
    const digital = [signExtend(b0 | ((b1 & 0x0f) << 8)), signExtend(b2 | ((b1 & 0xf0) << 4))];
    for (let s = 0; s < 2; s++) {
      const [gain, , baseline] = gains[s] as number[];
      (out[s] as Float64Array)[f] = ((digital[s] as number) - (baseline as number)) / (gain as number);
    }
  }
  return out;
}

describe('computeOverview', () => {
  it('equals the min/max of the raw samples of record 100 in every bin', async () => {
    const raw = await record100Physical();
    const record = await openRecord(resolve(SAMPLES, '100.hea'));
    try {
      expect(record.frameCount).toBe(raw[0]?.length);
      const bins = 777;
      for (const signal of [0, 1]) {
        const overview = await computeOverview('id', record, signal, bins);
        const data = raw[signal] as Float64Array;
        const n = data.length;
        for (let b = 0; b < bins; b++) {
          let lo = Infinity;
          let hi = -Infinity;
          for (let f = Math.floor((b * n) / bins); f < Math.floor(((b + 1) * n) / bins); f++) {
            lo = Math.min(lo, data[f] as number);
            hi = Math.max(hi, data[f] as number);
          }
          expect(overview.min[b]).toBeCloseTo(lo, 12);
          expect(overview.max[b]).toBeCloseTo(hi, 12);
        }
      }
    } finally {
      await record.close();
    }
  });

  it('covers every frame exactly once when bins do not divide the length', async () => {
    const n = 1003;
    const data = Float64Array.from({ length: n }, (_, i) => i);
    const overview = await computeOverview('id', fakeRecord([data], 10), 0, 10, 64);
    // Bin b covers [floor(b·n/10), floor((b+1)·n/10)); with values = frame numbers the
    // envelope is exactly those bounds.
    for (let b = 0; b < 10; b++) {
      expect(overview.min[b]).toBe(Math.floor((b * n) / 10));
      expect(overview.max[b]).toBe(Math.floor(((b + 1) * n) / 10) - 1);
    }
    expect(overview.binDurationSec).toBeCloseTo(n / 10 / 10, 12);
  });

  it('leaves bins empty (null) when the record has fewer frames than bins', async () => {
    const overview = await computeOverview('id', fakeRecord([Float64Array.from([5, 6, 7])], 1), 0, 6);
    expect(overview.min.filter((v) => v !== null)).toEqual([5, 6, 7]);
    expect(overview.min.filter((v) => v === null)).toHaveLength(3);
  });

  it('streams the record in chunks rather than reading it whole', async () => {
    const record = fakeRecord([new Float64Array(200_000)], 100);
    await computeOverview('id', record, 0, 100);
    expect(record.reads.length).toBeGreaterThan(1);
    expect(Math.max(...record.reads.map(([a, b]) => b - a))).toBeLessThanOrEqual(1 << 16);
  });
});
