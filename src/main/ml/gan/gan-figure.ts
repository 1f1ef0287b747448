/**
 * The report figure that shows synthetic beats beside real ones: one column per GAN class,
 * real beats on top, synthetic below, each panel overlaying a few windows on the same time
 * and amplitude scale (z-scored units), so that a reader can judge at a glance whether the
 * generator learnt the class's shape. Rendered to SVG on the server by the report's
 * ECharts SSR helper (../../report/echarts-ssr), like the PDF's charts.
 */
import type { GraphicComponentOption, GridComponentOption } from 'echarts/components';
import type { LineSeriesOption } from 'echarts/charts';
import { CHART_FONT } from '../../../shared/charts/font';
import { flatLineData, type EcOption } from '../../../shared/charts/types';
import { renderChartSvg } from '../../report/echarts-ssr';

/** One class's beats: each a window of `windowLength` values. */
export interface FigureClass {
  name: string;
  /** count × windowLength real windows. */
  real: Float32Array;
  /** count × windowLength synthetic windows. */
  synthetic: Float32Array;
}

const ROWS = [
  { key: 'real', label: 'real', color: '#1f5fbf' },
  { key: 'synthetic', label: 'synthetic (GAN)', color: '#c0392b' },
] as const;
// gap: room for the last time label of one panel and the first of the next.
const PANEL = { left: 40, top: 34, gap: 32, rowGap: 40, width: 220, height: 150 };

/** Range of all values, padded 5 %, for one amplitude scale shared by every panel. */
function valueRange(classes: readonly FigureClass[]): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const c of classes) for (const a of [c.real, c.synthetic]) for (const v of a) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(lo < hi)) return [-1, 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** The figure's ECharts option for `classes` with windows of `windowLength` samples at `rateHz`. */
export function syntheticBeatsOption(classes: readonly FigureClass[], windowLength: number, rateHz: number): EcOption {
  const [yMin, yMax] = valueRange(classes);
  const grid: GridComponentOption[] = [];
  const xAxis: NonNullable<EcOption['xAxis']> = [];
  const yAxis: NonNullable<EcOption['yAxis']> = [];
  const series: LineSeriesOption[] = [];
  const graphic: GraphicComponentOption[] = [];
  const text = (x: number, y: number, label: string, bold = false): GraphicComponentOption =>
    ({ type: 'text', left: x, top: y, style: { text: label, font: `${bold ? '600 ' : ''}12px ${CHART_FONT}`, fill: '#222' } }) as GraphicComponentOption;
  classes.forEach((c, col) => {
    ROWS.forEach((row, r) => {
      const index = grid.length;
      const left = PANEL.left + col * (PANEL.width + PANEL.gap);
      const top = PANEL.top + r * (PANEL.height + PANEL.rowGap);
      grid.push({ left, top, width: PANEL.width, height: PANEL.height, show: true, borderColor: '#ccc' });
      (xAxis as object[]).push({ type: 'value', gridIndex: index, min: 0, max: windowLength / rateHz, splitLine: { show: false }, axisLabel: { fontSize: 9, formatter: (v: number) => `${v.toFixed(1)} s` } });
      (yAxis as object[]).push({ type: 'value', gridIndex: index, min: yMin, max: yMax, splitLine: { show: false }, axisLabel: { show: col === 0, fontSize: 9, formatter: (v: number) => v.toFixed(0) } });
      const values = c[row.key];
      for (let start = 0; start + windowLength <= values.length; start += windowLength) {
        const points = new Float64Array(2 * windowLength);
        for (let j = 0; j < windowLength; j++) [points[2 * j], points[2 * j + 1]] = [j / rateHz, values[start + j]!];
        series.push({ type: 'line', xAxisIndex: index, yAxisIndex: index, ...flatLineData(points), showSymbol: false, silent: true, animation: false, lineStyle: { width: 0.8, color: row.color, opacity: 0.6 } });
      }
      graphic.push(text(left + 4, top + 4, `${c.name} — ${row.label} (${values.length / windowLength})`, r === 0));
    });
  });
  return { animation: false, grid, xAxis, yAxis, series, graphic };
}

/** Size of the figure for `classCount` classes, CSS px. */
export function syntheticBeatsSize(classCount: number): { widthPx: number; heightPx: number } {
  return { widthPx: PANEL.left + classCount * (PANEL.width + PANEL.gap) + 8, heightPx: PANEL.top + 2 * (PANEL.height + PANEL.rowGap) };
}

/** The figure as an SVG document (see the file header). */
export function renderSyntheticBeatsSvg(classes: readonly FigureClass[], windowLength: number, rateHz: number): string {
  const { widthPx, heightPx } = syntheticBeatsSize(classes.length);
  return renderChartSvg(syntheticBeatsOption(classes, windowLength, rateHz), widthPx, heightPx);
}
