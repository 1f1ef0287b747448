/**
 * The strip's ECharts option: data in, option out, no DOM. Axis pairs (grid, x, y share an
 * index): 0 the annotation band (y in px), 1 the paper (y in mm, top down), 2 + i lane i
 * (y in the signal's units). Every x axis spans the same seconds per pixel, so a time has
 * one x position in all of them. With a review, the band also carries the beats' labels
 * (strip-beats.ts) and the paper the selection, the attention heatmap (strip-heatmap.ts) and
 * the noise stretches (strip-noise.ts).
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { GraphicComponentOption, GridComponentOption } from 'echarts/components';
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { PX_PER_MM, multiplesWithin, pxPerSec, type PaperScale } from './paper';
import { PAPER_COLORS, paperSeries } from './strip-paper';
import { markSeries, type StripMark } from './strip-marks';
import { bandCaptions, beatSeries, selectionGraphics, type StripBeat, type StripGeometry } from './strip-beats';
import { heatmapGraphic } from './strip-heatmap';
import { noiseGraphic } from './strip-noise';
import { irregularGraphic } from './strip-rhythm';
import type { BeatAttention, IrregularSpan, NoiseSpan } from '../review';
import { BAND_HEIGHT_PX, type StripLayout } from './strip-layout';
import type { LaneRange } from './lanes';
import { formatClock, formatWallClock } from './time';
import { flatLineData, type EcOption, type FlatXY } from './types';
import { CHART_FONT } from './font';

/** One lane's data: its samples as flat (seconds, value) pairs and its y range. */
export interface StripLane {
  name: string;
  units: string;
  points: FlatXY;
  range: LaneRange;
}

export interface StripInput {
  layout: StripLayout;
  scale: PaperScale;
  /** Time at the left edge of the signal area, seconds from the start of the record. */
  startSec: number;
  lanes: readonly StripLane[];
  marks: readonly StripMark[];
  /** Base time of the record in seconds after midnight, for wall-clock labels; or null. */
  baseTimeSec: number | null;
  /** The reference annotator's name, for the row's caption (null: no reference row shown). */
  referenceName?: string | null;
  /** The review's beats, selection and heatmap; absent before a review has started. */
  review?: StripReview | null;
}

/** What the review adds to the strip. */
export interface StripReview {
  beats: readonly StripBeat[];
  selectedBeatId: number | null;
  /** Attention of the visible beats; null when the heatmap is off. */
  attention: readonly BeatAttention[] | null;
  /** Noise stretches on the page (strip-noise.ts); absent: none. */
  noise?: readonly NoiseSpan[];
  /** Stretches of irregular rhythm on the page (strip-rhythm.ts); absent: none. */
  irregular?: readonly IrregularSpan[];
}

export const SIGNAL_COLOR = '#101418';
const TEXT_COLOR = '#2b2f36';
/** Margin graphics sit above the paper's rulings (series z 1–5), or the rulings would cross the text. */
const GRAPHIC_Z = 10;

/** Seconds between time labels: about one label per 90 px or more. */
export function timeLabelStepSec(speedMmPerSec: number): number {
  const secPx = pxPerSec(speedMmPerSec);
  return [0.5, 1, 2, 5, 10].find((s) => s * secPx >= 90) ?? 10;
}

/** The time-axis label at `sec`: clock time from the start, and wall-clock time below it. */
export function timeLabel(sec: number, baseTimeSec: number | null): string {
  const clock = formatClock(sec, { decimals: Number.isInteger(Math.round(sec * 1000) / 1000) ? 0 : 1 });
  return baseTimeSec === null ? clock : `${clock}\n${formatWallClock(baseTimeSec, sec)}`;
}

function grid(left: number, top: number, width: number, height: number, extra: Partial<GridComponentOption> = {}): GridComponentOption {
  // outerBoundsMode 'none': ECharts 6 would otherwise shrink a grid to fit its labels,
  // which would break the millimetre scale.
  return { left, top, width, height, outerBoundsMode: 'none', show: false, ...extra };
}

function hiddenX(gridIndex: number, min: number, max: number): XAXisComponentOption {
  return { type: 'value', gridIndex, min, max, show: false, animation: false };
}

