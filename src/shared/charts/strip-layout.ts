/**
 * Geometry of the strip in CSS pixels: a band for annotation labels on top, the paper with
 * one lane per signal, and the time axis below. The paper spans the full width (the left
 * margin, where the lane names and calibration pulses sit, is paper too, as on a printed
 * ECG); signals start at `plotLeftPx`. Every lane starts on a whole large square from the
 * paper's top, so the paper's millimetre lines are each lane's millivolt lines.
 */
import { PX_PER_MM, pxPerSec, type PaperScale } from './paper';
import { fittedLaneHeightMm, laneHeightMm } from './lanes';

/** Height of the annotation band: rows for rhythm/noise labels, reference labels, the model's labels and the beat markers (BAND_ROWS). */
export const BAND_HEIGHT_PX = 62;
/** Width of the left margin (lane names, calibration pulse), a whole number of mm. */
export const MARGIN_MM = 20;
/** Space kept free on the right so the last time label is not cut. */
export const RIGHT_PAD_PX = 28;
/** Height of the time axis: one row of labels, two with wall-clock time. */
const AXIS_ROW_PX = 16;
const AXIS_PAD_PX = 8;

/** One lane: where it lies on the paper. */
export interface LaneLayout {
  /** Offset from the paper's top edge, mm (a multiple of 5). */
  topMm: number;
  heightMm: number;
  /** Offset from the chart's top edge, px. */
  topPx: number;
  heightPx: number;
}

export interface StripLayout {
  widthPx: number;
  heightPx: number;
  /** Left edge of the signal area, px. */
  plotLeftPx: number;
  plotWidthPx: number;
  paperTopPx: number;
  paperHeightMm: number;
  paperHeightPx: number;
  axisHeightPx: number;
  lanes: LaneLayout[];
  /** Seconds of signal the plot shows at this width and speed. */
  durationSec: number;
  /** Seconds the left margin would cover at this speed (the paper starts that far left). */
  marginSec: number;
}

/** What a lane needs to know to size itself: whether its signal is a voltage. */
export interface LaneSpec {
  isVoltage: boolean;
  /**
   * Height of the lane, mm, in place of the default for its kind: the PDF report makes each
   * lane as tall as its trace needs, so that no complex is cut off on paper.
   */
  heightMm?: number;
}

/**
 * Lays the strip out for a container `widthPx` wide. Lanes are stacked without gaps.
 * `widthPx` below the margin yields a zero-width plot (and duration), never a negative one.
 */
export function stripLayout(widthPx: number, lanes: readonly LaneSpec[], scale: PaperScale, hasWallClock: boolean): StripLayout {
  const marginPx = MARGIN_MM * PX_PER_MM;
  const plotWidthPx = Math.max(0, widthPx - marginPx - RIGHT_PAD_PX);
  const paperTopPx = BAND_HEIGHT_PX;
  let topMm = 0;
  const laneLayouts: LaneLayout[] = lanes.map((spec) => {
    const heightMm = spec.heightMm ?? (spec.isVoltage ? laneHeightMm(scale.gainMmPerMv) : fittedLaneHeightMm());
    const lane = { topMm, heightMm, topPx: paperTopPx + topMm * PX_PER_MM, heightPx: heightMm * PX_PER_MM };
    topMm += heightMm;
    return lane;
  });
  const paperHeightMm = topMm;
  const paperHeightPx = paperHeightMm * PX_PER_MM;
  const axisHeightPx = AXIS_PAD_PX + AXIS_ROW_PX * (hasWallClock ? 2 : 1) + 4;
  const secPx = pxPerSec(scale.speedMmPerSec);
  return {
    widthPx,
    heightPx: Math.ceil(paperTopPx + paperHeightPx + axisHeightPx),
    plotLeftPx: marginPx,
    plotWidthPx,
    paperTopPx,
    paperHeightMm,
    paperHeightPx,
    axisHeightPx,
    lanes: laneLayouts,
    durationSec: plotWidthPx / secPx,
    marginSec: marginPx / secPx,
  };
}
