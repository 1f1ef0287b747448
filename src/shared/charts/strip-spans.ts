/**
 * Stretches of time marked on the strip's paper (noise, irregular rhythm): a band per
 * stretch, cut at the page's edges, captioned at its top left where it is wide enough for
 * the words. Each kind chooses its band's height, colour and caption (strip-noise.ts,
 * strip-rhythm.ts).
 */
import type { GraphicComponentOption } from 'echarts/components';
import { xOfTime, type StripGeometry } from './strip-beats';
import { CHART_FONT } from './font';

/** A stretch of the record, seconds. */
export interface TimeStretch {
  startSec: number;
  endSec: number;
}

/** How one kind of stretch is drawn. */
export interface StretchStyle {
  /** Graphic ids: `${id}` for the group, `${id}-${i}` and `${id}-label-${i}` for its parts. */
  id: string;
  fill: string;
  opacity: number;
  /** Band height, px; null: the whole paper. */
  heightPx: number | null;
  /** z of the band (the caption is drawn above the trace). */
  z: number;
  caption: string;
  captionColor: string;
  /** A caption needs about this much band width to be drawn, px. */
  captionMinPx: number;
}

/** The visible part [x0, x1) of each stretch, px from the chart's left edge; stretches off the page are left out. */
export function stretchBands(stretches: readonly TimeStretch[], g: StripGeometry): { x0: number; x1: number }[] {
  const left = g.plotLeftPx;
  const right = g.plotLeftPx + g.plotWidthPx;
  return stretches
    .map((s) => ({ x0: Math.max(left, xOfTime(g, s.startSec)), x1: Math.min(right, xOfTime(g, s.endSec)) }))
    .filter((b) => b.x1 > b.x0);
}

/** The bands and their captions as one graphic group (null when none is on the page). */
export function stretchGraphic(stretches: readonly TimeStretch[], g: StripGeometry, style: StretchStyle): GraphicComponentOption | null {
  const bands = stretchBands(stretches, g);
  if (bands.length === 0) return null;
  const height = style.heightPx ?? g.paperHeightPx;
  const children = bands.flatMap((b, i) => [
    {
      type: 'rect' as const,
      id: `${style.id}-${i}`,
      z: style.z,
      silent: true,
      shape: { x: b.x0, y: g.paperTopPx, width: b.x1 - b.x0, height },
      style: { fill: style.fill, opacity: style.opacity },
    },
    ...(b.x1 - b.x0 < style.captionMinPx
      ? []
      : [{
          type: 'text' as const,
          id: `${style.id}-label-${i}`,
          z: 11,
          silent: true,
          x: b.x0 + 4,
          y: g.paperTopPx + (style.heightPx === null ? 4 : style.heightPx + 2),
          style: { text: style.caption, fill: style.captionColor, font: `600 12px ${CHART_FONT}`, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
        }]),
  ]);
  return { type: 'group', id: style.id, silent: true, children };
}
