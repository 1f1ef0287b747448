/**
 * The heart-rate trend of the summary tab, and the frame it shares with the tachogram: a
 * small chart whose x axis is the whole record, so that a click anywhere on it maps to a
 * time the strip can jump to.
 */
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';
import type { ReviewSummary } from '../review';
import { multiplesWithin } from './paper';
import { overviewTickStepSec } from './overview';
import { formatClock } from './time';
import { flatLineData, type EcOption, type FlatXY } from './types';
import { CHART_FONT } from './font';

/** Size of a summary chart and the span of its time axis. */
export interface SummaryFrame {
  widthPx: number;
  heightPx: number;
  /** The x axis runs over [0, durationSec]. */
  durationSec: number;
}

/** Insets of the plot inside a summary chart, px (room for the value and time labels). */
export const SUMMARY_GRID = { leftPx: 42, rightPx: 18, topPx: 8, bottomPx: 22 } as const;

const LABEL = { fontSize: 10, fontFamily: CHART_FONT, color: '#3d4650' };
const TREND_COLOR = '#1f5fbf';
const MIN_COLOR = '#1f7a3a';
const MAX_COLOR = '#c0262d';

/** Width of the plot area, px (at least 1). */
export function plotWidthPx(frame: SummaryFrame): number {
  return Math.max(1, frame.widthPx - SUMMARY_GRID.leftPx - SUMMARY_GRID.rightPx);
}

/** The time (seconds) under `xPx` from the chart's left edge, kept inside [0, durationSec]. */
export function summaryTimeAtPx(frame: SummaryFrame, xPx: number): number {
  const f = (xPx - SUMMARY_GRID.leftPx) / plotWidthPx(frame);
  return Math.min(1, Math.max(0, f)) * frame.durationSec;
}

/** The grid of a summary chart. */
export function summaryGrid(frame: SummaryFrame): EcOption['grid'] {
  return {
    left: SUMMARY_GRID.leftPx,
    right: SUMMARY_GRID.rightPx,
    top: SUMMARY_GRID.topPx,
    height: Math.max(1, frame.heightPx - SUMMARY_GRID.topPx - SUMMARY_GRID.bottomPx),
    outerBoundsMode: 'none',
    show: true,
    backgroundColor: '#fbfcfd',
    borderColor: '#c9d1da',
    borderWidth: 1,
  };
}

/** The time axis over the whole record, with clock labels at least 70 px apart. */
export function summaryTimeAxis(frame: SummaryFrame): XAXisComponentOption {
  const step = overviewTickStepSec(frame.durationSec, plotWidthPx(frame));
  const ticks = multiplesWithin(0, frame.durationSec, step);
  return {
    type: 'value',
    min: 0,
    max: Math.max(frame.durationSec, 1e-9),
    axisLine: { show: false },
    splitLine: { show: false },
    axisTick: { show: true, customValues: ticks, length: 3 },
    axisLabel: { show: true, customValues: ticks, formatter: (v: number) => formatClock(v, { short: true }), ...LABEL, margin: 5 },
  };
}

/** A value axis from `min` to `max` with about four labelled lines. */
export function summaryValueAxis(range: { min: number; max: number }, unit: string): YAXisComponentOption {
  return {
    type: 'value',
    min: range.min,
    max: range.max,
    splitNumber: 4,
    axisLine: { show: false },
    axisTick: { show: false },
    splitLine: { show: true, lineStyle: { color: '#e3e8ee', width: 1 } },
    axisLabel: { show: true, formatter: (v: number) => `${v}${unit}`, ...LABEL, margin: 4 },
  };
}

/**
 * A range covering the finite values, widened by `padding` and snapped outward to
 * multiples of `step`, at least `minSpan` wide (centred); `fallback` when there are none.
 */
export function niceRange(values: Iterable<number>, step: number, minSpan: number, padding: number, fallback: { min: number; max: number }): { min: number; max: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return fallback;
  lo -= padding;
  hi += padding;
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  return { min: Math.max(0, Math.floor(lo / step) * step), max: Math.ceil(hi / step) * step };
}

/**
 * One point per trend bin, at the bin's centre; NaN where the bin has too few beats, so
 * the line breaks there rather than bridging a gap in the record.
 */
export function trendPoints(trend: ReviewSummary['trend']): FlatXY {
  const out = new Float64Array(2 * trend.bpm.length);
  trend.bpm.forEach((bpm, i) => {
    out[2 * i] = (i + 0.5) * trend.stepSec;
    out[2 * i + 1] = bpm ?? NaN;
  });
  return out;
}

/** Builds the heart-rate trend: bpm per bin, with the minimum and maximum marked. */
export function buildTrendOption(summary: Pick<ReviewSummary, 'trend' | 'heartRate'>, frame: SummaryFrame): EcOption {
  const points = trendPoints(summary.trend);
  const bpm = summary.trend.bpm.filter((v): v is number => v !== null);
  const hr = summary.heartRate;
  const range = niceRange(hr ? [...bpm, hr.minBpm, hr.maxBpm] : bpm, 10, 40, 5, { min: 40, max: 120 });
  const line: LineSeriesOption = {
    id: 'trend',
    type: 'line',
    ...flatLineData(points),
    showSymbol: false,
    symbol: 'none',
    connectNulls: false,
    silent: true,
    animation: false,
    lineStyle: { color: TREND_COLOR, width: 1.5 },
  };
  const extremes: ScatterSeriesOption = {
    id: 'extremes',
    type: 'scatter',
    silent: true,
    animation: false,
    symbolSize: 7,
    data: hr
      ? [
          { value: [hr.minAtSec, hr.minBpm], itemStyle: { color: MIN_COLOR } },
          { value: [hr.maxAtSec, hr.maxBpm], itemStyle: { color: MAX_COLOR } },
        ]
      : [],
  };
  return {
    animation: false,
    grid: summaryGrid(frame),
    xAxis: summaryTimeAxis(frame),
    yAxis: summaryValueAxis(range, ''),
    series: [line, extremes],
  };
}
