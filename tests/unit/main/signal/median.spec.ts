import { describe, expect, it } from 'vitest';
import { medianInPlace } from '../../../../src/main/signal/median';

describe('medianInPlace', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    expect(medianInPlace([3, 1, 2])).toBe(2);
    expect(medianInPlace(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
  });

  it('orders plain arrays by value, not as text, and sorts them in place', () => {
    const values = [10, 9, 100, 2];
    expect(medianInPlace(values)).toBe(9.5);
    expect(values).toEqual([2, 9, 10, 100]);
  });

  it('is NaN for no values', () => {
    expect(medianInPlace([])).toBeNaN();
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
  });
});
