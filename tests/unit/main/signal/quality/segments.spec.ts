/**
 * Noise segments and dropping the beats inside them.
 */
import { describe, expect, it } from 'vitest';
import { dropBeatsInNoise, inNoise, mergeSegments, secondsInNoise } from '../../../../../src/main/signal/quality';

const SEGMENTS = [{ startSec: 2, endSec: 4 }, { startSec: 10, endSec: 12 }];

describe('inNoise', () => {
  it('is true inside [start, end) and false at the end and between segments', () => {
    expect(inNoise(SEGMENTS, 2)).toBe(true);
    expect(inNoise(SEGMENTS, 11.9)).toBe(true);
    expect(inNoise(SEGMENTS, 4)).toBe(false);
    expect(inNoise(SEGMENTS, 7)).toBe(false);
    expect(inNoise([], 3)).toBe(false);
  });
});

describe('dropBeatsInNoise', () => {
  it('keeps only the beats outside the segments, in order', () => {
    const fs = 100;
    const beats = Int32Array.from([100, 250, 399, 400, 1050, 1300]);
    expect(Array.from(dropBeatsInNoise(beats, SEGMENTS, fs))).toEqual([100, 400, 1300]);
  });

  it('returns a copy of every beat when there is no segment', () => {
    const beats = Int32Array.from([1, 2, 3]);
    const kept = dropBeatsInNoise(beats, [], 360);
    expect(Array.from(kept)).toEqual([1, 2, 3]);
    expect(kept).not.toBe(beats);
  });
});

describe('mergeSegments', () => {
  it('sorts and joins overlapping or touching segments, dropping empty ones', () => {
    expect(mergeSegments([{ startSec: 6, endSec: 8 }, { startSec: 0, endSec: 2 }, { startSec: 2, endSec: 4 }, { startSec: 5, endSec: 5 }]))
      .toEqual([{ startSec: 0, endSec: 4 }, { startSec: 6, endSec: 8 }]);
    expect(mergeSegments([{ startSec: 0, endSec: 2 }, { startSec: 3, endSec: 4 }], 1)).toEqual([{ startSec: 0, endSec: 4 }]);
  });
});

describe('secondsInNoise', () => {
  it('adds up the covered seconds inside the range', () => {
    expect(secondsInNoise(SEGMENTS)).toBe(4);
    expect(secondsInNoise(SEGMENTS, 3, 11)).toBe(2);
  });
});