function hiddenY(gridIndex: number, min: number, max: number, inverse = false): YAXisComponentOption {
  return { type: 'value', gridIndex, min, max, inverse, show: false, animation: false };
}

/** The paper's x axis, which carries the time labels under the strip. */
function timeAxis(input: StripInput, fromSec: number, toSec: number): XAXisComponentOption {
  const { startSec, layout, scale, baseTimeSec } = input;
  const ticks = multiplesWithin(startSec, startSec + layout.durationSec, timeLabelStepSec(scale.speedMmPerSec));
  return {
    type: 'value',
    gridIndex: 1,
    min: fromSec,
    max: toSec,
    position: 'bottom',
    animation: false,
    axisLine: { show: false },
    splitLine: { show: false },
    axisTick: { show: true, customValues: ticks, length: 5, lineStyle: { color: PAPER_COLORS.major } },
    axisLabel: {
      show: true,
      customValues: ticks,
      formatter: (value: number) => timeLabel(value, baseTimeSec),
      color: TEXT_COLOR,
      fontSize: 11,
      fontFamily: CHART_FONT,
      lineHeight: 15,
      margin: 7,
      showMinLabel: true,
      showMaxLabel: true,
    },
  };
}

function signalSeries(lane: StripLane, axisIndex: number): LineSeriesOption {
  return {
    id: `signal-${axisIndex - 2}`,
    type: 'line',
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    ...flatLineData(lane.points),
    // LTTB keeps R peaks when there are more samples than pixels; 'average' would flatten them.
    sampling: 'lttb',
    showSymbol: false,
    symbol: 'none',
    connectNulls: false,
    silent: true,
    animation: false,
    clip: true,
    z: 4,
    lineStyle: { color: SIGNAL_COLOR, width: 1.1, join: 'round' },
  };
}

