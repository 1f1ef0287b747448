/**
 * The RR tachogram of the summary tab: the RR interval before each beat against time, as
 * dots, over the whole record. A 24-hour record has about 100,000 beats (the services send
 * at most 20,000 points) but the panel is a few hundred pixels wide, so the dots are
 * thinned per pixel column first, keeping each column's shortest and longest RR: the
 * extremes (a pause, a run of short-coupled ectopics) are what a reviewer looks for.
 */
import type { ScatterSeriesOption } from 'echarts/charts';
import type { ReviewSummary } from '../review';
import { niceRange, plotWidthPx, summaryGrid, summaryTimeAxis, summaryValueAxis, type SummaryFrame } from './summary';
import { flatScatterData, type EcOption, type FlatXY } from './types';

/** RR intervals at least this long are pauses and drawn in red (the summary lists pauses ≥ 2 s). */
export const PAUSE_MS = 2000;

const DOT_COLOR = 'rgba(36, 52, 71, 0.7)';
const PAUSE_COLOR = '#c0262d';

/**
 * Thins (time, RR) points to at most two per bin of `durationSec / bins`: the bin's
 * shortest and longest RR, in time order. Points outside [0, durationSec] go to the end
 * bins; non-finite ones are dropped. Keeps every point when there are no more than 2 per bin.
 */
export function decimateTachogram(tachogram: ReviewSummary['tachogram'], durationSec: number, bins: number): FlatXY {
  const { timeSec, rrMs } = tachogram;
  const n = Math.min(timeSec.length, rrMs.length);
  const nBins = Math.max(1, Math.floor(bins));
  const keep: number[] = [];
  const finite = (i: number) => Number.isFinite(timeSec[i]) && Number.isFinite(rrMs[i]);
  if (n <= 2 * nBins) {
    for (let i = 0; i < n; i++) if (finite(i)) keep.push(i);
  } else {
    const minAt = new Int32Array(nBins).fill(-1);
    const maxAt = new Int32Array(nBins).fill(-1);
    const span = Math.max(durationSec, 1e-9);
    for (let i = 0; i < n; i++) {
      if (!finite(i)) continue;
      const b = Math.min(nBins - 1, Math.max(0, Math.floor(((timeSec[i] as number) / span) * nBins)));
      const rr = rrMs[i] as number;
      if (minAt[b] === -1 || rr < (rrMs[minAt[b] as number] as number)) minAt[b] = i;
      if (maxAt[b] === -1 || rr > (rrMs[maxAt[b] as number] as number)) maxAt[b] = i;
    }
    for (let b = 0; b < nBins; b++) {
      const lo = minAt[b] as number;
      const hi = maxAt[b] as number;
      if (lo < 0) continue;
      keep.push(Math.min(lo, hi));
      if (lo !== hi) keep.push(Math.max(lo, hi));
    }
    // Bins are time-ordered only if the input is; sort so the dots stay in time order.
    keep.sort((a, b) => (timeSec[a] as number) - (timeSec[b] as number));
  }
  const out = new Float64Array(2 * keep.length);
  keep.forEach((i, k) => {
    out[2 * k] = timeSec[i] as number;
    out[2 * k + 1] = rrMs[i] as number;
  });
  return out;
}

/** Splits flat (t, rr) points into ordinary beats and pauses (RR ≥ {@link PAUSE_MS}). */
export function splitPauses(points: FlatXY): { beats: FlatXY; pauses: FlatXY } {
  const beats: number[] = [];
  const pauses: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const rr = points[i + 1] as number;
    (rr >= PAUSE_MS ? pauses : beats).push(points[i] as number, rr);
  }
  return { beats: Float64Array.from(beats), pauses: Float64Array.from(pauses) };
}

/** Builds the tachogram: one dot per kept beat (two per pixel column at most), pauses in red. */
export function buildTachogramOption(tachogram: ReviewSummary['tachogram'], frame: SummaryFrame): EcOption {
  const points = decimateTachogram(tachogram, frame.durationSec, plotWidthPx(frame));
  const { beats, pauses } = splitPauses(points);
  const rr: number[] = [];
  for (let i = 1; i < points.length; i += 2) rr.push(points[i] as number);
  const range = niceRange(rr, 200, 600, 50, { min: 400, max: 1200 });
  const dots = (id: string, data: FlatXY, color: string, size: number): ScatterSeriesOption => ({
    id,
    type: 'scatter',
    ...flatScatterData(data),
    symbolSize: size,
    silent: true,
    animation: false,
    itemStyle: { color },
  });
  return {
    animation: false,
    grid: summaryGrid(frame),
    xAxis: summaryTimeAxis(frame),
    yAxis: summaryValueAxis(range, ''),
    series: [dots('rr', beats, DOT_COLOR, 2), dots('pauses', pauses, PAUSE_COLOR, 5)],
  };
}
