/**
 * The confusion-matrix heatmap of an evaluation (AAMI EC57 beat-by-beat): reference class
 * down the rows, predicted class across the columns. Each cell is shaded by its share of the
 * reference row (so that the small S, V, F rows are as readable as the large N row) and
 * labelled with its beat count; the diagonal of a row is that class's sensitivity.
 */
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { EvaluationReport } from '../../research';
import { RESEARCH_LABEL, type ResearchOption } from './types';

/** One cell: column (predicted), row (reference), beats, share of the row (0 when the row is empty). */
export type ConfusionCell = [predicted: number, reference: number, beats: number, rowShare: number];

/** The cells of `confusion[reference][predicted]`, row-normalised. */
export function confusionCells(confusion: readonly (readonly number[])[]): ConfusionCell[] {
  const cells: ConfusionCell[] = [];
  confusion.forEach((row, r) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((beats, p) => cells.push([p, r, beats, total > 0 ? beats / total : 0]));
  });
  return cells;
}

/** Light to dark blue by share of the row. */
const SHADES = ['#f4f7fb', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
/** From this share on, a cell is dark enough that its count is written in white (contrast ≥ 4.5:1). */
export const WHITE_TEXT_SHARE = 0.6;

/** The colour of a cell's count: white on dark cells, ink on light ones. */
export function cellTextColor(rowShare: number): string {
  return rowShare >= WHITE_TEXT_SHARE ? '#ffffff' : '#1f2933';
}

/** The heatmap of `report` (rows: reference, columns: predicted, in `report.classes` order). */
export function buildConfusionOption(report: Pick<EvaluationReport, 'classes' | 'confusion'>): ResearchOption {
  const classes = report.classes;
  const series: HeatmapSeriesOption = {
    type: 'heatmap',
    data: confusionCells(report.confusion).map((value) => ({ value, label: { color: cellTextColor(value[3]) } })),
    animation: false,
    label: {
      show: true,
      ...RESEARCH_LABEL,
      formatter: (p) => String((p.value as ConfusionCell | undefined)?.[2] ?? ''),
    },
    itemStyle: { borderColor: '#fff', borderWidth: 1 },
    encode: { x: 0, y: 1, value: 3 },
  };
  return {
    animation: false,
    grid: { left: 56, right: 8, top: 24, bottom: 8 },
    tooltip: {
      formatter: (p) => {
        const v = (Array.isArray(p) ? p[0]?.value : p.value) as ConfusionCell | undefined;
        if (!v) return '';
        return `reference ${classes[v[1]] ?? ''} → predicted ${classes[v[0]] ?? ''}: ${v[2]} beats (${(v[3] * 100).toFixed(1)} % of the row)`;
      },
    },
    xAxis: { type: 'category', data: [...classes], position: 'top', name: 'predicted', nameLocation: 'middle', nameGap: 18, nameTextStyle: RESEARCH_LABEL, axisLabel: { ...RESEARCH_LABEL, fontWeight: 'bold' }, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...classes], inverse: true, name: 'reference', nameLocation: 'middle', nameGap: 34, nameTextStyle: RESEARCH_LABEL, axisLabel: { ...RESEARCH_LABEL, fontWeight: 'bold' } },
    visualMap: { show: false, type: 'continuous', min: 0, max: 1, dimension: 3, seriesIndex: 0, inRange: { color: SHADES } },
    series: [series],
  };
}