/** Lane names and units, calibration pulses, the scale and the margin rule (pixels). */
function marginGraphics(input: StripInput): GraphicComponentOption[] {
  const { layout, scale, lanes } = input;
  const out: GraphicComponentOption[] = [];
  layout.lanes.forEach((laneBox, i) => {
    const lane = lanes[i];
    if (!lane) return;
    const units = lane.range.onPaperScale ? lane.units : `${lane.units || 'no units'}\nfitted`;
    out.push({
      type: 'text',
      id: `lane-label-${i}`,
      z: GRAPHIC_Z,
      x: 4,
      y: laneBox.topPx + 4,
      silent: true,
      style: { text: `${lane.name}\n${units}`, fill: TEXT_COLOR, font: `600 12px ${CHART_FONT}`, lineHeight: 15, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
    });
    if (lane.range.onPaperScale) out.push(calibrationPulse(i, laneBox.topPx + laneBox.heightPx / 2, layout.plotLeftPx, scale));
  });
  const paperBottom = layout.paperTopPx + layout.paperHeightPx;
  out.push({
    type: 'line',
    id: 'plot-edge',
    z: GRAPHIC_Z,
    silent: true,
    shape: { x1: layout.plotLeftPx, y1: layout.paperTopPx, x2: layout.plotLeftPx, y2: paperBottom },
    style: { stroke: PAPER_COLORS.major, lineWidth: 1.5 },
  });
  // Bottom left of the paper's margin, under the last calibration pulse: the band's margin
  // holds the row captions and the axis row the first time label.
  out.push({
    type: 'text',
    id: 'scale-label',
    z: GRAPHIC_Z,
    x: 4,
    y: paperBottom - 34,
    silent: true,
    style: { text: `${scale.speedMmPerSec} mm/s\n${scale.gainMmPerMv} mm/mV`, lineHeight: 14, fill: TEXT_COLOR, font: `11px ${CHART_FONT}`, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
  });
  return out;
}

/**
 * A 1 mV, 200 ms calibration pulse ending 1 mm left of the signal area, its foot on the
 * lane's centre line: 1 mV tall (the gain) and 0.2 s wide (at the paper speed), with 2 mm of
 * baseline each side.
 */
export function calibrationPulse(laneIndex: number, baselinePx: number, plotLeftPx: number, scale: PaperScale): GraphicComponentOption {
  const foot = 2 * PX_PER_MM;
  const widthPx = 0.2 * scale.speedMmPerSec * PX_PER_MM;
  const heightPx = 1 * scale.gainMmPerMv * PX_PER_MM;
  const x0 = plotLeftPx - PX_PER_MM - (2 * foot + widthPx);
  const top = baselinePx - heightPx;
  return {
    type: 'polyline',
    id: `calibration-${laneIndex}`,
    z: GRAPHIC_Z,
    silent: true,
    shape: {
      points: [
        [x0, baselinePx], [x0 + foot, baselinePx], [x0 + foot, top],
        [x0 + foot + widthPx, top], [x0 + foot + widthPx, baselinePx], [x0 + 2 * foot + widthPx, baselinePx],
      ],
    },
    style: { stroke: SIGNAL_COLOR, lineWidth: 1.1, fill: 'none' },
  };
}

/** Builds the whole strip option. */
export function buildStripOption(input: StripInput): EcOption {
  const { layout, startSec } = input;
  const endSec = startSec + layout.durationSec;
  const secPerPx = 1 / pxPerSec(input.scale.speedMmPerSec);
  const paperFrom = startSec - layout.plotLeftPx * secPerPx;
  const paperTo = startSec + (layout.widthPx - layout.plotLeftPx) * secPerPx;
  const { plotLeftPx: left, plotWidthPx: width } = layout;
  const grids = [
    grid(left, 0, width, BAND_HEIGHT_PX),
    grid(0, layout.paperTopPx, layout.widthPx, layout.paperHeightPx, { show: true, backgroundColor: PAPER_COLORS.sheet, borderWidth: 0 }),
    ...layout.lanes.map((lane) => grid(left, lane.topPx, width, lane.heightPx)),
  ];
  const xAxes = [
    hiddenX(0, startSec, endSec),
    timeAxis(input, paperFrom, paperTo),
    ...layout.lanes.map((_, i) => hiddenX(2 + i, startSec, endSec)),
  ];
  const yAxes = [
    hiddenY(0, 0, BAND_HEIGHT_PX, true),
    hiddenY(1, 0, layout.paperHeightMm, true),
    ...layout.lanes.map((_, i) => hiddenY(2 + i, input.lanes[i]?.range.min ?? -1, input.lanes[i]?.range.max ?? 1)),
  ];
  const paperArea = { fromSec: paperFrom, toSec: paperTo, heightMm: layout.paperHeightMm, secPerMm: 1 / input.scale.speedMmPerSec };
  const visibleMarks = input.marks.filter((m) => m.timeSec >= startSec && m.timeSec <= endSec);
  return {
    animation: false,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series: [
      ...paperSeries(paperArea, 1),
      ...input.lanes.slice(0, layout.lanes.length).map((lane, i) => signalSeries(lane, 2 + i)),
      ...markSeries(visibleMarks, 0, 1, layout.paperHeightMm),
      ...(input.review ? beatSeries(input.review.beats, startSec, endSec, 0) : []),
    ],
    graphic: [...marginGraphics(input), ...reviewGraphics(input)],
  };
}

/** The strip's geometry in px, for graphics placed by time. */
export function stripGeometry(layout: StripLayout, startSec: number, speedMmPerSec: number): StripGeometry {
  return {
    startSec,
    plotLeftPx: layout.plotLeftPx,
    plotWidthPx: layout.plotWidthPx,
    pxPerSec: pxPerSec(speedMmPerSec),
    paperTopPx: layout.paperTopPx,
    paperHeightPx: layout.paperHeightPx,
  };
}

/** Row captions, the selection and the heatmap. */
function reviewGraphics(input: StripInput): GraphicComponentOption[] {
  const review = input.review;
  const captions = bandCaptions(input.layout.plotLeftPx, input.marks.length > 0 ? (input.referenceName ?? null) : null);
  if (!review) return captions;
  const geometry = stripGeometry(input.layout, input.startSec, input.scale.speedMmPerSec);
  const selected = review.beats.find((b) => b.id === review.selectedBeatId) ?? null;
  const heat = review.attention ? heatmapGraphic(review.attention, geometry) : null;
  const noise = review.noise ? noiseGraphic(review.noise, geometry) : null;
  const irregular = review.irregular ? irregularGraphic(review.irregular, geometry) : null;
  return [...captions, ...(noise ? [noise] : []), ...(irregular ? [irregular] : []), ...(heat ? [heat] : []), ...selectionGraphics(selected, geometry)];
}
