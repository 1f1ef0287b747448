/**
 * The option type every chart builder returns: ECharts' option composed from only the parts
 * the app registers (see modules/echarts.ts), so a builder cannot use an unregistered part.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GraphicComponentOption, GridComponentOption, MarkAreaComponentOption } from 'echarts/components';

/** An ECharts option using lines, scatter, grids, graphics and mark areas. */
export type EcOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GridComponentOption | GraphicComponentOption | MarkAreaComponentOption
>;

/** A line or scatter data point: x (seconds or millimetres) and y, null to break the line. */
export type XY = [number, number | null];
