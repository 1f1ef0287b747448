/**
 * The attention heatmap behind the trace: where on the strip the model looked when it
 * classified each visible beat. A beat's weights cover its input window (one weight per
 * model input sample, the largest 1). Attention is rarely near 0 anywhere (softmax weights
 * of a model that sees the whole window: typically 0.3–1), so each beat's weights are
 * stretched from its smallest (transparent) to its largest (full colour), the usual
 * min–max scaling of saliency maps. Windows of neighbouring beats overlap, so the page is
 * cut into cells a few pixels wide, each cell takes the largest weight that falls in it,
 * cells are quantised to a few opacity levels and runs of equal level are merged. A page
 * then costs a few hundred rectangles at most, however many weights the model has.
 */
import type { GraphicComponentOption } from 'echarts/components';
import type { BeatAttention } from '../review';
import type { StripGeometry } from './strip-beats';

/** Heat colour: Okabe–Ito orange, apart from every class colour and from the black trace. */
export const HEAT_COLOR = '#e69f00';
/** Opacity of a cell of weight 1: the trace stays readable through it. */
export const HEAT_MAX_OPACITY = 0.5;
/** Opacity levels (weights are rounded to the nearest 1/HEAT_LEVELS). */
export const HEAT_LEVELS = 8;
/** Cell width, px. */
const CELL_PX = 2;

/** A run of cells of one level, px from the chart's left edge. */
export interface HeatCell {
  x0: number;
  x1: number;
  /** 1..HEAT_LEVELS. */
  level: number;
}

/** Smallest finite weight and the span up to the largest (1 for a flat or empty window). */
function weightRange(weights: readonly number[]): { lo: number; span: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const w of weights) {
    if (!Number.isFinite(w)) continue;
    if (w < lo) lo = w;
    if (w > hi) hi = w;
  }
  return hi - lo > 1e-6 ? { lo, span: hi - lo } : { lo: 0, span: 1 };
}

/** The largest min–max scaled weight per CELL_PX column of the signal area (0 where no beat looked). */
export function heatProfile(attention: readonly BeatAttention[], g: StripGeometry, cellPx = CELL_PX): Float32Array {
  const columns = Math.max(0, Math.ceil(g.plotWidthPx / cellPx));
  const profile = new Float32Array(columns);
  const pxPerCell = cellPx / g.pxPerSec;
  for (const beat of attention) {
    const { startSec, stepSec, weights } = beat;
    const { lo, span } = weightRange(weights);
    for (let i = 0; i < weights.length; i++) {
      const w = ((weights[i] as number) - lo) / span;
      if (!(w > 0)) continue;
      // The weight covers [t, t + stepSec): every column it touches takes it. The tolerance
      // keeps a time on a column edge (10.2 s / 0.02 s = 9.999…) in the column it starts.
      const from = Math.floor((startSec + i * stepSec - g.startSec) / pxPerCell + 1e-6);
      const to = Math.ceil((startSec + (i + 1) * stepSec - g.startSec) / pxPerCell - 1e-6) - 1;
      for (let c = Math.max(0, from); c <= Math.min(columns - 1, to); c++) {
        if (w > (profile[c] as number)) profile[c] = Math.min(1, w);
      }
    }
  }
  return profile;
}

/** Quantises a profile and merges runs of equal level into cells; level-0 columns are left out. */
export function heatCells(profile: Float32Array, plotLeftPx: number, cellPx = CELL_PX): HeatCell[] {
  const cells: HeatCell[] = [];
  let run: HeatCell | null = null;
  for (let c = 0; c < profile.length; c++) {
    const level = Math.round((profile[c] as number) * HEAT_LEVELS);
    const x0 = plotLeftPx + c * cellPx;
    if (run && run.level === level) {
      run.x1 = x0 + cellPx;
      continue;
    }
    if (run) cells.push(run);
    run = level > 0 ? { x0, x1: x0 + cellPx, level } : null;
  }
  if (run) cells.push(run);
  return cells;
}

/**
 * The heatmap as one graphic group over the paper, under the trace (z 2: above the rulings
 * at z 1, below the signals at z 4); null when there is nothing to show.
 */
export function heatmapGraphic(attention: readonly BeatAttention[], g: StripGeometry): GraphicComponentOption | null {
  const cells = heatCells(heatProfile(attention, g), g.plotLeftPx);
  if (cells.length === 0) return null;
  const right = g.plotLeftPx + g.plotWidthPx;
  return {
    type: 'group',
    id: 'heatmap',
    silent: true,
    children: cells.map((cell, i) => ({
      type: 'rect',
      id: `heat-${i}`,
      z: 2,
      silent: true,
      shape: { x: cell.x0, y: g.paperTopPx, width: Math.min(cell.x1, right) - cell.x0, height: g.paperHeightPx },
      style: { fill: HEAT_COLOR, opacity: (cell.level / HEAT_LEVELS) * HEAT_MAX_OPACITY },
    })),
  };
}
