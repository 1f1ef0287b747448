import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed, seedMathRandom, shuffleInPlace } from '../../../../../src/main/ml/training/prng';

describe('createPrng', () => {
  it('repeats its sequence for the same seed, continues from its state, and differs for another seed', () => {
    const a = createPrng(123);
    const first = [a.next(), a.next(), a.next()];
    const b = createPrng(123);
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    const resumed = createPrng(b.state());
    expect(resumed.next()).toBe(b.next());
    expect(createPrng(124).next()).not.toBe(first[0]);
  });

  it('gives uniform values in [0, 1) and integers in [0, n)', () => {
    const p = createPrng(9);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const v = p.next();
      expect(v >= 0 && v < 1).toBe(true);
      bins[Math.floor(v * 10)]! += 1;
    }
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) expect(p.int(7)).toBeLessThan(7);
  });

  it('gives normal values with mean 0 and standard deviation 1', () => {
    const p = createPrng(10);
    const xs = Array.from({ length: 50_000 }, () => p.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe('deriveSeed', () => {
  it('is a fixed function of its parts and separates (1, 23) from (12, 3)', () => {
    expect(deriveSeed(42, 3, 'batches')).toBe(deriveSeed(42, 3, 'batches'));
    expect(deriveSeed(42, 3, 'batches')).not.toBe(deriveSeed(42, 4, 'batches'));
    expect(deriveSeed(42, 1, 23)).not.toBe(deriveSeed(42, 12, 3));
  });
});

describe('shuffleInPlace', () => {
  it('permutes the values', () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(values, createPrng(1));
    expect(Array.from(values).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(values)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('seedMathRandom', () => {
  it('makes Math.random repeatable and restores the original', () => {
    const original = Math.random;
    const restore = seedMathRandom(5);
    const first = [Math.random(), Math.random()];
    restore();
    expect(Math.random).toBe(original);
    const again = seedMathRandom(5);
    expect([Math.random(), Math.random()]).toEqual(first);
    again();
  });
});
