import { describe, expect, it } from 'vitest';
import { indexAnnotations, marksInRange } from '../../../../src/main/services/annotations';
import { lowerBound } from '../../../../src/shared/sorted';
import type { Annotation } from '../../../../src/main/wfdb';

const mark = (sample: number, symbol = 'N', aux: string | null = null): Annotation => ({ sample, symbol, code: 1, subtype: 0, chan: 0, num: 0, aux });

describe('lowerBound', () => {
  it('finds the first index whose value is at least the target', () => {
    const values = Float64Array.from([1, 3, 3, 7]);
    expect([0, 1, 2, 3, 4, 7, 8].map((t) => lowerBound(values, t))).toEqual([0, 0, 1, 1, 3, 3, 4]);
  });
});

describe('indexAnnotations', () => {
  it('sorts annotations by sample when the file has them out of order', () => {
    const indexed = indexAnnotations({ annotations: [mark(30), mark(10), mark(20)], fs: null });
    expect(Array.from(indexed.samples)).toEqual([10, 20, 30]);
  });
});

describe('marksInRange', () => {
  const indexed = indexAnnotations({ annotations: [mark(0), mark(360), mark(719), mark(720, 'V'), mark(1000, '+', '(N\u0000')], fs: null });

  it('returns the marks in [start, end) with their time in seconds', () => {
    const marks = marksInRange(indexed, 360, 1, 2);
    expect(marks.map((m) => [m.sample, m.timeSec])).toEqual([
      [360, 1],
      [719, 719 / 360],
    ]);
  });

  it('uses the annotation file’s own time resolution when it declares one', () => {
    const fine = indexAnnotations({ annotations: [mark(500), mark(1500)], fs: 1000 });
    expect(marksInRange(fine, 360, 1, 2).map((m) => m.sample)).toEqual([1500]);
  });

  it('strips the trailing NUL that MIT-BIH aux strings carry', () => {
    expect(marksInRange(indexed, 360, 2, 3)[1]?.aux).toBe('(N');
  });

  it('throws an invalid-argument error when the range ends before it starts', () => {
    expect(() => marksInRange(indexed, 360, 2, 1)).toThrow(expect.objectContaining({ code: 'ipc/invalid-argument' }));
  });
});
