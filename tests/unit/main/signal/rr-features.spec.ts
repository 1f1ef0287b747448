import { describe, expect, it } from 'vitest';
import { computeRrFeatures, RR_FEATURE_COUNT, RR_FEATURE_NAMES, rrFeature } from '../../../../src/main/signal/rr-features';

/**
 * R-peak sample numbers quoted from the MIT-BIH reference annotations (../shared/data/mitdb,
 * 360 Hz): the first 8 beat annotations of 100.atr and of 208.atr as listed in
 * ../shared/data/reference/mitdb/annotations.json ("head", written by wfdb-python 4.3.1);
 * 208.atr's first annotation (sample 9, rhythm "+") is not a beat and is left out.
 */
const REC_100_HEAD = [77, 370, 662, 946, 1231, 1515, 1809, 2044]; // N N N N N N N A
const REC_208_HEAD = [46, 209, 483, 697, 853, 1181, 1378, 1579]; // F V N F V N V V
const FS = 360;

describe('computeRrFeatures', () => {
  it('gives hand-computed RRs for regular beats of record 100', () => {
    const f = computeRrFeatures(REC_100_HEAD, FS);
    // Beat 3 (sample 946): prev = (946 − 662) / 360, next = (1231 − 946) / 360.
    expect(rrFeature(f, 3, 'prevRrSec')).toBeCloseTo(284 / 360, 6);
    expect(rrFeature(f, 3, 'nextRrSec')).toBeCloseTo(285 / 360, 6);
    // Local mean over the 3 intervals so far: (293 + 292 + 284) / 3 / 360.
    expect(rrFeature(f, 3, 'localRrSec')).toBeCloseTo((293 + 292 + 284) / 3 / 360, 6);
    // Record mean (8 beats, 7 intervals): (2044 − 77) / (7 × 360).
    expect(rrFeature(f, 3, 'recordRrSec')).toBeCloseTo((2044 - 77) / (7 * 360), 6);
    // The premature A beat (2044): prev = (2044 − 1809) / 360 = 235/360, against a local mean of
    // the 7 intervals 293 292 284 285 284 294 235 (sum 1967) → ratio 235 / (1967 / 7).
    expect(rrFeature(f, 7, 'prevRrSec')).toBeCloseTo(235 / 360, 6);
    expect(rrFeature(f, 7, 'prevOverLocal')).toBeCloseTo(235 / (1967 / 7), 5);
    expect(rrFeature(f, 7, 'prevOverRecord')).toBeCloseTo(235 / (1967 / 7), 5);
  });

  it('gives hand-computed RRs and ratios for the irregular start of record 208', () => {
    const f = computeRrFeatures(REC_208_HEAD, FS);
    // Beat 2 (N at 483): prev = 483 − 209 = 274, next = 697 − 483 = 214 samples.
    expect(rrFeature(f, 2, 'prevRrSec')).toBeCloseTo(274 / 360, 6);
    expect(rrFeature(f, 2, 'nextRrSec')).toBeCloseTo(214 / 360, 6);
    expect(rrFeature(f, 2, 'localRrSec')).toBeCloseTo((163 + 274) / 2 / 360, 6);
    expect(rrFeature(f, 2, 'nextOverPrev')).toBeCloseTo(214 / 274, 5);
    // Beat 4 (V at 853): prev = 853 − 697 = 156 (premature), next = 1181 − 853 = 328 (compensatory).
    expect(rrFeature(f, 4, 'prevRrSec')).toBeCloseTo(156 / 360, 6);
    expect(rrFeature(f, 4, 'nextRrSec')).toBeCloseTo(328 / 360, 6);
    expect(rrFeature(f, 4, 'nextOverPrev')).toBeCloseTo(328 / 156, 5);
    // Local mean of 163, 274, 214, 156 = 807 / 4 samples.
    expect(rrFeature(f, 4, 'localRrSec')).toBeCloseTo(807 / 4 / 360, 6);
    // Record mean: (1579 − 46) / (7 × 360); local / record = (807 / 4) / (1533 / 7).
    expect(rrFeature(f, 4, 'localOverRecord')).toBeCloseTo(807 / 4 / (1533 / 7), 5);
  });

  it('uses the next RR as the first beat\'s previous RR, and the previous RR as the last beat\'s next RR', () => {
    const f = computeRrFeatures(REC_208_HEAD, FS);
    expect(rrFeature(f, 0, 'prevRrSec')).toBeCloseTo((209 - 46) / 360, 6);
    expect(rrFeature(f, 0, 'nextRrSec')).toBeCloseTo((209 - 46) / 360, 6);
    expect(rrFeature(f, 0, 'localRrSec')).toBeCloseTo((209 - 46) / 360, 6);
    expect(rrFeature(f, 0, 'prevOverLocal')).toBeCloseTo(1, 6);
    expect(rrFeature(f, 7, 'prevRrSec')).toBeCloseTo((1579 - 1378) / 360, 6);
    expect(rrFeature(f, 7, 'nextRrSec')).toBeCloseTo((1579 - 1378) / 360, 6);
  });

  it('averages only the last 10 intervals once more than 10 are known', () => {
    // Intervals 100 × 11 then one of 210 samples at 100 Hz.
    const samples = [0];
    for (let i = 0; i < 11; i++) samples.push(samples[samples.length - 1]! + 100);
    samples.push(samples[samples.length - 1]! + 210);
    const f = computeRrFeatures(samples, 100);
    // Last beat: last 10 intervals are 9 × 1.00 s and 2.10 s → mean 1.11 s.
    expect(rrFeature(f, 12, 'localRrSec')).toBeCloseTo(1.11, 6);
    expect(rrFeature(f, 12, 'prevOverLocal')).toBeCloseTo(2.1 / 1.11, 5);
  });

  it('uses only the intervals of the trailing window for the record mean when asked', () => {
    // 1 s rhythm for 10 beats, then 0.5 s; a 3 s window at the last beat holds 6 intervals of 0.5 s.
    const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5].map((t) => t * 100);
    const trailing = computeRrFeatures(samples, 100, { recordWindowSec: 3 });
    expect(rrFeature(trailing, 16, 'recordRrSec')).toBeCloseTo(0.5, 6);
    // Intervals ending within (7.5, 10.5]: 8, 9 (1 s each), 9.5, 10, 10.5 (0.5 s) → 3.5 / 5.
    expect(rrFeature(trailing, 12, 'recordRrSec')).toBeCloseTo(0.7, 6);
    const whole = computeRrFeatures(samples, 100);
    expect(rrFeature(whole, 16, 'recordRrSec')).toBeCloseTo(12.5 / 16, 6);
  });

  it('gives every beat of a one-beat record the fallback RR, unit ratios and no irregularity', () => {
    const f = computeRrFeatures([500], 360, { fallbackRrSec: 0.8 });
    expect(Array.from(f.data)).toEqual([0.8, 0.8, 0.8, 0.8, 1, 1, 1, 1, 0].map(Math.fround));
  });

  it('returns no rows for no beats, and unit ratios when two beats share a sample', () => {
    expect(computeRrFeatures([], 360).count).toBe(0);
    const f = computeRrFeatures([100, 100, 460], 360);
    expect(rrFeature(f, 1, 'prevRrSec')).toBe(0);
    expect(rrFeature(f, 1, 'nextOverPrev')).toBe(1);
    expect(f.data.every(Number.isFinite)).toBe(true);
  });

  it('throws RangeError when samples go backwards or fs is not positive', () => {
    expect(() => computeRrFeatures([10, 5], 360)).toThrow(RangeError);
    expect(() => computeRrFeatures([10, 20], 0)).toThrow(RangeError);
  });

  it('lays out RR_FEATURE_COUNT columns per beat in RR_FEATURE_NAMES order', () => {
    const f = computeRrFeatures(REC_100_HEAD, FS);
    expect(f.data.length).toBe(REC_100_HEAD.length * RR_FEATURE_COUNT);
    expect(RR_FEATURE_NAMES[0]).toBe('prevRrSec');
    expect(f.data[3 * RR_FEATURE_COUNT]).toBeCloseTo(284 / 360, 6);
  });

  describe('rrIrregularity', () => {
    /** Beat samples at 100 Hz from intervals in seconds, the first beat at 0. */
    const beatsAt = (intervals: readonly number[]): number[] => intervals.reduce((at, d) => [...at, at[at.length - 1]! + Math.round(d * 100)], [0]);
    const irregularityOf = (intervals: readonly number[]): number[] => {
      const f = computeRrFeatures(beatsAt(intervals), 100);
      return Array.from({ length: f.count }, (_, i) => rrFeature(f, i, 'rrIrregularity'));
    };

    it('is the smallest lag-1…3 median successive difference over the median interval', () => {
      // d = 1.0 0.5 1.0 0.8, median 0.9; lag 1: 0.5 0.5 0.2 → 0.5; lag 2: 0 0.3 → 0.15; lag 3: 0.2.
      for (const value of irregularityOf([1, 0.5, 1, 0.8])) expect(value).toBeCloseTo(0.15 / 0.9, 6);
    });

    it('is 0 for a window of fewer than 4 intervals', () => {
      expect(irregularityOf([1, 0.5, 1])).toEqual([0, 0, 0, 0]);
    });

    it('stays 0 through an isolated premature beat, bigeminy and trigeminy, which are regular at some lag', () => {
      const steady = Array<number>(20).fill(1);
      expect(irregularityOf([...steady.slice(0, 10), 0.6, 1.4, ...steady.slice(0, 10)]).every((v) => v === 0)).toBe(true);
      expect(irregularityOf(Array.from({ length: 30 }, (_, j) => (j % 2 ? 1.3 : 0.6))).every((v) => v === 0)).toBe(true);
      expect(irregularityOf(Array.from({ length: 30 }, (_, j) => [0.9, 0.55, 1.3][j % 3]!)).every((v) => v === 0)).toBe(true);
    });

    it('is high where the intervals are irregular at every lag, and 0 in the steady rhythm before them', () => {
      const irregular = [0.62, 1.05, 0.81, 1.27, 0.7, 0.95, 1.18, 0.66, 0.88, 1.33, 0.74, 1.02, 0.59, 1.21, 0.9, 0.77];
      const values = irregularityOf([...Array<number>(24).fill(1), ...irregular]);
      expect(Math.min(...values.slice(-8))).toBeGreaterThan(0.1);
      // Beats up to 16 see intervals up to 24 (8 ahead), which are all steady.
      expect(values.slice(0, 17).every((v) => v === 0)).toBe(true);
    });
  });
});
