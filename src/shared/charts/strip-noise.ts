/**
 * Noise stretches on the strip: a grey band over the paper (above the rulings, below the
 * trace, so the signal stays visible) wherever the analysis' signal-quality gate marked the
 * record unreadable, captioned "noise — not analysed" at its top. The analysis shows no beat
 * there; a beat the reviewer adds there is drawn as usual.
 */
import type { GraphicComponentOption } from 'echarts/components';
import type { NoiseSpan } from '../review';
import { xOfTime, type StripGeometry } from './strip-beats';
import { CHART_FONT } from './font';

/** Band colour and opacity: a neutral grey apart from the class colours and the orange heatmap. */
export const NOISE_COLOR = '#7a7f87';
export const NOISE_OPACITY = 0.28;
/** The caption on each band, and the legend's words for it. */
export const NOISE_LABEL = 'noise — not analysed';
/** A caption needs about this much band width to be drawn, px. */
const CAPTION_MIN_PX = 120;

/** The visible part [x0, x1) of each span (noise, or any other time span), px from the chart's left edge; spans off the page are left out. */
export function noiseBands(noise: readonly NoiseSpan[], g: StripGeometry): { x0: number; x1: number }[] {
  const left = g.plotLeftPx;
  const right = g.plotLeftPx + g.plotWidthPx;
  return noise
    .map((s) => ({ x0: Math.max(left, xOfTime(g, s.startSec)), x1: Math.min(right, xOfTime(g, s.endSec)) }))
    .filter((b) => b.x1 > b.x0);
}

/** The bands and their captions as one graphic group (null when none is on the page). */
export function noiseGraphic(noise: readonly NoiseSpan[], g: StripGeometry): GraphicComponentOption | null {
  const bands = noiseBands(noise, g);
  if (bands.length === 0) return null;
  const children = bands.flatMap((b, i) => [
    {
      type: 'rect' as const,
      id: `noise-${i}`,
      z: 3,
      silent: true,
      shape: { x: b.x0, y: g.paperTopPx, width: b.x1 - b.x0, height: g.paperHeightPx },
      style: { fill: NOISE_COLOR, opacity: NOISE_OPACITY },
    },
    ...(b.x1 - b.x0 < CAPTION_MIN_PX
      ? []
      : [{
          type: 'text' as const,
          id: `noise-label-${i}`,
          z: 11,
          silent: true,
          x: b.x0 + 4,
          y: g.paperTopPx + 4,
          style: { text: NOISE_LABEL, fill: '#2b2f36', font: `600 12px ${CHART_FONT}`, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
        }]),
  ]);
  return { type: 'group', id: 'noise', silent: true, children };
}
