/**
 * The review's beats on the strip: each beat's label in force (the model's, or the
 * reviewer's) as its class letter in the band above the paper, coloured by class, and a
 * marker under it pointing at the beat. What the model said and what a person decided look
 * different, by shape as well as by colour: a model beat's letter is plain with a thin
 * tick below; a flagged model beat (not N, or unsure) has a downward triangle; a beat the
 * reviewer labelled or added is a white letter on a box of its class colour with a diamond.
 * The selected beat gets an outline round its letter and a column over the paper.
 */
import type { ScatterSeriesOption } from 'echarts/charts';
import type { GraphicComponentOption } from 'echarts/components';
import type { BeatLabel } from '../review';
import { BEAT_CLASS_COLORS } from './beats';
import { BAND_ROWS } from './strip-marks';
import { CHART_FONT } from './font';

/** One beat as the strip needs it. */
export interface StripBeat {
  id: number;
  timeSec: number;
  label: BeatLabel;
  reviewed: boolean;
  added: boolean;
  flagged: boolean;
}

/** How a beat's marker shows where its label came from. */
export type BeatMarkKind = 'model' | 'flagged' | 'reviewed';

/** Marker shape and size per kind (ECharts symbols), shared with the legend. */
export const BEAT_MARKS: Readonly<Record<BeatMarkKind, { symbol: string; size: number | [number, number]; rotate: number }>> = {
  model: { symbol: 'rect', size: [1.5, 8], rotate: 0 },
  flagged: { symbol: 'triangle', size: [9, 8], rotate: 180 },
  reviewed: { symbol: 'diamond', size: [9, 10], rotate: 0 },
};

/** The kind of a beat's marker. */
export function beatMarkKind(beat: Pick<StripBeat, 'reviewed' | 'added' | 'flagged'>): BeatMarkKind {
  if (beat.reviewed || beat.added) return 'reviewed';
  return beat.flagged ? 'flagged' : 'model';
}

/** Colour of the selection outline and column (the app's accent). */
export const SELECTION_COLOR = '#1f5fbf';

function letters(id: string, data: [number, number, string][], color: string, axis: number, reviewed: boolean): ScatterSeriesOption {
  return {
    id,
    type: 'scatter',
    xAxisIndex: axis,
    yAxisIndex: axis,
    data,
    symbolSize: 0,
    itemStyle: { opacity: 1 },
    silent: true,
    animation: false,
    z: 6,
    label: {
      show: true,
      position: 'inside',
      formatter: '{@[2]}',
      color: reviewed ? '#ffffff' : color,
      fontSize: 13,
      fontWeight: reviewed ? 700 : 600,
      fontFamily: CHART_FONT,
      ...(reviewed ? { backgroundColor: color, padding: [1, 3, 0, 3], borderRadius: 2 } : {}),
    },
  };
}

function markers(id: string, data: [number, number][], color: string, kind: BeatMarkKind, axis: number): ScatterSeriesOption {
  const mark = BEAT_MARKS[kind];
  return {
    id,
    type: 'scatter',
    xAxisIndex: axis,
    yAxisIndex: axis,
    data,
    symbol: mark.symbol,
    symbolSize: mark.size,
    symbolRotate: mark.rotate,
    itemStyle: { color, opacity: 1 },
    silent: true,
    animation: false,
    z: 6,
  };
}

/**
 * The series of the beats inside [fromSec, toSec] on the band's axis pair `axis` (y in px):
 * per class, one series of plain letters, one of boxed (reviewed) letters and one per marker
 * kind, with ids `pred-N`, `pred-reviewed-N`, `mark-flagged-N`, ….
 */
