import { describe, expect, it } from 'vitest';
import { pairs } from '../pairs';
import { horizontalSegments, paperLines, paperSeries, verticalSegments } from '../../../../src/shared/charts/strip-paper';

function diffs(values: number[]): number[] {
  return values.slice(1).map((v, i) => v - (values[i] as number));
}

describe('paperLines', () => {
  it('puts a line every 0.04 s and a major one every 0.2 s at 25 mm/s', () => {
    const { minor, major } = paperLines(0, 1, 1 / 25);
    const all = [...minor, ...major].sort((a, b) => a - b);
    expect(all).toHaveLength(26);
    for (const d of diffs(all)) expect(d).toBeCloseTo(0.04, 9);
    expect(major).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('keeps major lines on multiples of 5 mm from the origin when the interval starts between lines', () => {
    const { major } = paperLines(1234.51, 1235.5, 1 / 25);
    expect(major).toEqual([1234.6, 1234.8, 1235, 1235.2, 1235.4]);
  });

  it('puts a line every 0.02 s at 50 mm/s', () => {
    const { minor, major } = paperLines(10, 11, 1 / 50);
    const all = [...minor, ...major].sort((a, b) => a - b);
    expect(all).toHaveLength(51);
    for (const d of diffs(all)) expect(d).toBeCloseTo(0.02, 9);
    for (const m of major) expect((m * 10) % 1).toBeCloseTo(0, 6);
  });
});

describe('verticalSegments', () => {
  it('draws each x from y0 to y1 and breaks the line after it', () => {
    expect(pairs(verticalSegments([1, 2], 0, 5))).toEqual([[1, 0], [1, 5], [1, NaN], [2, 0], [2, 5], [2, NaN]]);
  });
});

describe('horizontalSegments', () => {
  it('draws each y from x0 to x1 and breaks the line after it', () => {
    expect(pairs(horizontalSegments([3], 0, 9))).toEqual([[0, 3], [9, 3], [9, NaN]]);
  });
});

describe('paperSeries', () => {
  it('makes one silent minor and one major series with lines every mm over the area', () => {
    const [minor, major] = paperSeries({ fromSec: 0, toSec: 0.4, heightMm: 10, secPerMm: 0.04 }, 1);
    expect(minor?.silent).toBe(true);
    // A vertical segment is a triple [x, 0], [x, height], [x, null].
    const xs = (s: typeof minor) => {
      const data = pairs(s?.data as unknown as Float64Array);
      return data.filter((p, i) => i % 3 === 0 && p[1] === 0 && data[i + 1]?.[0] === p[0] && data[i + 1]?.[1] === 10).map((p) => p[0]);
    };
    const verticals = [...xs(minor), ...xs(major)].sort((a, b) => a - b);
    expect(verticals).toHaveLength(11);
    expect(xs(major)).toEqual([0, 0.2, 0.4]);
  });
});
