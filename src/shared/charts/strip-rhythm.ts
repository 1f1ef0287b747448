/**
 * Irregular rhythm on the strip: a thin teal bar along the top of the paper over each stretch
 * the RR intervals read as atrial fibrillation or flutter (the summary's irregular-rhythm
 * events), captioned where it is wide enough. It tells the reviewer why the model calls no S
 * or F beat there (its card's irregular-rhythm rule), without covering the trace.
 */
import type { GraphicComponentOption } from 'echarts/components';
import type { IrregularSpan } from '../review';
import { noiseBands } from './strip-noise';
import type { StripGeometry } from './strip-beats';
import { CHART_FONT } from './font';

/** Bar colour: apart from the class colours, the grey of noise and the orange heatmap. */
export const IRREGULAR_COLOR = '#00838f';
/** The caption on each bar, and the legend's words for it. */
export const IRREGULAR_LABEL = 'irregular rhythm (AF?) — no S or F called';
/** Bar height, px. */
const BAR_PX = 6;
/** A caption needs about this much bar width to be drawn, px. */
const CAPTION_MIN_PX = 260;

/** The bars and their captions as one graphic group (null when none is on the page). */
export function irregularGraphic(spans: readonly IrregularSpan[], g: StripGeometry): GraphicComponentOption | null {
  const bars = noiseBands(spans, g);
  if (bars.length === 0) return null;
  const children = bars.flatMap((b, i) => [
    {
      type: 'rect' as const,
      id: `irregular-${i}`,
      z: 4,
      silent: true,
      shape: { x: b.x0, y: g.paperTopPx, width: b.x1 - b.x0, height: BAR_PX },
      style: { fill: IRREGULAR_COLOR, opacity: 0.8 },
    },
    ...(b.x1 - b.x0 < CAPTION_MIN_PX
      ? []
      : [{
          type: 'text' as const,
          id: `irregular-label-${i}`,
          z: 11,
          silent: true,
          x: b.x0 + 4,
          y: g.paperTopPx + BAR_PX + 2,
          style: { text: IRREGULAR_LABEL, fill: IRREGULAR_COLOR, font: `600 12px ${CHART_FONT}`, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] },
        }]),
  ]);
  return { type: 'group', id: 'irregular', silent: true, children };
}
