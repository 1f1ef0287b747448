/**
 * The paper grid as data: small-square and large-square lines, drawn as two line series
 * whose segments are separated by breaks (NaN). The lines are multiples of the square size
 * from the start of the record (x) and from the paper's top (y), so the grid scrolls with
 * the signal as real paper does, and never drifts however far into a record one pages.
 */
import type { LineSeriesOption } from 'echarts/charts';
import { MAJOR_MM, MINOR_MM, roundTo } from './paper';
import { flatLineData } from './types';

/** Paper colours: a pale pink sheet with red-pink rulings (minor lighter, major heavier). */
export const PAPER_COLORS = {
  sheet: '#fff7f6',
  minor: '#f5c8c4',
  major: '#e6918a',
} as const;

/** Positions of the paper lines over an interval, split into minor and major lines. */
export interface PaperLines {
  minor: number[];
  major: number[];
}

/**
 * The lines of a ruling with squares of `minorStep` (data units per mm) between `from` and
 * `to`; every fifth line (a multiple of 5 mm from the origin) is major.
 */
export function paperLines(from: number, to: number, minorStep: number): PaperLines {
  const lines: PaperLines = { minor: [], major: [] };
  if (!(minorStep > 0) || !(to >= from)) return lines;
  const perMajor = MAJOR_MM / MINOR_MM;
  const first = Math.ceil(from / minorStep - 1e-6);
  const last = Math.floor(to / minorStep + 1e-6);
  for (let k = first; k <= last; k++) {
    const value = roundTo(k * minorStep, 9);
    (k % perMajor === 0 ? lines.major : lines.minor).push(value);
  }
  return lines;
}

/** Vertical segments from y0 to y1 at each x, each followed by a break (y NaN). */
export function verticalSegments(xs: readonly number[], y0: number, y1: number): number[] {
  const out: number[] = [];
  for (const x of xs) out.push(x, y0, x, y1, x, NaN);
  return out;
}

/** Horizontal segments from x0 to x1 at each y, each followed by a break (y NaN). */
export function horizontalSegments(ys: readonly number[], x0: number, x1: number): number[] {
  const out: number[] = [];
  for (const y of ys) out.push(x0, y, x1, y, x1, NaN);
  return out;
}

/** The paper's area in its own coordinates: x in seconds, y in mm from the top. */
export interface PaperArea {
  fromSec: number;
  toSec: number;
  heightMm: number;
  /** Seconds per mm at the paper speed. */
  secPerMm: number;
}

/**
 * The two line series of the ruling on axis pair `axisIndex`. Silent (no hover), no
 * symbols, drawn under the signals (z 1).
 */
export function paperSeries(area: PaperArea, axisIndex: number): LineSeriesOption[] {
  const v = paperLines(area.fromSec, area.toSec, area.secPerMm);
  const h = paperLines(0, area.heightMm, MINOR_MM);
  const make = (id: string, data: number[], color: string, width: number): LineSeriesOption => ({
    id,
    type: 'line',
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    ...flatLineData(Float64Array.from(data)),
    showSymbol: false,
    symbol: 'none',
    connectNulls: false,
    silent: true,
    animation: false,
    z: 1,
    lineStyle: { color, width },
  });
  return [
    make('paper-minor', [
      ...verticalSegments(v.minor, 0, area.heightMm),
      ...horizontalSegments(h.minor, area.fromSec, area.toSec),
    ], PAPER_COLORS.minor, 0.6),
    make('paper-major', [
      ...verticalSegments(v.major, 0, area.heightMm),
      ...horizontalSegments(h.major, area.fromSec, area.toSec),
    ], PAPER_COLORS.major, 1),
  ];
}
