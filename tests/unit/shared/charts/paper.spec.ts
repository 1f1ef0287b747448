import { describe, expect, it } from 'vitest';
import { PX_PER_MM, minorStepMv, minorStepSec, multiplesWithin, pxPerMv, pxPerSec } from '../../../../src/shared/charts/paper';

describe('PX_PER_MM', () => {
  it('is 96 CSS px per inch over 25.4 mm per inch', () => {
    expect(PX_PER_MM * 25.4).toBeCloseTo(96, 12);
  });
});

describe('pxPerSec', () => {
  it('gives 25 mm of paper per second at 25 mm/s', () => {
    expect(pxPerSec(25) / PX_PER_MM).toBeCloseTo(25, 12);
  });
});

describe('pxPerMv', () => {
  it('gives 10 mm of paper per mV at 10 mm/mV', () => {
    expect(pxPerMv(10) / PX_PER_MM).toBeCloseTo(10, 12);
  });
});

describe('minorStepSec', () => {
  it('is 0.04 s at 25 mm/s and 0.02 s at 50 mm/s', () => {
    expect(minorStepSec(25)).toBeCloseTo(0.04, 12);
    expect(minorStepSec(50)).toBeCloseTo(0.02, 12);
    expect(minorStepSec(12.5)).toBeCloseTo(0.08, 12);
  });
});

describe('minorStepMv', () => {
  it('is 0.1 mV at 10 mm/mV and 0.05 mV at 20 mm/mV', () => {
    expect(minorStepMv(10)).toBeCloseTo(0.1, 12);
    expect(minorStepMv(20)).toBeCloseTo(0.05, 12);
  });
});

describe('multiplesWithin', () => {
  it('includes both ends when they are multiples', () => {
    expect(multiplesWithin(0, 1, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('starts at the first multiple after an unaligned start', () => {
    expect(multiplesWithin(0.13, 0.5, 0.2)).toEqual([0.2, 0.4]);
  });

  it('does not drift 24 hours into a record', () => {
    const lines = multiplesWithin(86_399, 86_400, 0.04);
    expect(lines).toHaveLength(26);
    for (const x of lines) expect(Math.abs(x / 0.04 - Math.round(x / 0.04))).toBeLessThan(1e-6);
  });

  it('returns nothing for an empty or reversed interval or a zero step', () => {
    expect(multiplesWithin(1, 0, 0.1)).toEqual([]);
    expect(multiplesWithin(0, 1, 0)).toEqual([]);
  });
});
