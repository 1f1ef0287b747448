import { describe, expect, it } from 'vitest';
import type { BeatSet } from '../../../../../src/main/datasets';
import { DS1_RECORDS } from '../../../../../src/main/datasets';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';
import { collectBeats, DS1_TRAIN_RECORDS, DS1_VALIDATION_RECORDS, gatherBeats, gatherRows, stratifiedSubset } from '../../../../../src/main/ml/training/data';

function set(record: string, classes: number[], L = 2): BeatSet {
  const n = classes.length;
  return {
    record, source: 'reference', fs: 360, lead: { index: 0, name: 'MLII' }, count: n,
    samples: Int32Array.from(classes, (_, i) => 100 * i), classes: Int8Array.from(classes), symbols: classes.map(() => 'N'),
    windowLength: L, windowRateHz: 360, windows: Float32Array.from({ length: n * L }, (_, i) => i), windowFlags: new Uint8Array(n), differences: null,
    rr: Float32Array.from({ length: n * RR_FEATURE_COUNT }, (_, i) => i), missed: [], hasAnnotations: true,
  };
}

describe('DS1_VALIDATION_RECORDS', () => {
  it('holds DS1 records only, and the training records are the rest of DS1', () => {
    expect(DS1_VALIDATION_RECORDS.every((r) => DS1_RECORDS.includes(r))).toBe(true);
    expect([...DS1_TRAIN_RECORDS, ...DS1_VALIDATION_RECORDS].sort()).toEqual([...DS1_RECORDS].sort());
  });
});

describe('stratifiedSubset', () => {
  it('keeps a rare class whole and fills the rest with the common one', () => {
    const classes = Int8Array.from([...new Array(100).fill(0), 1, 1, 1, 2]);
    const picked = stratifiedSubset(classes, () => true, 20, 1);
    expect(picked).toHaveLength(20);
    const counts = [0, 0, 0];
    for (const i of picked) counts[classes[i]!]! += 1;
    expect(counts).toEqual([16, 3, 1]);
    expect(Array.from(picked)).toEqual(Array.from(picked).sort((a, b) => a - b));
  });
});

describe('collectBeats', () => {
  it('concatenates the labelled beats with their windows and RR rows, leaving out −1', () => {
    const out = collectBeats([set('a', [0, -1, 1]), set('b', [2])], 5);
    expect(out.count).toBe(3);
    expect(Array.from(out.classes)).toEqual([0, 1, 2]);
    expect(Array.from(out.windows)).toEqual([0, 1, 4, 5, 0, 1]);
    expect(out.rr[RR_FEATURE_COUNT]).toBe(2 * RR_FEATURE_COUNT);
    expect(out.records).toEqual(['a', 'b']);
  });

  it('thins each record to maxBeatsPerRecord', () => {
    const out = collectBeats([set('a', new Array(50).fill(0)), set('b', new Array(7).fill(1))], 5, { maxBeatsPerRecord: 10, seed: 3 });
    expect(out.count).toBe(17);
  });

  it('refuses records with different window lengths', () => {
    expect(() => collectBeats([set('a', [0], 2), set('b', [0], 3)], 5)).toThrow(/3-sample windows, not 2/);
  });
});

describe('gatherBeats', () => {
  it('copies the picked beats of several sets in the order given, differences included', () => {
    const a = { ...set('a', [0, 1, 2]), differences: Float32Array.from([10, 11, 12, 13, 14, 15]) };
    const b = { ...set('b', [3]), differences: Float32Array.from([20, 21]) };
    const out = gatherBeats([a, b], [[1, 0], [0, 2], [0, 0]]);
    expect(out.count).toBe(3);
    expect(Array.from(out.classes)).toEqual([3, 2, 0]);
    expect(Array.from(out.windows)).toEqual([0, 1, 4, 5, 0, 1]);
    expect(Array.from(out.differences!)).toEqual([20, 21, 14, 15, 10, 11]);
    expect(Array.from(out.rr.subarray(RR_FEATURE_COUNT, RR_FEATURE_COUNT + 2))).toEqual([2 * RR_FEATURE_COUNT, 2 * RR_FEATURE_COUNT + 1]);
  });

  it('refuses a picked set without differences when the first has them', () => {
    const a = { ...set('a', [0]), differences: Float32Array.from([1, 2]) };
    expect(() => gatherBeats([a, set('b', [1])], [[0, 0], [1, 0]])).toThrow(/b lacks neighbour differences/);
  });
});

describe('gatherRows', () => {
  it('gathers rows in the given order', () => {
    expect(Array.from(gatherRows(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, [2, 0]))).toEqual([5, 6, 1, 2]);
  });
});
