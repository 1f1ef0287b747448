/**
 * A report strip as the app's strip option (src/shared/charts/strip.ts): ECG paper at
 * 25 mm/s and 10 mm/mV with its red grid, both signals with calibration pulses, and the
 * review's beats as class letters coloured by class above the paper (reviewer-set beats
 * boxed, flagged beats with a triangle, as in the app). For paper, each lane is made as tall
 * as its trace needs (30 to 60 mm) so that no complex is cut off, the trace keeps every sample (no down-sampling to
 * screen pixels), the strip's beat of interest is highlighted as the app's selected beat,
 * and an event's span is bracketed and named above the letters. A strip with a heatmap
 * (attention or Grad-CAM, on request) has it behind the trace as on the screen: translucent
 * orange columns over the paper, a light grey in grey print, under the black trace.
 * Stretches the analysis found unreadable are shaded and captioned as on the screen.
 */
import type { GraphicComponentOption } from 'echarts/components';
import { MAJOR_MM, PX_PER_MM, type PaperScale } from '../../shared/charts/paper';
import { chooseLaneCenterMv, fittedLaneRange, millivoltsPerUnit, voltageLaneRange } from '../../shared/charts/lanes';
import { buildStripOption, stripGeometry, type StripLane } from '../../shared/charts/strip';
import { xOfTime } from '../../shared/charts/strip-beats';
import { BAND_ROWS } from '../../shared/charts/strip-marks';
import { CHART_FONT } from '../../shared/charts/font';
import { MARGIN_MM, RIGHT_PAD_PX, stripLayout, type StripLayout } from '../../shared/charts/strip-layout';
import type { EcOption } from '../../shared/charts/types';
import type { ReportStrip, StripSignal } from './report-data';

/** The clinical standard: 25 mm/s, 10 mm/mV. */
export const REPORT_SCALE: PaperScale = { speedMmPerSec: 25, gainMmPerMv: 10 };
/** Lane heights on paper, mm: at least 3 mV, at most 6 mV at 10 mm/mV. */
export const MIN_LANE_MM = 30;
export const MAX_LANE_MM = 60;
/** Paper kept free above and below the trace in a lane, mm. */
const LANE_PAD_MM = 2;
const EVENT_COLOR = '#1f5fbf';

/** Width of a strip of `durationSec` at the report's speed, CSS px (margin, signal, right pad). */
export function stripWidthPx(durationSec: number, scale: PaperScale = REPORT_SCALE): number {
  return (MARGIN_MM + durationSec * scale.speedMmPerSec) * PX_PER_MM + RIGHT_PAD_PX;
}

/**
 * Height (mm) and centre (mV) of a voltage lane that shows the whole trace: the trace's
 * range plus 2 mm each side and 5 mm for putting the centre on a heavy line (a multiple of
 * 0.5 mV at 10 mm/mV), rounded up to whole pairs of large squares, within
 * [MIN_LANE_MM, MAX_LANE_MM]. A trace taller than the tallest lane is centred as the app
 * centres it (lanes.ts chooseLaneCenterMv) and its extremes are cut.
 */
export function laneScaleFor(valuesMv: ArrayLike<number>, gainMmPerMv: number): { heightMm: number; centreMv: number } {
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < valuesMv.length; i++) {
    const v = valuesMv[i] as number;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return { heightMm: MIN_LANE_MM, centreMv: 0 };
  const majorMv = MAJOR_MM / gainMmPerMv;
  const neededMm = (hi - lo) * gainMmPerMv + 2 * LANE_PAD_MM + MAJOR_MM;
  const quantum = 2 * MAJOR_MM;
  const heightMm = Math.min(MAX_LANE_MM, Math.max(MIN_LANE_MM, Math.ceil(neededMm / quantum - 1e-9) * quantum));
  if (neededMm > MAX_LANE_MM) return { heightMm, centreMv: chooseLaneCenterMv(valuesMv, gainMmPerMv, null, heightMm) };
  return { heightMm, centreMv: Math.round((lo + hi) / 2 / majorMv) * majorMv };
}

interface PreparedLane {
  lane: StripLane;
  heightMm: number | undefined;
}

function prepareLane(signal: StripSignal, startSec: number, frameRateHz: number, scale: PaperScale): PreparedLane {
  const n = signal.values.length;
  const points = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = startSec + i / frameRateHz;
    points[2 * i + 1] = signal.values[i] as number;
  }
  const factor = millivoltsPerUnit(signal.units);
  if (factor === null) return { lane: { name: signal.name, units: signal.units, points, range: fittedLaneRange(signal.values) }, heightMm: undefined };
  const { heightMm, centreMv } = laneScaleFor(signal.values.map((v) => v * factor), scale.gainMmPerMv);
  return { lane: { name: signal.name, units: signal.units, points, range: voltageLaneRange(centreMv, heightMm, scale.gainMmPerMv, factor) }, heightMm };
}

/** A bracket over the event's span in the band's empty top rows, with its name. */
function eventGraphics(strip: ReportStrip, layout: StripLayout, scale: PaperScale): GraphicComponentOption[] {
  const event = strip.candidate.event;
  if (!event) return [];
  const g = stripGeometry(layout, strip.candidate.startSec, scale.speedMmPerSec);
  const left = Math.max(g.plotLeftPx, xOfTime(g, event.startSec));
  const right = Math.min(g.plotLeftPx + g.plotWidthPx, Math.max(left + 2, xOfTime(g, event.endSec)));
  const y = BAND_ROWS.reference + 4;
  return [
    {
      type: 'polyline',
      id: 'event-bracket',
      silent: true,
      z: 10,
      shape: { points: [[left, y + 5], [left, y], [right, y], [right, y + 5]] },
      style: { stroke: EVENT_COLOR, lineWidth: 1.5, fill: 'none' },
    },
    {
      type: 'text',
      id: 'event-name',
      silent: true,
      z: 10,
      x: left,
      y: y - 8,
      style: { text: strip.candidate.description, fill: EVENT_COLOR, font: `600 11px ${CHART_FONT}`, verticalAlign: 'middle' },
    },
  ];
}

/** The strip's option and layout, `baseTimeSec` giving wall-clock time labels (or null). */
export function buildReportStrip(strip: ReportStrip, baseTimeSec: number | null, scale: PaperScale = REPORT_SCALE): { option: EcOption; layout: StripLayout } {
  const { candidate } = strip;
  const lanes = strip.signals.map((s) => prepareLane(s, candidate.startSec, strip.frameRateHz, scale));
  const specs = lanes.map((l) => ({ isVoltage: l.heightMm !== undefined, heightMm: l.heightMm }));
  const layout = stripLayout(stripWidthPx(candidate.durationSec, scale), specs, scale, baseTimeSec !== null);
  const option = buildStripOption({
    layout,
    scale,
    startSec: candidate.startSec,
    lanes: lanes.map((l) => l.lane),
    marks: [],
    baseTimeSec,
    review: { beats: strip.beats, selectedBeatId: candidate.event ? null : candidate.focusBeatId, attention: strip.heatmap ?? null, ...(strip.noise ? { noise: strip.noise } : {}) },
  });
  const series = (Array.isArray(option.series) ? option.series : []).map((s) =>
    // Every sample on paper: LTTB thins to one point per screen pixel, too coarse for print.
    typeof s.id === 'string' && s.id.startsWith('signal-') ? { ...s, sampling: undefined } : s,
  );
  const graphic = [...(Array.isArray(option.graphic) ? option.graphic : []), ...eventGraphics(strip, layout, scale)];
  return { option: { ...option, series, graphic }, layout };
}
