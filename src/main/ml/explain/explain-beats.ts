/**
 * Grad-CAM for a loaded model, taking what `classifyBeats` (../inference) takes: the card's
 * beat windows and the raw RR features, which are selected and standardised here with the
 * card's statistics. The layer is the card's architecture's (./grad-cam GRAD_CAM_LAYERS).
 */
import type { LoadedModel } from '../model-store';
import { RR_FEATURE_COUNT } from '../../signal/rr-features';
import { normaliseRr } from '../training/rr-normalisation';
import { gradCamBeats, gradCamLayerOf } from './grad-cam';

/** Grad-CAM of some beats. */
export interface ExplainedBeats {
  /** count × windowLength, each row summing to 1 (or all 0: nothing spoke for the class). */
  maps: Float32Array;
  /** The class each map explains (the model's arg-max unless given). */
  classes: Int32Array;
  /** The layer the maps come from. */
  layer: string;
}

/**
 * Grad-CAM maps of `windows` (count × windowLength) with raw RR features `rr`
 * (count × RR_FEATURE_COUNT), explaining `options.classes` or the predicted classes.
 * @throws RangeError on sizes that do not fit the model; ModelConfigError for a model
 *   without a known Grad-CAM layer.
 */
export function explainBeats(loaded: LoadedModel, windows: Float32Array, rr: Float32Array, options: { batchSize?: number; classes?: Int32Array } = {}): ExplainedBeats {
  const { model: config, input } = loaded.card;
  const L = config.windowLength;
  const count = windows.length / L;
  if (!Number.isInteger(count)) throw new RangeError(`the model reads ${L}-sample windows; ${windows.length} samples are not a whole number of them`);
  if (rr.length !== count * RR_FEATURE_COUNT) throw new RangeError(`${rr.length / RR_FEATURE_COUNT} RR feature rows for ${count} beats`);
  const norm = input.rr?.normalisation ?? null;
  const layer = gradCamLayerOf(loaded.card);
  const out = gradCamBeats(loaded.model, { windows, windowLength: L, rr: norm === null ? null : normaliseRr(rr, norm), rrWidth: norm?.features.length ?? 0 }, layer, options);
  return { ...out, layer };
}
