/**
 * MIT-BIH through the dataset loader: per-class beat counts of DS1 and DS2 against de Chazal's
 * published counts (../shared/docs/protocol.md), and per record against the symbol counts of
 * the reference reading (wfdb-python 4.3.1 `rdann`, ../shared/data/reference/mitdb/
 * annotations.json), so that no beat is dropped; the beat cache on a real record; detector
 * mode with engineer E's QRS detector (../src/main/signal/qrs/detect) on record 208.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aamiClassOf, countAamiClasses, emptyAamiCounts, type AamiCounts } from '../../src/main/datasets/aami';
import type { BeatSet } from '../../src/main/datasets/beat-set';
import { countBeats } from '../../src/main/datasets/counts';
import { DEFAULT_FILTER, NO_FILTER } from '../../src/main/datasets/filter-config';
import { loadRecordBeats, loadRecords, type LoadOptions } from '../../src/main/datasets/mitdb';
import { DS1_RECORDS, DS2_RECORDS } from '../../src/main/datasets/splits';
import { SEED_002_WINDOW } from '../../src/main/signal/beat-windows';
import { detectQrs } from '../../src/main/signal/qrs/detect';
import { useTempDir } from '../support/temp-dir';

const DATA = resolve(__dirname, '../../../shared/data');
const MITDB = join(DATA, 'mitdb');
const REFERENCE = JSON.parse(readFileSync(join(DATA, 'reference/mitdb/annotations.json'), 'utf8')) as Record<string, { counts: Record<string, number> }>;

/** AAMI counts of a record from the reference reading's per-symbol counts. */
function referenceCounts(record: string): AamiCounts {
  const counts = emptyAamiCounts();
  for (const [symbol, n] of Object.entries(REFERENCE[`${record}.atr`]!.counts)) {
    const aami = aamiClassOf(symbol);
    if (aami !== null) counts[aami] += n;
  }
  return counts;
}

const FAST: LoadOptions = { dataDir: MITDB, window: SEED_002_WINDOW, filter: NO_FILTER };

describe('loadRecords over the de Chazal split', () => {
  let ds1: BeatSet[] = [];
  let ds2: BeatSet[] = [];
  beforeAll(async () => {
    ds1 = await loadRecords(DS1_RECORDS, FAST);
    ds2 = await loadRecords(DS2_RECORDS, FAST);
  });

  it('gives DS1 45,866 / 944 / 3,788 / 415 / 8 beats (N/S/V/F/Q), 51,021 in all', () => {
    const counts = countBeats(ds1);
    expect(counts.classes).toEqual({ N: 45_866, S: 944, V: 3_788, F: 415, Q: 8 });
    console.info(`DS1: ${counts.edgePadded} beats kept with a window padded at a record edge, ${counts.invalid} on invalid samples`);
  });

  it('gives DS2 44,259 / 1,837 / 3,221 / 388 / 7 beats, 49,712 in all', () => {
    const counts = countBeats(ds2);
    expect(counts.classes).toEqual({ N: 44_259, S: 1_837, V: 3_221, F: 388, Q: 7 });
    console.info(`DS2: ${counts.edgePadded} beats kept with a window padded at a record edge, ${counts.invalid} on invalid samples`);
  });

  it('drops no beat of any record: counts equal the reference reading record by record', () => {
    for (const set of [...ds1, ...ds2]) {
      expect(countAamiClasses(set.classes), set.record).toEqual(referenceCounts(set.record));
      expect(set.windows.length).toBe(set.count * 360);
    }
  });

  it('reads MLII: the second signal of record 114, the first elsewhere', () => {
    for (const set of [...ds1, ...ds2]) {
      expect(set.lead, set.record).toEqual({ index: set.record === '114' ? 1 : 0, name: 'MLII' });
    }
  });
});

describe('loadRecordBeats with a cache folder', () => {
  const cacheDir = useTempDir('mitdb-beats-', 'suite');

  it('loads record 100 the second time from the cache, faster and identical', async () => {
    const options: LoadOptions = { ...FAST, filter: DEFAULT_FILTER, cacheDir: cacheDir() };
    let t = performance.now();
    const first = await loadRecordBeats('100', options);
    const firstMs = performance.now() - t;
    t = performance.now();
    const second = await loadRecordBeats('100', options);
    const secondMs = performance.now() - t;
    console.info(`record 100: extracted in ${firstMs.toFixed(0)} ms, from the cache in ${secondMs.toFixed(0)} ms`);
    // Byte comparison of the big arrays (a deep equality over 800,000 floats takes seconds).
    const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const key of ['samples', 'classes', 'windows', 'windowFlags', 'rr'] as const) {
      expect(bytes(second[key]).equals(bytes(first[key])), key).toBe(true);
    }
    const { samples: _s, classes: _c, windows: _w, windowFlags: _f, rr: _r, ...rest } = second;
    const { samples: _s1, classes: _c1, windows: _w1, windowFlags: _f1, rr: _r1, ...firstRest } = first;
    expect(rest).toEqual(firstRest);
    expect(secondMs).toBeLessThan(firstMs / 3);
  });
});

describe('loadRecordBeats on filtered MIT-BIH windows', () => {
  it('puts the R peak of record 100\'s normal beats at the window centre', async () => {
    const set = await loadRecordBeats('100', { ...FAST, filter: DEFAULT_FILTER });
    let centred = 0;
    let normal = 0;
    for (let i = 0; i < set.count; i++) {
      if (set.symbols[i] !== 'N') continue;
      normal++;
      const w = set.windows.subarray(i * 360, (i + 1) * 360);
      let peak = 0;
      for (let j = 1; j < 360; j++) if (w[j]! > w[peak]!) peak = j;
      if (Math.abs(peak - 180) <= 10) centred++; // within 28 ms of the annotation
    }
    expect(centred / normal).toBeGreaterThan(0.99);
  });
});

describe('loadRecordBeats with a detector', () => {
  it('labels the detections of record 208 from the reference beats within 150 ms and accounts for every beat', async () => {
    const reference = await loadRecordBeats('208', FAST);
    const detect = (signal: Float64Array, fs: number): Int32Array => detectQrs([signal], fs).samples;
    const detected = await loadRecordBeats('208', { ...FAST, source: { kind: 'detector', detect } });
    const matched = Array.from(detected.classes).filter((c) => c >= 0).length;
    console.info(`208: ${detected.count} detections, ${matched} matched, ${detected.count - matched} extra, ${detected.missed.length} missed of ${reference.count}`);
    expect(matched + detected.missed.length).toBe(reference.count);
    expect(matched / reference.count).toBeGreaterThan(0.95);
    // Each matched detection carries the class and symbol of a reference beat within 54 samples.
    for (let i = 0; i < detected.count; i++) {
      if (detected.classes[i]! < 0) continue;
      const j = reference.symbols.findIndex((_, k) => Math.abs(reference.samples[k]! - detected.samples[i]!) <= 54 && reference.symbols[k] === detected.symbols[i]);
      expect(j, `detection at ${detected.samples[i]}`).toBeGreaterThanOrEqual(0);
      expect(reference.classes[j]).toBe(detected.classes[i]);
    }
  });
});
