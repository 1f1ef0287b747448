import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../../../src/main/ml/training/prng';
import { batchClassCounts, sampleEpoch } from '../../../../../src/main/ml/training/sampler';

/** 1,000 N, 30 S, 100 V, 8 F, 2 Q, and two unlabelled detections. */
function labels(): Int8Array {
  const out: number[] = [];
  const add = (c: number, n: number): void => {
    for (let i = 0; i < n; i++) out.push(c);
  };
  add(0, 1000);
  add(1, 30);
  add(-1, 2);
  add(2, 100);
  add(3, 8);
  add(4, 2);
  return Int8Array.from(out);
}

describe('batchClassCounts', () => {
  it('fills the batch exactly, with every class within one beat of its share', () => {
    const prng = createPrng(3);
    for (const shares of [[0.2, 0.2, 0.2, 0.2, 0.2], [0.5, 0.3, 0.2, 0, 0], [1 / 3, 1 / 3, 1 / 3, 0, 0]]) {
      const counts = batchClassCounts(shares, 128, prng);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(128);
      counts.forEach((n, c) => expect(Math.abs(n - shares[c]! * 128)).toBeLessThan(1));
    }
  });
});

describe('sampleEpoch', () => {
  it('draws balanced batches: every class 25 or 26 times in each batch of 128', () => {
    const y = labels();
    const indices = sampleEpoch(y, 5, 'balanced', 128, 20, createPrng(1));
    for (let b = 0; b < 20; b++) {
      const counts = [0, 0, 0, 0, 0];
      for (const i of indices.subarray(b * 128, (b + 1) * 128)) counts[y[i]!]! += 1;
      for (const n of counts) expect(n === 25 || n === 26).toBe(true);
    }
  });

  it('never draws an unlabelled beat and cycles through a rare class evenly', () => {
    const y = labels();
    const indices = sampleEpoch(y, 5, 'balanced', 100, 10, createPrng(2));
    expect(Array.from(indices).every((i) => y[i]! >= 0)).toBe(true);
    const qDraws = new Map<number, number>();
    for (const i of indices) if (y[i] === 4) qDraws.set(i, (qDraws.get(i) ?? 0) + 1);
    const draws = [...qDraws.values()];
    expect(draws).toHaveLength(2);
    expect(Math.abs(draws[0]! - draws[1]!)).toBeLessThanOrEqual(1);
  });

  it('is deterministic: same seed, same batches; another seed, other batches', () => {
    const y = labels();
    const a = sampleEpoch(y, 5, 'balanced', 64, 5, createPrng(7));
    const b = sampleEpoch(y, 5, 'balanced', 64, 5, createPrng(7));
    const c = sampleEpoch(y, 5, 'balanced', 64, 5, createPrng(8));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('makes a plain shuffled pass when sampling is none: each labelled beat once', () => {
    const y = labels();
    const labelled = y.length - 2;
    const indices = sampleEpoch(y, 5, 'none', 10, Math.floor(labelled / 10), createPrng(4));
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('refuses an empty label set and a zero batch size', () => {
    expect(() => sampleEpoch(Int8Array.from([-1, -1]), 5, 'balanced', 4, 1, createPrng(1))).toThrow(/no labelled beat/);
    expect(() => sampleEpoch(labels(), 5, 'balanced', 0, 1, createPrng(1))).toThrow(RangeError);
  });
});
