/**
 * Grad-CAM for a loaded model, taking what `classifyBeats` (../inference) takes: the card's
 * beat windows and the raw RR features, which are selected and standardised here with the
 * card's statistics. The layer is the card's architecture's (./grad-cam GRAD_CAM_LAYERS).
 */
import type { LoadedModel } from '../model-store';
import { modelInputs, type ModelBeats } from '../inference';
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
 * Grad-CAM maps of `beats` (as ../inference `classifyBeats` takes them), explaining
 * `options.classes` or the predicted classes.
 * @throws RangeError on sizes that do not fit the model; ModelConfigError for a model
 *   without a known Grad-CAM layer.
 */
export function explainBeats(loaded: LoadedModel, beats: ModelBeats, options: { batchSize?: number; classes?: Int32Array } = {}): ExplainedBeats {
  const layer = gradCamLayerOf(loaded.card);
  const out = gradCamBeats(loaded.model, modelInputs(loaded, beats), layer, options);
  return { ...out, layer };
}
