/**
 * Reference annotations on the strip: beat labels (MIT symbols) in their own row of the
 * band above the paper, coloured by AAMI class; non-beat annotations (rhythm changes such as
 * "(AFL", noise "~", comments) in a row above them, in their own colour, with a dashed line
 * down the paper. The model's labels and their markers take the rows below (strip-beats.ts).
 */
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { BEAT_CLASS_COLORS, NON_BEAT_COLOR, beatClassOf, isBeatSymbol, nonBeatLabel, type BeatClass } from './beats';
import { verticalSegments } from './strip-paper';
import { flatLineData } from './types';
import { CHART_FONT } from './font';

/** One annotation as the strip needs it. */
export interface StripMark {
  timeSec: number;
  symbol: string;
  aux: string | null;
}

/**
 * Band rows, px from the band's top (the band's y axis is in px, top down): non-beat
 * annotations, reference beat labels, the model's (or reviewer's) labels, and the markers
 * that point at each beat. BAND_HEIGHT_PX (strip-layout.ts) holds them all.
 */
export const BAND_ROWS = { nonBeat: 8, reference: 22, prediction: 40, marker: 55 } as const;


/** A scatter series whose points show their third dimension as text. */
function labelSeries(id: string, data: [number, number, string][], color: string, axisIndex: number, italic: boolean): ScatterSeriesOption {
  return {
    id,
    type: 'scatter',
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    data,
    symbolSize: 0,
    // Scatter items default to 0.8 opacity, which would dim the labels too.
    itemStyle: { opacity: 1 },
    silent: true,
    animation: false,
    z: 5,
    label: {
      show: true,
      position: 'inside',
      formatter: '{@[2]}',
      color,
      fontSize: 11,
      fontWeight: 500,
      fontStyle: italic ? 'italic' : 'normal',
      fontFamily: CHART_FONT,
    },
  };
}

/**
 * The band series (on axis pair `bandAxis`, y in px) and the dashed non-beat lines (on the
 * paper's axis pair `paperAxis`, y in mm from 0 to `paperHeightMm`).
 */
export function markSeries(marks: readonly StripMark[], bandAxis: number, paperAxis: number, paperHeightMm: number): (ScatterSeriesOption | LineSeriesOption)[] {
  const beatsByClass = new Map<BeatClass, [number, number, string][]>();
  const nonBeats: [number, number, string][] = [];
  for (const mark of marks) {
    if (isBeatSymbol(mark.symbol)) {
      const cls = beatClassOf(mark.symbol);
      let list = beatsByClass.get(cls);
      if (!list) beatsByClass.set(cls, (list = []));
      list.push([mark.timeSec, BAND_ROWS.reference, mark.symbol]);
    } else {
      nonBeats.push([mark.timeSec, BAND_ROWS.nonBeat, nonBeatLabel(mark.symbol, mark.aux)]);
    }
  }
  const series: (ScatterSeriesOption | LineSeriesOption)[] = [];
  for (const [cls, data] of beatsByClass) series.push(labelSeries(`beats-${cls}`, data, BEAT_CLASS_COLORS[cls], bandAxis, false));
  if (nonBeats.length > 0) {
    series.push(labelSeries('non-beats', nonBeats, NON_BEAT_COLOR, bandAxis, true));
    series.push({
      id: 'non-beat-lines',
      type: 'line',
      xAxisIndex: paperAxis,
      yAxisIndex: paperAxis,
      ...flatLineData(Float64Array.from(verticalSegments(nonBeats.map((m) => m[0]), 0, paperHeightMm))),
      showSymbol: false,
      symbol: 'none',
      connectNulls: false,
      silent: true,
      animation: false,
      z: 3,
      lineStyle: { color: NON_BEAT_COLOR, width: 1, type: 'dashed', opacity: 0.7 },
    });
  }
  return series;
}