export function beatSeries(beats: readonly StripBeat[], fromSec: number, toSec: number, axis: number): ScatterSeriesOption[] {
  const groups = new Map<string, { kind: 'letters' | BeatMarkKind; label: BeatLabel; reviewed: boolean; data: unknown[] }>();
  const push = (key: string, make: () => { kind: 'letters' | BeatMarkKind; label: BeatLabel; reviewed: boolean }, point: unknown) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ...make(), data: [] }));
    group.data.push(point);
  };
  for (const beat of beats) {
    if (beat.timeSec < fromSec || beat.timeSec > toSec) continue;
    const kind = beatMarkKind(beat);
    const reviewed = kind === 'reviewed';
    push(`pred-${reviewed ? 'reviewed-' : ''}${beat.label}`, () => ({ kind: 'letters', label: beat.label, reviewed }), [beat.timeSec, BAND_ROWS.prediction, beat.label]);
    push(`mark-${kind}-${beat.label}`, () => ({ kind, label: beat.label, reviewed }), [beat.timeSec, BAND_ROWS.marker]);
  }
  const out: ScatterSeriesOption[] = [];
  for (const [id, g] of groups) {
    const color = BEAT_CLASS_COLORS[g.label];
    if (g.kind === 'letters') out.push(letters(id, g.data as [number, number, string][], color, axis, g.reviewed));
    else out.push(markers(id, g.data as [number, number][], color, g.kind, axis));
  }
  return out;
}

/** Where times fall on the chart, px. */
export interface StripGeometry {
  startSec: number;
  plotLeftPx: number;
  plotWidthPx: number;
  pxPerSec: number;
  paperTopPx: number;
  paperHeightPx: number;
}

/** X of a time on the chart, px from its left edge. */
export function xOfTime(g: StripGeometry, timeSec: number): number {
  return g.plotLeftPx + (timeSec - g.startSec) * g.pxPerSec;
}

/**
 * The selected beat's outline (round its letter) and column (0.24 s wide, over the paper,
 * behind the trace); nothing when it is off the page.
 */
export function selectionGraphics(beat: StripBeat | null, g: StripGeometry): GraphicComponentOption[] {
  if (!beat) return [];
  const x = xOfTime(g, beat.timeSec);
  if (x < g.plotLeftPx - 1 || x > g.plotLeftPx + g.plotWidthPx + 1) return [];
  const half = Math.max(6, 0.12 * g.pxPerSec);
  return [
    {
      type: 'rect',
      id: 'selection-column',
      z: 2,
      silent: true,
      shape: { x: x - half, y: g.paperTopPx, width: 2 * half, height: g.paperHeightPx },
      style: { fill: 'rgba(31, 95, 191, 0.10)', stroke: 'rgba(31, 95, 191, 0.55)', lineWidth: 1 },
    },
    {
      type: 'rect',
      id: 'selection-outline',
      z: 7,
      silent: true,
      // Round the letter only (its box is about 14 × 16 px), 3 px clear of it, above the marker.
      shape: { x: x - 10.5, y: BAND_ROWS.prediction - 11, width: 21, height: 22, r: 3 },
      style: { fill: 'none', stroke: SELECTION_COLOR, lineWidth: 2 },
    },
  ];
}

/** Row captions in the left margin, right-aligned against the signal area. */
export function bandCaptions(plotLeftPx: number, referenceName: string | null): GraphicComponentOption[] {
  const caption = (id: string, y: number, text: string): GraphicComponentOption => ({
    type: 'text',
    id,
    z: 10,
    silent: true,
    x: plotLeftPx - 6,
    y,
    style: { text, fill: '#52606d', font: `10px ${CHART_FONT}`, align: 'right', verticalAlign: 'middle' },
  });
  return [
    ...(referenceName ? [caption('caption-reference', BAND_ROWS.reference, `ref ${referenceName}`)] : []),
    caption('caption-prediction', BAND_ROWS.prediction, 'beats'),
  ];
}

/** The beat nearest `timeSec` within `maxSec`, or null (beats in time order). */
export function nearestBeat<B extends { timeSec: number }>(beats: readonly B[], timeSec: number, maxSec: number): B | null {
  let best: B | null = null;
  for (const beat of beats) {
    const d = Math.abs(beat.timeSec - timeSec);
    if (d <= maxSec && (best === null || d < Math.abs(best.timeSec - timeSec))) best = beat;
  }
  return best;
}
