/**
 * Baseline removal and the running median on CONSTRUCTED signals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateBaseline, medianFilter, removeBaseline } from '../../../../src/main/signal/baseline';

function naiveMedian(x: Float64Array, width: number): Float64Array {
  const w = Math.floor(width / 2) * 2 + 1, half = (w - 1) / 2;
  return x.map((_, i) => {
    const win: number[] = [];
    for (let j = i - half; j <= i + half; j++) win.push(x[Math.min(x.length - 1, Math.max(0, j))]!);
    win.sort((a, b) => a - b);
    return win[half]!;
  });
}

describe('medianFilter', () => {
  it('equals a naive running median with edge repetition', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 15 }),
      (values, width) => {
        const x = Float64Array.from(values);
        expect(Array.from(medianFilter(x, width))).toEqual(Array.from(naiveMedian(x, width)));
      }));
  });
});

describe('estimateBaseline', () => {
  it('follows a slow wander under narrow pulses (QRS-like) and wide ones (T-like)', () => {
    const fs = 360;
    const n = fs * 20;
    const wander = (i: number): number => 0.5 * Math.sin((2 * Math.PI * 0.2 * i) / fs);
    const x = new Float64Array(n).map((_, i) => {
      const beat = i % fs;
      const qrs = Math.exp(-0.5 * ((beat - 100) / 4) ** 2);
      const t = 0.3 * Math.exp(-0.5 * ((beat - 190) / 14) ** 2);
      return wander(i) + qrs + t;
    });
    const base = estimateBaseline(x, fs);
    let sq = 0, count = 0, worst = 0;
    for (let i = fs; i < n - fs; i++) {
      const e = base[i]! - wander(i);
      sq += e * e; count++; worst = Math.max(worst, Math.abs(e));
    }
    // Residual wander: RMS under 10 % of the 0.5 mV wander, nowhere above 30 % (on its steepest
    // slopes the pulses tip the medians).
    expect(Math.sqrt(sq / count)).toBeLessThan(0.05);
    expect(worst).toBeLessThan(0.15);
  });
});

describe('removeBaseline', () => {
  it('keeps the QRS height, removes a DC offset, and keeps NaN where the input is invalid', () => {
    const fs = 250;
    const x = new Float64Array(fs * 10).map((_, i) => 2 + Math.exp(-0.5 * (((i % fs) - 125) / 3) ** 2));
    x[600] = NaN;
    const y = removeBaseline(x, fs);
    expect(Number.isNaN(y[600]!)).toBe(true);
    expect(y[4 * fs + 125]!).toBeCloseTo(1, 2);
    expect(Math.abs(y[4 * fs + 10]!)).toBeLessThan(1e-9);
  });
});
