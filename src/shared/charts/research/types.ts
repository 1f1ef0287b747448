/**
 * The option type of the research workbench's charts (training curves, per-class F1,
 * confusion matrix). Wider than the review's EcOption: these charts also use a legend, a
 * tooltip, the heatmap series and a hidden continuous visual map, all registered in the
 * renderer's modules/echarts.ts.
 */
import type { ComposeOption } from 'echarts/core';
import type { HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import { CHART_FONT } from '../font';

/** An ECharts option using lines, heatmaps, grids, a legend, a tooltip and a visual map. */
export type ResearchOption = ComposeOption<
  LineSeriesOption | HeatmapSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

/** Text style of axis labels and legends (the review charts' size and ink). */
export const RESEARCH_LABEL = { fontSize: 11, fontFamily: CHART_FONT, color: '#3d4650' } as const;

/** Colours of the training and validation curves: blue and vermillion (Okabe–Ito), apart for colour-blind readers. */
export const CURVE_COLORS = { train: '#0072b2', validation: '#c24100' } as const;
