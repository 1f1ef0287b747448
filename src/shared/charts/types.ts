/**
 * The option type every chart builder returns: ECharts' option composed from only the parts
 * the app registers (the renderer's modules/echarts.ts and the report's server-side renderer in
 * src/main/report), so a builder cannot use an unregistered part.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GraphicComponentOption, GridComponentOption } from 'echarts/components';

/** An ECharts option using lines, scatter, grids and graphics. */
export type EcOption = ComposeOption<LineSeriesOption | ScatterSeriesOption | GridComponentOption | GraphicComponentOption>;

/**
 * Points of a line as one flat typed array: x0, y0, x1, y1, … (x in seconds or millimetres),
 * NaN for y where the line breaks (an invalid sample, the end of a ruling). ECharts takes a
 * typed array as series data directly: setOption copies it with one memcpy instead of
 * cloning an array per point, which is what keeps scrolling smooth.
 */
export type FlatXY = Float64Array;

/** Number of points in a flat array. */
export function pointCount(points: FlatXY): number {
  return points.length >> 1;
}

/**
 * Dimension names for series whose data is a flat array. ECharts requires them for typed
 * array data (data/Source.ts asserts "dimensions must be given if data is TypedArray" in
 * development builds and in Node, where the PDF report renders charts); the production
 * browser bundle skips the check, which is why the app ran without them.
 */
const XY_DIMENSIONS: readonly ['x', 'y'] = ['x', 'y'];

/**
 * A flat array as the `data` and `dimensions` of a line series. ECharts reads typed arrays as
 * series data at run time (data/Source.ts, SOURCE_FORMAT_TYPED_ARRAY, one value per
 * coordinate dimension), but its option types list only plain arrays: this and
 * {@link flatScatterData} are the one place that bridges the two, and they always give the
 * dimension names typed data needs.
 */
export function flatLineData(points: FlatXY): Pick<LineSeriesOption, 'data' | 'dimensions'> {
  return { data: points as unknown as LineSeriesOption['data'], dimensions: [...XY_DIMENSIONS] };
}

/** A flat array as the `data` and `dimensions` of a scatter series (see {@link flatLineData}). */
export function flatScatterData(points: FlatXY): Pick<ScatterSeriesOption, 'data' | 'dimensions'> {
  return { data: points as unknown as ScatterSeriesOption['data'], dimensions: [...XY_DIMENSIONS] };
}

/** The y values of a flat array (every second number), NaN where the line breaks. */
export function yValues(points: FlatXY): Float64Array {
  const out = new Float64Array(points.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = points[2 * i + 1] as number;
  return out;
}
