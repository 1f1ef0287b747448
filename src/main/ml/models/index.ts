/**
 * Public surface of the models module (agreed ML API, issue 4): configurations, building a
 * fresh network, the attention view of a (possibly loaded) network, and the registration of
 * our custom layers for loading saved models.
 *
 * Every model takes the input 'beat' [N, windowLength, 1]; with `neighbourDifference`,
 * 'difference' [N, windowLength, 1] (read beside the beat as a second channel); when
 * `rrFeatures` is not empty, 'rr' [N, rrFeatures.length]. Its output 'probabilities' is a
 * softmax [N, classes].
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { AdditiveAttention } from '../layers/additive-attention';
import { AttentionToInput } from '../layers/attention-to-input';
import { ConvBatchNorm1D } from '../layers/conv-batch-norm-1d';
import { GlobalAvgMaxPooling1D } from '../layers/global-avg-max-pooling-1d';
import { ModelConfigError } from '../layers/layer-utils';
import { MultiHeadSelfAttention } from '../layers/multi-head-self-attention';
import { PositionEmbedding } from '../layers/position-embedding';
import { SpatialDropout1D } from '../layers/spatial-dropout-1d';
import { LAYER_NAMES } from './blocks';
import { buildCnnBiGruAttention } from './cnn-bigru-attention';
import { buildCnnLstmAttention } from './cnn-lstm-attention';
import { checkModelConfig, type Architecture, type ModelConfig } from './config';
import { buildRhythmAttention } from './rhythm-attention';
import { Top2Weighted } from '../ensemble/top2-layer';

export {
  ARCHITECTURES,
  CNN_BIGRU_ATTENTION_HYPER,
  CNN_LSTM_ATTENTION_HYPER,
  checkModelConfig,
  defaultModelConfig,
  ENSEMBLE_ARCHITECTURE,
  LOADABLE_ARCHITECTURES,
  RHYTHM_ATTENTION_HYPER,
  type Architecture,
  type ModelConfig,
} from './config';
export { LAYER_NAMES } from './blocks';
export { ModelConfigError } from '../layers/layer-utils';

/** Every custom layer class our models use. */
export const CUSTOM_LAYERS = [
  PositionEmbedding,
  MultiHeadSelfAttention,
  AdditiveAttention,
  SpatialDropout1D,
  ConvBatchNorm1D,
  GlobalAvgMaxPooling1D,
  AttentionToInput,
  Top2Weighted,
] as const;

/** The builder of each architecture. */
const BUILDERS: Readonly<Record<Architecture, (config: ModelConfig, seed?: number) => tfl.LayersModel>> = {
  'rhythm-attention': buildRhythmAttention,
  'cnn-bigru-attention': buildCnnBiGruAttention,
  'cnn-lstm-attention': buildCnnLstmAttention,
};

/**
 * Registers every custom layer with tfjs' serialization, so that `tfl.loadLayersModel` can
 * rebuild a saved model. Idempotent (registering a class again replaces it with itself).
 * Importing this module registers them already; the call makes the dependency explicit.
 */
export function registerCustomLayers(): void {
  for (const layer of CUSTOM_LAYERS) tf.serialization.registerClass(layer);
}

/**
 * Builds a fresh, uncompiled model for `config`; deterministic for a given integer `seed`
 * (every initialiser is seeded from it; without one, Math.random seeds them).
 * @throws ModelConfigError for an invalid configuration.
 */
export function buildModel(config: ModelConfig, seed?: number): tfl.LayersModel {
  checkModelConfig(config);
  if (seed !== undefined && !Number.isInteger(seed)) throw new ModelConfigError(`seed must be an integer, got ${seed}`);
  return BUILDERS[config.architecture](config, seed);
}

/**
 * A model sharing `model`'s layers (and so its weights: training one changes the other) whose
 * outputs are [probabilities, attention over the input [N, windowLength]]: the attention
 * layer's weights — self-attention averaged over heads and queries, or the additive
 * attention's weights — interpolated from the downsampled sequence back onto the input
 * samples, summing to 1 per beat. Works on a model loaded from disk: the attention layer is
 * found by its name, 'attention'.
 * @throws ModelConfigError when `model` has no suitable 'attention' layer or 'beat' input.
 */
export function withAttention(model: tfl.LayersModel): tfl.LayersModel {
  let layer: tfl.layers.Layer;
  try {
    layer = model.getLayer(LAYER_NAMES.attention);
  } catch {
    throw new ModelConfigError(`model '${model.name}' has no layer named '${LAYER_NAMES.attention}'`);
  }
  const outputs = layer.output;
  const weights = Array.isArray(outputs) ? outputs[1] : undefined;
  if (weights === undefined) {
    throw new ModelConfigError(`layer '${LAYER_NAMES.attention}' of model '${model.name}' does not output its attention weights`);
  }
  // By layer name: tfjs makes symbolic tensor names unique per process ('beat_1', …).
  const beatIndex = model.inputNames.indexOf(LAYER_NAMES.beat);
  const inputLength = model.inputs[beatIndex]?.shape[1];
  if (typeof inputLength !== 'number') {
    throw new ModelConfigError(`model '${model.name}' has no 'beat' input of known length`);
  }
  const mapped = new AttentionToInput({ inputLength, name: LAYER_NAMES.attentionOverInput }).apply(weights) as tfl.SymbolicTensor;
  const [probabilities] = model.outputs;
  if (probabilities === undefined) throw new ModelConfigError(`model '${model.name}' has no output`);
  return tfl.model({ inputs: model.inputs, outputs: [probabilities, mapped], name: `${model.name}_with_attention` });
}
