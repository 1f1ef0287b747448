import { describe, expect, it } from 'vitest';
import { framesPerBinFor, readWindow } from '../../../../src/main/services/signal-window';
import { fakeRecord } from './fake-record';

/** A deterministic wiggly signal with sharp one-sample spikes every 97 samples. */
function spiky(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(i / 7) * 0.3 + (i % 97 === 0 ? 2 + (i % 5) * 0.1 : 0) - (i % 89 === 0 ? 1.5 : 0);
  return out;
}

describe('framesPerBinFor', () => {
  it('does not decimate when the values fit or no maximum is given', () => {
    expect(framesPerBinFor(1000, 1, undefined)).toBeNull();
    expect(framesPerBinFor(1000, 1, 1000)).toBeNull();
  });

  it('chooses bins so that the (min, max) pairs fit in maxPoints', () => {
    const perBin = framesPerBinFor(10_001, 1, 100) as number;
    expect(Math.ceil(10_001 / perBin) * 2).toBeLessThanOrEqual(100);
  });
});

describe('readWindow', () => {
  it('returns every value of the window, clamped to the record end', async () => {
    const data = spiky(3600);
    const record = fakeRecord([data], 360);
    const window = await readWindow('id', record, { recordingId: 'id', startSec: 9, durationSec: 5 });
    expect(window.startFrame).toBe(3240);
    expect(window.endFrame).toBe(3600);
    expect(window.signals[0]?.values).toEqual(Array.from(data.slice(3240)));
    expect(window.signals[0]?.decimated).toBeNull();
  });

  it('starts at the exact frame despite floating-point noise in startSec * fs', async () => {
    const record = fakeRecord([spiky(3600)], 360);
    const window = await readWindow('id', record, { recordingId: 'id', startSec: 0.1, durationSec: 0.1 });
    expect([window.startFrame, window.endFrame]).toEqual([36, 72]);
  });

  it('keeps the true minimum and maximum of every bin when decimating', async () => {
    const data = spiky(20_000);
    const record = fakeRecord([data], 250);
    const window = await readWindow('id', record, { recordingId: 'id', startSec: 1, durationSec: 70, maxPoints: 300 });
    const signal = window.signals[0];
    const perBin = signal?.decimated?.framesPerBin as number;
    const values = signal?.values as number[];
    expect(values.length).toBeLessThanOrEqual(300);
    for (let bin = 0; bin * 2 < values.length; bin++) {
      const from = window.startFrame + bin * perBin;
      const slice = Array.from(data.slice(from, Math.min(window.endFrame, from + perBin)));
      expect([values[bin * 2], values[bin * 2 + 1]]).toEqual([Math.min(...slice), Math.max(...slice)]);
    }
    const raw = Array.from(data.slice(window.startFrame, window.endFrame));
    expect(Math.max(...values)).toBe(Math.max(...raw));
    expect(Math.min(...values)).toBe(Math.min(...raw));
  });

  it('reads a long window in bounded chunks', async () => {
    const record = fakeRecord([spiky(300_000)], 100);
    await readWindow('id', record, { recordingId: 'id', startSec: 0, durationSec: 3000, maxPoints: 1000 });
    expect(Math.max(...record.reads.map(([a, b]) => b - a))).toBeLessThanOrEqual(1 << 16);
  });

  it('gives null for invalid samples and for bins with no valid sample', async () => {
    const data = Float64Array.from([1, Number.NaN, 3, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    const record = fakeRecord([data], 1);
    const plain = await readWindow('id', record, { recordingId: 'id', startSec: 0, durationSec: 8 });
    expect(plain.signals[0]?.values).toEqual([1, null, 3, null, null, null, null, null]);
    const reduced = await readWindow('id', record, { recordingId: 'id', startSec: 0, durationSec: 8, maxPoints: 16 });
    expect(reduced.signals[0]?.values).toHaveLength(8); // fits: no decimation
    const bins = await readWindow('id', fakeRecord([Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? i : Number.NaN))], 1), {
      recordingId: 'id',
      startSec: 0,
      durationSec: 40,
      maxPoints: 16,
    });
    const values = bins.signals[0]?.values ?? [];
    expect(values.slice(0, 2)).toEqual([0, 4]);
    expect(values.slice(-2)).toEqual([null, null]);
  });

  it('bins all samples of a frame together when a signal has several per frame', async () => {
    const data = Float64Array.from({ length: 2000 }, (_, i) => (i % 4 === 3 ? 10 : 0) + i / 10_000);
    const record = fakeRecord([data], 100, [4]);
    const window = await readWindow('id', record, { recordingId: 'id', startSec: 0, durationSec: 5, maxPoints: 100 });
    const values = window.signals[0]?.values as number[];
    // Every bin holds a tenth sample (value ≥ 10), so every max is ≥ 10.
    for (let i = 1; i < values.length; i += 2) expect(values[i]).toBeGreaterThanOrEqual(10);
    expect(window.signals[0]?.samplesPerFrame).toBe(4);
  });

  it('throws an invalid-argument error naming the record for a signal it lacks', async () => {
    const record = fakeRecord([spiky(100)], 10);
    await expect(readWindow('id', record, { recordingId: 'id', startSec: 0, durationSec: 1, signals: [3] })).rejects.toMatchObject({
      code: 'ipc/invalid-argument',
    });
  });
});
