/**
 * The full-disclosure overview: the min/max envelope of one signal over the whole record
 * (one vertical stroke per bin, so a beat's extremes survive however many beats share a
 * pixel) and a time axis. The current page is not part of the option: it is a band drawn
 * over the chart (`pageBandPx`), so paging does not redraw thousands of envelope points.
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { SignalOverview } from '../domain';
import { multiplesWithin } from './paper';
import { formatClock } from './time';
import { flatLineData, type EcOption, type FlatXY } from './types';
import { CHART_FONT } from './font';

export interface OverviewInput {
  overview: SignalOverview | null;
  /** Record duration, seconds (the axis spans [0, durationSec]). */
  durationSec: number;
  widthPx: number;
  /** Left and right insets of the plot, px (aligned with the strip's signal area). */
  leftPx: number;
  rightPx: number;
  plotHeightPx: number;
}

const ENVELOPE_COLOR = '#33475b';
/** A page narrower than this on the overview is widened for display, px. */
const MIN_PAGE_PX = 4;

/** Envelope points: (t, min), (t, max) per bin at the bin's centre; a gap breaks the line. */
export function envelopePoints(overview: SignalOverview): FlatXY {
  const n = Math.min(overview.min.length, overview.max.length);
  const out = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) * overview.binDurationSec;
    const lo = overview.min[i] ?? null;
    const hi = overview.max[i] ?? null;
    const gap = lo === null || hi === null;
    out.set([t, gap ? NaN : (lo as number), t, gap ? NaN : (hi as number)], 4 * i);
  }
  return out;
}

/** The q-quantile (0..1) of the non-null values, or null when there are none. */
export function quantile(values: readonly (number | null)[], q: number): number | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const idx = Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))));
  return finite[idx] ?? null;
}

/**
 * Y range of the envelope: the 0.5th percentile of the minima to the 99.5th of the maxima,
 * so that one artefact does not flatten the whole record, plus a little margin.
 */
export function envelopeRange(overview: SignalOverview | null): { min: number; max: number } {
  if (!overview) return { min: -1, max: 1 };
  const lo = quantile(overview.min, 0.005);
  const hi = quantile(overview.max, 0.995);
  if (lo === null || hi === null || hi <= lo) return { min: (lo ?? 0) - 1, max: (hi ?? 0) + 1 };
  const pad = (hi - lo) * 0.05;
  return { min: lo - pad, max: hi + pad };
}

/** Seconds between overview ticks: the first nice step that leaves ≥ 70 px per label. */
export function overviewTickStepSec(durationSec: number, plotWidthPx: number): number {
  const steps = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];
  const pxPerSec = plotWidthPx / Math.max(durationSec, 1e-9);
  return steps.find((s) => s * pxPerSec >= 70) ?? 21600;
}

/** Where the page band lies over the chart, px from the chart's left edge. */
export interface PageBandPx {
  leftPx: number;
  widthPx: number;
}

/**
 * The current page on the overview, in px, widened about its centre to at least
 * MIN_PAGE_PX so that a 10 s page of a 24 h record stays visible.
 */
export function pageBandPx(input: OverviewInput, pageStartSec: number, pageDurationSec: number): PageBandPx {
  const plotWidth = Math.max(1, input.widthPx - input.leftPx - input.rightPx);
  const pxPerSec = plotWidth / Math.max(input.durationSec, 1e-9);
  const widthPx = Math.max(MIN_PAGE_PX, pageDurationSec * pxPerSec);
  const centrePx = input.leftPx + (pageStartSec + pageDurationSec / 2) * pxPerSec;
  return { leftPx: centrePx - widthPx / 2, widthPx };
}

/** The time (seconds) under a pointer `xPx` from the chart's left edge, kept inside the record. */
export function timeAtPx(input: OverviewInput, xPx: number): number {
  const plotWidth = Math.max(1, input.widthPx - input.leftPx - input.rightPx);
  return Math.min(1, Math.max(0, (xPx - input.leftPx) / plotWidth)) * input.durationSec;
}

/** Builds the overview option. */
export function buildOverviewOption(input: OverviewInput): EcOption {
  const plotWidth = Math.max(1, input.widthPx - input.leftPx - input.rightPx);
  const step = overviewTickStepSec(input.durationSec, plotWidth);
  const ticks = multiplesWithin(0, input.durationSec, step);
  const range = envelopeRange(input.overview);
  const envelope: LineSeriesOption = {
    id: 'envelope',
    type: 'line',
    ...flatLineData(input.overview ? envelopePoints(input.overview) : new Float64Array(0)),
    showSymbol: false,
    symbol: 'none',
    connectNulls: false,
    silent: true,
    animation: false,
    // Each bin is already a (min, max) pair: sampling again could only drop extremes.
    sampling: 'minmax',
    lineStyle: { color: ENVELOPE_COLOR, width: 1 },
  };
  return {
    animation: false,
    grid: { left: input.leftPx, right: input.rightPx, top: 4, height: input.plotHeightPx, outerBoundsMode: 'none', show: true, backgroundColor: '#fbfcfd', borderColor: '#c9d1da', borderWidth: 1 },
    xAxis: {
      type: 'value',
      min: 0,
      max: input.durationSec,
      axisLine: { show: false },
      splitLine: { show: false },
      axisTick: { show: true, customValues: ticks, length: 4 },
      axisLabel: { show: true, customValues: ticks, formatter: (v: number) => formatClock(v), fontSize: 11, fontFamily: CHART_FONT, color: '#3d4650', margin: 6 },
    },
    yAxis: { type: 'value', min: range.min, max: range.max, show: false },
    series: [envelope],
  };
}
