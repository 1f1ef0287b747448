import { describe, expect, it } from 'vitest';
import { matchBeats } from '../../../../src/main/datasets/beat-matching';

describe('matchBeats', () => {
  it('matches detections within the tolerance and reports extras and misses', () => {
    // 150 ms at 360 Hz = 54 samples.
    const reference = [100, 400, 700, 1000];
    const detections = [110, 395, 560, 1054];
    const m = matchBeats(reference, detections, 54);
    expect(Array.from(m.referenceOf)).toEqual([0, 1, -1, 3]); // 560 is 140 samples from 700: extra
    expect(Array.from(m.missed)).toEqual([2]);
  });

  it('gives a detection between two beats to the nearer one and lets the other beat take its own', () => {
    const m = matchBeats([100, 140], [125, 145], 54);
    // Closest pair first: (140, 145) at 5, then (100, 125) at 25.
    expect(Array.from(m.referenceOf)).toEqual([0, 1]);
    expect(m.missed.length).toBe(0);
  });

  it('matches at most one detection per reference beat', () => {
    const m = matchBeats([500], [490, 505, 520], 54);
    expect(Array.from(m.referenceOf)).toEqual([-1, 0, -1]);
  });

  it('treats the tolerance as inclusive', () => {
    expect(Array.from(matchBeats([100], [154], 54).referenceOf)).toEqual([0]);
    expect(Array.from(matchBeats([100], [155], 54).referenceOf)).toEqual([-1]);
  });

  it('handles empty inputs', () => {
    expect(matchBeats([], [1, 2], 10).referenceOf).toEqual(Int32Array.from([-1, -1]));
    expect(Array.from(matchBeats([5, 9], [], 10).missed)).toEqual([0, 1]);
  });

  it('throws RangeError on unsorted input', () => {
    expect(() => matchBeats([5, 1], [], 10)).toThrow(RangeError);
    expect(() => matchBeats([], [9, 3], 10)).toThrow(RangeError);
  });
});
