/**
 * NaN-gap bridging.
 */
import { describe, expect, it } from 'vitest';
import { fillGaps, restoreGaps } from '../../../../src/main/signal/gaps';

describe('fillGaps', () => {
  it('interpolates inner gaps linearly and holds the ends', () => {
    const { filled, gapSamples } = fillGaps([NaN, 1, NaN, NaN, 4, Infinity, NaN]);
    expect(Array.from(filled)).toEqual([1, 1, 2, 3, 4, 4, 4]);
    expect(gapSamples).toBe(5);
  });

  it('gives zeros for an input without a valid sample', () => {
    expect(Array.from(fillGaps([NaN, NaN]).filled)).toEqual([0, 0]);
  });
});

describe('restoreGaps', () => {
  it('writes NaN where the original was invalid', () => {
    expect(Array.from(restoreGaps([1, NaN, 3], Float64Array.from([5, 6, 7])))).toEqual([5, NaN, 7]);
  });
});
