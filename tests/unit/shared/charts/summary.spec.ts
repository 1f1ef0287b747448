import { describe, expect, it } from 'vitest';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption } from 'echarts/components';
import type { XAXisComponentOption } from 'echarts';
import { buildTrendOption, niceRange, plotWidthPx, summaryTimeAtPx, SUMMARY_GRID, trendPoints, type SummaryFrame } from '../../../../src/shared/charts/summary';
import { pairs } from '../pairs';

const frame: SummaryFrame = { widthPx: 352, heightPx: 120, durationSec: 1800 };

describe('trendPoints', () => {
  it('gives one point per bin at the bin centre and NaN where a bin is null', () => {
    expect(pairs(trendPoints({ stepSec: 60, bpm: [70, null, 80] }))).toEqual([[30, 70], [90, NaN], [150, 80]]);
  });
});

describe('niceRange', () => {
  it('snaps outward to the step after padding', () => {
    expect(niceRange([62, 118], 10, 40, 5, { min: 0, max: 1 })).toEqual({ min: 50, max: 130 });
  });

  it('widens a narrow range to the minimum span and never goes below zero', () => {
    expect(niceRange([70, 72], 10, 40, 0, { min: 0, max: 1 })).toEqual({ min: 50, max: 100 });
    expect(niceRange([5], 10, 40, 0, { min: 0, max: 1 }).min).toBe(0);
  });

  it('falls back when there is no finite value', () => {
    expect(niceRange([NaN], 10, 40, 5, { min: 40, max: 120 })).toEqual({ min: 40, max: 120 });
  });
});

describe('summaryTimeAtPx', () => {
  it('maps the plot edges to the start and end of the record and clamps outside them', () => {
    expect(summaryTimeAtPx(frame, SUMMARY_GRID.leftPx)).toBe(0);
    expect(summaryTimeAtPx(frame, frame.widthPx - SUMMARY_GRID.rightPx)).toBe(1800);
    expect(summaryTimeAtPx(frame, SUMMARY_GRID.leftPx + plotWidthPx(frame) / 2)).toBeCloseTo(900, 9);
    expect(summaryTimeAtPx(frame, 0)).toBe(0);
    expect(summaryTimeAtPx(frame, 10_000)).toBe(1800);
  });
});

describe('buildTrendOption', () => {
  const trend = { stepSec: 60, bpm: [70, 75, null, 90, 64, ...new Array<number | null>(25).fill(72)] };
  const heartRate = { minBpm: 64, minAtSec: 270, meanBpm: 72, maxBpm: 90, maxAtSec: 210 };
  const option = buildTrendOption({ trend, heartRate }, frame);
  const series = option.series as (LineSeriesOption | ScatterSeriesOption)[];

  it('draws one point per bin with a break at the empty bin', () => {
    const line = pairs(series.find((s) => s.id === 'trend')?.data as unknown as Float64Array);
    expect(line).toHaveLength(30);
    expect(line[2]?.[1]).toBeNaN();
    expect((series[0] as LineSeriesOption).connectNulls).toBe(false);
  });

  it('marks the minimum and maximum heart rate where they occur', () => {
    const marks = (series.find((s) => s.id === 'extremes')?.data ?? []) as { value: number[] }[];
    expect(marks.map((m) => m.value)).toEqual([[270, 64], [210, 90]]);
  });

  it('spans the whole record on x and covers min and max on y', () => {
    const x = option.xAxis as XAXisComponentOption & { min: number; max: number };
    expect([x.min, x.max]).toEqual([0, 1800]);
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeLessThanOrEqual(64);
    expect(y.max).toBeGreaterThanOrEqual(90);
    expect((option.grid as GridComponentOption).left).toBe(SUMMARY_GRID.leftPx);
  });

  it('draws no extremes without a heart rate', () => {
    const empty = buildTrendOption({ trend: { stepSec: 60, bpm: [] }, heartRate: null }, frame);
    expect(((empty.series as ScatterSeriesOption[])[1]?.data as unknown[]).length).toBe(0);
  });
});
