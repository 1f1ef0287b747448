import { describe, expect, it } from 'vitest';
import {
  chooseLaneCenterMv,
  fittedLaneRange,
  laneHeightMm,
  millivoltsPerUnit,
  voltageLaneRange,
} from '../../../../src/shared/charts/lanes';

describe('millivoltsPerUnit', () => {
  it('converts mV, uV and V and refuses non-voltage units', () => {
    expect(millivoltsPerUnit('mV')).toBe(1);
    expect(millivoltsPerUnit('uV')).toBe(0.001);
    expect(millivoltsPerUnit('V')).toBe(1000);
    expect(millivoltsPerUnit('mmHg')).toBeNull();
    expect(millivoltsPerUnit('')).toBeNull();
  });
});

describe('laneHeightMm', () => {
  it('is a multiple of 10 mm between 30 and 80 mm', () => {
    for (const gain of [5, 10, 20]) {
      const h = laneHeightMm(gain);
      expect(h % 10).toBe(0);
      expect(h).toBeGreaterThanOrEqual(30);
      expect(h).toBeLessThanOrEqual(80);
    }
  });

  it('shows 4 mV at 10 mm/mV', () => {
    expect(laneHeightMm(10) / 10).toBe(4);
  });
});

describe('chooseLaneCenterMv', () => {
  it('centres a small trace on its baseline, on a large square (0.5 mV at 10 mm/mV)', () => {
    const trace = [...Array<number>(100).fill(-0.3), 1.2];
    expect(chooseLaneCenterMv(trace, 10, null)).toBeCloseTo(-0.5, 9);
    expect(chooseLaneCenterMv([0.2, 0.2, 0.2], 10, null)).toBe(0);
  });

  it('moves the centre off the baseline so that deep QRS complexes stay inside the lane', () => {
    // Like V1 of MIT-BIH 213: baseline near 0, S waves down to -2.6 mV, a 4 mV lane.
    const trace = [...Array<number>(900).fill(0), ...Array<number>(50).fill(-2.6), ...Array<number>(50).fill(0.8)];
    const centre = chooseLaneCenterMv(trace, 10, null);
    expect(centre - 2).toBeLessThanOrEqual(-2.6);
    expect(centre + 2).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(centre / 0.5 - Math.round(centre / 0.5))).toBeLessThan(1e-9);
  });

  it('centres a trace taller than the lane on the middle of its range', () => {
    const trace = [...Array<number>(50).fill(-3), ...Array<number>(50).fill(3)];
    expect(chooseLaneCenterMv(trace, 10, null)).toBeCloseTo(0, 9);
  });

  it('keeps the previous centre while the trace still fits around it', () => {
    expect(chooseLaneCenterMv([0.4, 0.4], 10, 0)).toBe(0);
    expect(chooseLaneCenterMv([3.6, 3.6], 10, 0)).toBeCloseTo(3.5, 9);
  });

  it('keeps the previous centre (or 0) when there is no data', () => {
    expect(chooseLaneCenterMv([NaN, NaN], 10, 1)).toBe(1);
    expect(chooseLaneCenterMv([], 10, null)).toBe(0);
  });
});

describe('voltageLaneRange', () => {
  it('spans the lane height divided by the gain, centred, in the signal units', () => {
    const r = voltageLaneRange(-0.5, 40, 10, 1);
    expect(r.max - r.min).toBeCloseTo(4, 12);
    expect((r.max + r.min) / 2).toBeCloseTo(-0.5, 12);
    const uv = voltageLaneRange(0, 40, 10, 0.001);
    expect(uv.max).toBeCloseTo(2000, 9);
  });
});

describe('fittedLaneRange', () => {
  it('pads the data range by a tenth each side and marks the lane off-scale', () => {
    expect(fittedLaneRange([0, 100, NaN])).toEqual({ min: -10, max: 110, onPaperScale: false });
  });

  it('opens a flat or empty signal to a visible range', () => {
    expect(fittedLaneRange([5, 5])).toEqual({ min: 4, max: 6, onPaperScale: false });
    expect(fittedLaneRange([])).toEqual({ min: -1, max: 1, onPaperScale: false });
  });
});
