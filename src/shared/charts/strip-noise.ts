/**
 * Noise stretches on the strip: a grey band over the paper (above the rulings, below the
 * trace, so the signal stays visible) wherever the analysis' signal-quality gate marked the
 * record unreadable, captioned "noise — not analysed" at its top. The analysis shows no beat
 * there; a beat the reviewer adds there is drawn as usual.
 */
import type { GraphicComponentOption } from 'echarts/components';
import type { NoiseSpan } from '../review';
import type { StripGeometry } from './strip-beats';
import { stretchGraphic } from './strip-spans';

/** Band colour and opacity: a neutral grey apart from the class colours and the orange heatmap. */
export const NOISE_COLOR = '#7a7f87';
export const NOISE_OPACITY = 0.28;
/** The caption on each band, and the legend's words for it. */
export const NOISE_LABEL = 'noise — not analysed';

/** The bands and their captions as one graphic group (null when none is on the page). */
export function noiseGraphic(noise: readonly NoiseSpan[], g: StripGeometry): GraphicComponentOption | null {
  return stretchGraphic(noise, g, { id: 'noise', fill: NOISE_COLOR, opacity: NOISE_OPACITY, heightPx: null, z: 3, caption: NOISE_LABEL, captionColor: '#2b2f36', captionMinPx: 120 });
}
