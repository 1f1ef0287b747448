import { describe, expect, it } from 'vitest';
import { applyFilter, DEFAULT_FILTER, NO_FILTER } from '../../../../src/main/datasets/filter-config';

describe('applyFilter', () => {
  it('returns an equal copy with NO_FILTER', () => {
    const x = Float64Array.from([1, 2, Number.NaN, 4]);
    const y = applyFilter(x, 360, NO_FILTER);
    expect(y).not.toBe(x);
    expect(Array.from(y)).toEqual(Array.from(x));
  });

  it('removes a baseline offset and a slow drift, keeps a QRS-like spike and the NaN gaps', () => {
    const fs = 360;
    const x = new Float64Array(10 * fs);
    for (let i = 0; i < x.length; i++) x[i] = 2 + 0.5 * Math.sin((2 * Math.PI * 0.2 * i) / fs); // 2 mV offset, 0.2 Hz wander
    for (let beat = fs / 2; beat < x.length; beat += fs) {
      for (let k = -5; k <= 5; k++) x[beat + k]! += 1 - Math.abs(k) / 6; // 1 mV, 30 ms wide
    }
    x.fill(Number.NaN, 2000, 2010);
    const y = applyFilter(x, fs, DEFAULT_FILTER);
    expect(Math.abs(y[fs / 2 + 100]!)).toBeLessThan(0.05); // between beats: baseline gone
    expect(y[2 * fs + fs / 2]!).toBeGreaterThan(0.7); // the spike survives the 35 Hz low-pass
    expect(Number.isNaN(y[2005]!)).toBe(true);
    expect(Number.isNaN(y[2011]!)).toBe(false);
  });
});
