import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../../../src/main/datasets/filter-config';
import { chooseLead, loadRecordBeats, type LoadOptions } from '../../../../src/main/datasets/mitdb';
import type { LeadSignal, RecordReaders, SymbolAt } from '../../../../src/main/datasets/wfdb-readers';
import { SEED_002_WINDOW, WINDOW_FLAGS } from '../../../../src/main/signal/beat-windows';
import { RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';
import { useTempDir } from '../../../support/temp-dir';

/** A synthetic record: 0.1 mV baseline and a 1 mV spike at each beat; fake readers that count calls. */
function fakeRecord(length: number, annotations: SymbolAt[] | null, descriptions = ['MLII', 'V1']) {
  const signal = new Float64Array(length).fill(0.1);
  for (const a of annotations ?? []) if (a.sample >= 0 && a.sample < length) signal[a.sample] = 1.1;
  const calls = { lead: 0, annotations: 0 };
  const readers: RecordReaders = {
    async readLead(_path, choose): Promise<LeadSignal> {
      calls.lead++;
      const index = choose(descriptions);
      return { signal, fs: 360, samplesPerFrame: 1, lead: { index, name: descriptions[index]! } };
    },
    async readAnnotations() {
      calls.annotations++;
      return annotations;
    },
    async fingerprint() {
      return 'synthetic';
    },
  };
  return { signal, readers, calls };
}

const ANNOTATIONS: SymbolAt[] = [
  { sample: 5, symbol: '+' }, // rhythm change: not a beat
  { sample: 100, symbol: 'N' },
  { sample: 400, symbol: 'A' },
  { sample: 650, symbol: '!' }, // flutter wave: not a beat for the protocol
  { sample: 700, symbol: 'V' },
  { sample: 1000, symbol: 'f' },
  { sample: 1300, symbol: 'N' },
  { sample: 1500, symbol: '~' },
];

function options(readers: RecordReaders, extra: Partial<LoadOptions> = {}): LoadOptions {
  return { dataDir: '/nowhere', window: SEED_002_WINDOW, filter: NO_FILTER, readers, ...extra };
}

describe('chooseLead', () => {
  it('picks MLII wherever it is, else the first signal', () => {
    expect(chooseLead(['MLII', 'V5'])).toBe(0);
    expect(chooseLead(['V5', 'MLII'])).toBe(1); // record 114
    expect(chooseLead(['V5', 'V2'])).toBe(0); // records 102, 104
  });
});

describe('loadRecordBeats', () => {
  const cacheDir = useTempDir('beats-');

  it('keeps the AAMI beats of the reference annotations with class, symbol, window and RR', async () => {
    const { readers } = fakeRecord(1450, ANNOTATIONS, ['V5', 'MLII']);
    const set = await loadRecordBeats('114', options(readers));
    expect(set.lead).toEqual({ index: 1, name: 'MLII' });
    expect(Array.from(set.samples)).toEqual([100, 400, 700, 1000, 1300]);
    expect(set.symbols).toEqual(['N', 'A', 'V', 'f', 'N']);
    expect(Array.from(set.classes)).toEqual([0, 1, 2, 4, 0]); // N S V Q N
    expect(set.windows.length).toBe(5 * 360);
    expect(set.rr.length).toBe(5 * RR_FEATURE_COUNT);
    expect(set.rr[0]).toBeCloseTo(300 / 360, 6); // first beat's previous RR = its next RR (400 − 100)
    expect(set.windowFlags[0]).toBe(WINDOW_FLAGS.START_EDGE); // 100 − 180 < 0
    expect(set.windowFlags[4]).toBe(WINDOW_FLAGS.END_EDGE); // 1300 + 180 > 1449
    expect(set.missed).toEqual([]);
  });

  it('labels detections by the reference beat within 150 ms and lists extras and misses', async () => {
    const { readers } = fakeRecord(1600, ANNOTATIONS);
    const detect = (): Int32Array => Int32Array.from([1310, 104, 540, 700, 700, 3000]); // unsorted, a duplicate, one outside
    const set = await loadRecordBeats('200', options(readers, { source: { kind: 'detector', detect } }));
    expect(Array.from(set.samples)).toEqual([104, 540, 700, 1310]);
    expect(Array.from(set.classes)).toEqual([0, -1, 2, 0]); // 540 is 140 samples (389 ms) from 400
    expect(set.symbols).toEqual(['N', '', 'V', 'N']);
    expect(set.missed.map((m) => [m.sample, m.symbol, m.aami])).toEqual([[400, 'A', 'S'], [1000, 'f', 'Q']]);
    expect(set.rr[RR_FEATURE_COUNT]).toBeCloseTo((540 - 104) / 360, 6); // RR from detections
  });

  it('gives no beats in reference mode and unlabelled detections when the annotation file is missing', async () => {
    const { readers } = fakeRecord(1600, null);
    const reference = await loadRecordBeats('300', options(readers));
    expect(reference.count).toBe(0);
    expect(reference.hasAnnotations).toBe(false);
    const detect = (): Int32Array => Int32Array.from([200, 600]);
    const detected = await loadRecordBeats('300', options(readers, { source: { kind: 'detector', detect } }));
    expect(Array.from(detected.classes)).toEqual([-1, -1]);
  });

  it('handles a very short record with beats on its first and last samples', async () => {
    const { readers } = fakeRecord(50, [{ sample: 0, symbol: 'N' }, { sample: 49, symbol: 'V' }]);
    const set = await loadRecordBeats('short', options(readers));
    expect(set.count).toBe(2);
    expect(set.windowFlags[0]! & WINDOW_FLAGS.START_EDGE).toBeTruthy();
    expect(set.windowFlags[1]! & WINDOW_FLAGS.END_EDGE).toBeTruthy();
    expect(set.windows.every(Number.isFinite)).toBe(true);
  });

  it('flags beats whose window holds invalid samples', async () => {
    const { readers, signal } = fakeRecord(1600, ANNOTATIONS);
    signal.fill(Number.NaN, 950, 980); // inside beat 1000's window (820–1179) only
    const set = await loadRecordBeats('gap', options(readers));
    expect(Array.from(set.windowFlags, (f) => f & WINDOW_FLAGS.INVALID)).toEqual([0, 0, 0, WINDOW_FLAGS.INVALID, 0]);
  });

  it('loads a second time from the cache without reading the record again, identically', async () => {
    const { readers, calls } = fakeRecord(1600, ANNOTATIONS);
    const first = await loadRecordBeats('100', options(readers, { cacheDir: cacheDir() }));
    expect(calls).toEqual({ lead: 1, annotations: 1 });
    const second = await loadRecordBeats('100', options(readers, { cacheDir: cacheDir() }));
    expect(calls).toEqual({ lead: 1, annotations: 1 });
    expect(second).toEqual(first);
    expect((await readdir(cacheDir())).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps one cache file per window config', async () => {
    const { readers, calls } = fakeRecord(1600, ANNOTATIONS);
    await loadRecordBeats('100', options(readers, { cacheDir: cacheDir() }));
    const other = await loadRecordBeats('100', options(readers, { cacheDir: cacheDir(), window: { ...SEED_002_WINDOW, length: 200, placement: { kind: 'centred', beforeSamples: 90 } } }));
    expect(other.windowLength).toBe(200);
    expect(calls.lead).toBe(2);
    expect((await readdir(cacheDir())).length).toBe(2);
  });

  it('does not cache detector results without a detector id', async () => {
    const { readers, calls } = fakeRecord(1600, ANNOTATIONS);
    const detect = (): Int32Array => Int32Array.from([100, 700]);
    await loadRecordBeats('100', options(readers, { cacheDir: cacheDir(), source: { kind: 'detector', detect } }));
    await loadRecordBeats('100', options(readers, { cacheDir: cacheDir(), source: { kind: 'detector', detect } }));
    expect(calls.lead).toBe(2);
    await loadRecordBeats('100', options(readers, { cacheDir: cacheDir(), source: { kind: 'detector', detect, id: 'fixed-v1' } }));
    await loadRecordBeats('100', options(readers, { cacheDir: cacheDir(), source: { kind: 'detector', detect, id: 'fixed-v1' } }));
    expect(calls.lead).toBe(3);
  });
});
