import { describe, expect, it } from 'vitest';
import type { ScatterSeriesOption } from 'echarts/charts';
import { buildTachogramOption, decimateTachogram, PAUSE_MS, splitPauses } from '../../../../src/shared/charts/tachogram';
import { plotWidthPx, type SummaryFrame } from '../../../../src/shared/charts/summary';
import { flat, pairs } from '../pairs';

/** A day-long tachogram of 20,000 beats with a sinusoidal RR, one pause and one short RR. */
function longTachogram() {
  const n = 20_000;
  const timeSec: number[] = [];
  const rrMs: number[] = [];
  for (let i = 0; i < n; i++) {
    timeSec.push((i / n) * 86_400);
    rrMs.push(800 + 100 * Math.sin(i / 300));
  }
  rrMs[12_345] = 2600;
  rrMs[777] = 310;
  return { timeSec, rrMs };
}

describe('decimateTachogram', () => {
  it('keeps every point when there are few', () => {
    const t = { timeSec: [1, 2, 3], rrMs: [800, 900, 700] };
    expect(pairs(decimateTachogram(t, 10, 100))).toEqual([[1, 800], [2, 900], [3, 700]]);
  });

  it('keeps at most two points per bin, the extremes among them, in time order', () => {
    const t = longTachogram();
    const out = pairs(decimateTachogram(t, 86_400, 300));
    expect(out.length).toBeLessThanOrEqual(600);
    const rr = out.map((p) => p[1]);
    expect(Math.max(...rr)).toBe(2600);
    expect(Math.min(...rr)).toBe(310);
    expect(out.find((p) => p[1] === 2600)?.[0]).toBe(t.timeSec[12_345]);
    const times = out.map((p) => p[0]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('keeps each bin’s own minimum and maximum', () => {
    const t = longTachogram();
    const out = pairs(decimateTachogram(t, 86_400, 300));
    // The first bin covers the first 288 s: beats 0..66.
    const inBin = t.rrMs.slice(0, 67);
    const kept = out.filter((p) => p[0] < 288).map((p) => p[1]);
    expect(kept).toContain(Math.max(...inBin));
    expect(kept).toContain(Math.min(...inBin));
  });

  it('drops non-finite points', () => {
    expect(pairs(decimateTachogram({ timeSec: [1, NaN, 3], rrMs: [800, 900, Infinity] }, 10, 100))).toEqual([[1, 800]]);
  });
});

describe('splitPauses', () => {
  it('puts RR intervals of 2 s and more among the pauses', () => {
    const { beats, pauses } = splitPauses(flat([[1, 800], [2, PAUSE_MS], [3, 1999]]));
    expect(pairs(beats)).toEqual([[1, 800], [3, 1999]]);
    expect(pairs(pauses)).toEqual([[2, 2000]]);
  });
});

describe('buildTachogramOption', () => {
  const frame: SummaryFrame = { widthPx: 352, heightPx: 120, durationSec: 86_400 };

  it('thins to two dots per pixel column and keeps the pause', () => {
    const option = buildTachogramOption(longTachogram(), frame);
    const series = option.series as ScatterSeriesOption[];
    const dots = pairs(series[0]?.data as unknown as Float64Array);
    const pauses = pairs(series[1]?.data as unknown as Float64Array);
    expect(dots.length + pauses.length).toBeLessThanOrEqual(2 * plotWidthPx(frame));
    expect(pauses.map((p) => p[1])).toEqual([2600]);
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeLessThanOrEqual(310);
    expect(y.max).toBeGreaterThanOrEqual(2600);
  });
});
