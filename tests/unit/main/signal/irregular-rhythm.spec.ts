import { describe, expect, it } from 'vitest';
import { irregularRhythmBeats } from '../../../../src/main/signal/irregular-rhythm';
import { RR_COLUMN, RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';

/** RR rows whose rrIrregularity is `values[i]` (the other columns 1). */
function rrWithIrregularity(values: readonly number[]): Float32Array {
  const rr = new Float32Array(values.length * RR_FEATURE_COUNT).fill(1);
  values.forEach((v, i) => (rr[i * RR_FEATURE_COUNT + RR_COLUMN.rrIrregularity] = v));
  return rr;
}

describe('irregularRhythmBeats', () => {
  it('flags the beats whose median irregularity over ±smoothingBeats exceeds the threshold', () => {
    const rr = rrWithIrregularity([0.2, 0, 0.2, 0, 0, 0.2, 0.2, 0.2, 0, 0.2]);
    expect(Array.from(irregularRhythmBeats(rr, { threshold: 0.15, smoothingBeats: 0 }))).toEqual([1, 0, 1, 0, 0, 1, 1, 1, 0, 1]);
    // ±1: a lone irregular beat between calm ones is not flagged; a calm one between irregular ones is.
    expect(Array.from(irregularRhythmBeats(rr, { threshold: 0.15, smoothingBeats: 1 }))).toEqual([0, 1, 0, 0, 0, 1, 1, 1, 1, 0]);
  });

  it('does not flag a few irregular beats inside a steady rhythm (an ectopic beat moves the measure briefly)', () => {
    const rr = rrWithIrregularity([0, 0, 0, 0, 0.4, 0.4, 0, 0, 0, 0]);
    expect(Array.from(irregularRhythmBeats(rr, { threshold: 0.1, smoothingBeats: 3 })).every((f) => f === 0)).toBe(true);
  });

  it('uses the median of a shorter window near the ends, and needs the measure above the threshold, not at it', () => {
    // Values a float32 holds exactly, so that "at the threshold" is exact.
    const rr = rrWithIrregularity([0.25, 0.25, 0, 0, 0, 0.125, 0.125, 0.125]);
    expect(Array.from(irregularRhythmBeats(rr, { threshold: 0.125, smoothingBeats: 2 }))).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives no flags for no beats', () => {
    expect(irregularRhythmBeats(new Float32Array(0), { threshold: 0.1, smoothingBeats: 30 })).toHaveLength(0);
  });

  it('throws RangeError for options out of range or ragged features', () => {
    const rr = rrWithIrregularity([0, 0]);
    expect(() => irregularRhythmBeats(rr, { threshold: 0, smoothingBeats: 3 })).toThrow(RangeError);
    expect(() => irregularRhythmBeats(rr, { threshold: Number.NaN, smoothingBeats: 3 })).toThrow(RangeError);
    expect(() => irregularRhythmBeats(rr, { threshold: 0.1, smoothingBeats: -1 })).toThrow(RangeError);
    expect(() => irregularRhythmBeats(rr, { threshold: 0.1, smoothingBeats: 1.5 })).toThrow(RangeError);
    expect(() => irregularRhythmBeats(rr.subarray(1), { threshold: 0.1, smoothingBeats: 3 })).toThrow(RangeError);
  });
});
