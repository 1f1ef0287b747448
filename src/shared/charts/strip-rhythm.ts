/**
 * Irregular rhythm on the strip: a thin teal bar along the top of the paper over each stretch
 * the RR intervals read as atrial fibrillation or flutter (the summary's irregular-rhythm
 * events), captioned where it is wide enough. It tells the reviewer why the model calls no S
 * or F beat there (its card's irregular-rhythm rule), without covering the trace.
 */
import type { GraphicComponentOption } from 'echarts/components';
import type { IrregularSpan } from '../review';
import type { StripGeometry } from './strip-beats';
import { stretchGraphic } from './strip-spans';

/** Bar colour: apart from the class colours, the grey of noise and the orange heatmap. */
export const IRREGULAR_COLOR = '#00838f';
/** The caption on each bar, and the legend's words for it. */
export const IRREGULAR_LABEL = 'irregular rhythm (AF?) — no S or F called';

/** The bars and their captions as one graphic group (null when none is on the page). */
export function irregularGraphic(spans: readonly IrregularSpan[], g: StripGeometry): GraphicComponentOption | null {
  return stretchGraphic(spans, g, { id: 'irregular', fill: IRREGULAR_COLOR, opacity: 0.8, heightPx: 6, z: 4, caption: IRREGULAR_LABEL, captionColor: IRREGULAR_COLOR, captionMinPx: 260 });
}
