/**
 * RR features of real MIT-BIH beats, checked by hand. Sample numbers are quoted from the
 * reference annotation files (../shared/data/mitdb/100.atr and 208.atr, 360 Hz; beat
 * annotations only): 100 starts 77 N, 370 N, 662 N, … and ends 649232 N, 649484 N, 649734 N,
 * 649991 N (2,273 beats); 208 starts 46 F, 209 V, 483 N, 697 F, 853 V, … and ends 649206 N,
 * 649411 V, 649704 N, 649935 N (2,955 beats). The expected values below are the arithmetic on
 * those numbers.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BeatSet } from '../../src/main/datasets/beat-set';
import { NO_FILTER } from '../../src/main/datasets/filter-config';
import { loadRecordBeats, type LoadOptions } from '../../src/main/datasets/mitdb';
import { SEED_002_WINDOW, WINDOW_FLAGS } from '../../src/main/signal/beat-windows';
import { RR_COLUMN, RR_FEATURE_COUNT } from '../../src/main/signal/rr-features';

const OPTIONS: LoadOptions = { dataDir: join(resolve(__dirname, '../../../shared/data'), 'mitdb'), window: SEED_002_WINDOW, filter: NO_FILTER };

function rr(set: BeatSet, beat: number, column: keyof typeof RR_COLUMN): number {
  const index = beat < 0 ? set.count + beat : beat;
  return set.rr[index * RR_FEATURE_COUNT + RR_COLUMN[column]]!;
}

describe('loadRecordBeats RR features on record 100', () => {
  let set: BeatSet;
  beforeAll(async () => {
    set = await loadRecordBeats('100', OPTIONS);
  });

  it('holds the quoted first and last beats', () => {
    expect(set.count).toBe(2273);
    expect(Array.from(set.samples.subarray(0, 3))).toEqual([77, 370, 662]);
    expect(Array.from(set.samples.subarray(-4))).toEqual([649232, 649484, 649734, 649991]);
  });

  it('gives the first beat its next RR as previous RR', () => {
    expect(rr(set, 0, 'prevRrSec')).toBeCloseTo((370 - 77) / 360, 6);
    expect(rr(set, 0, 'nextRrSec')).toBeCloseTo((370 - 77) / 360, 6);
    expect(rr(set, 1, 'nextRrSec')).toBeCloseTo((662 - 370) / 360, 6);
  });

  it('gives the last beat its previous RR as next RR', () => {
    expect(rr(set, -1, 'prevRrSec')).toBeCloseTo((649991 - 649734) / 360, 6);
    expect(rr(set, -1, 'nextRrSec')).toBeCloseTo((649991 - 649734) / 360, 6);
    expect(rr(set, -2, 'nextOverPrev')).toBeCloseTo((649991 - 649734) / (649734 - 649484), 5);
  });

  it('takes the record mean over all 2,272 intervals', () => {
    const recordMean = (649991 - 77) / (2272 * 360);
    expect(rr(set, 0, 'recordRrSec')).toBeCloseTo(recordMean, 6);
    expect(rr(set, -1, 'prevOverRecord')).toBeCloseTo((649991 - 649734) / 360 / recordMean, 5);
  });

  it('flags the last beat, whose window passes the end (649991 + 180 > 649999)', () => {
    expect(set.windowFlags[set.count - 1]! & WINDOW_FLAGS.END_EDGE).toBe(WINDOW_FLAGS.END_EDGE);
    expect(set.windowFlags[0]! & WINDOW_FLAGS.START_EDGE).toBe(WINDOW_FLAGS.START_EDGE); // 77 − 180 < 0
  });
});

describe('loadRecordBeats RR features on record 208 (irregular: PVCs and fusion beats)', () => {
  let set: BeatSet;
  beforeAll(async () => {
    set = await loadRecordBeats('208', OPTIONS);
  });

  it('holds the quoted beats with their symbols', () => {
    expect(set.count).toBe(2955);
    expect(set.symbols.slice(0, 5)).toEqual(['F', 'V', 'N', 'F', 'V']);
    expect(Array.from(set.samples.subarray(-4))).toEqual([649206, 649411, 649704, 649935]);
    expect(set.symbols.slice(-4)).toEqual(['N', 'V', 'N', 'N']);
  });

  it('gives the premature V at 853 a short previous and a long next RR', () => {
    expect(rr(set, 4, 'prevRrSec')).toBeCloseTo((853 - 697) / 360, 6);
    expect(rr(set, 4, 'nextRrSec')).toBeCloseTo((1181 - 853) / 360, 6);
    // Local mean of the 4 intervals so far: (209−46) + (483−209) + (697−483) + (853−697) = 807 samples.
    expect(rr(set, 4, 'localRrSec')).toBeCloseTo(807 / 4 / 360, 6);
    expect(rr(set, 4, 'prevOverLocal')).toBeCloseTo(156 / (807 / 4), 5);
  });

  it('gives the V at 649411 its RRs and the record mean over 2,954 intervals', () => {
    expect(rr(set, -3, 'prevRrSec')).toBeCloseTo((649411 - 649206) / 360, 6);
    expect(rr(set, -3, 'nextRrSec')).toBeCloseTo((649704 - 649411) / 360, 6);
    const recordMean = (649935 - 46) / (2954 * 360);
    expect(rr(set, -3, 'recordRrSec')).toBeCloseTo(recordMean, 6);
    expect(rr(set, -1, 'nextRrSec')).toBeCloseTo((649935 - 649704) / 360, 6);
  });
});

describe('rrIrregularity on real rhythms', () => {
  /** Median rrIrregularity of the beats of `record` annotated `symbol`. */
  async function medianIrregularity(record: string, symbol: string): Promise<number> {
    const set = await loadRecordBeats(record, OPTIONS);
    const values = Array.from({ length: set.count }, (_, i) => i)
      .filter((i) => set.symbols[i] === symbol)
      .map((i) => rr(set, i, 'rrIrregularity'))
      .sort((a, b) => a - b);
    return values[values.length >> 1]!;
  }

  it('is low in sinus rhythm with premature atrial beats (100, 209) and high in atrial fibrillation (201, 203)', async () => {
    // 100 and 209: sinus rhythm with isolated and paired A beats; 201 and 203: long
    // stretches of atrial fibrillation, whose normal beats come at irregular intervals.
    for (const record of ['100', '209']) expect(await medianIrregularity(record, 'N')).toBeLessThan(0.05);
    for (const record of ['201', '203']) expect(await medianIrregularity(record, 'N')).toBeGreaterThan(0.12);
  });
});

