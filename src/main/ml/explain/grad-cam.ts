/**
 * Grad-CAM (Selvaraju et al., ICCV 2017) per beat, for every model: which part of the input
 * window made the network choose its class. For the feature map A [T, C] of the model's
 * last convolutional layer and the explained class c (the arg-max unless given):
 *
 *   α_k = (1/T) Σ_t ∂y_c/∂A_{t,k}        (gradients averaged over time: one weight per channel)
 *   cam_t = ReLU(Σ_k α_k A_{t,k})         (only what speaks FOR class c)
 *
 * then linearly interpolated from the T steps onto the input samples (the attention map's
 * interpolation, ../layers/attention-to-input) and scaled to sum 1 per beat (a row with no
 * positive evidence stays all 0) — the shape and meaning of the attention over the input
 * (../models withAttention), so that the strip can show either.
 *
 * y_c is log p_c, the log of the served softmax: its gradient is the logit's gradient minus
 * the probability-weighted mean of all logits' gradients, and unlike p_c it does not vanish
 * when the model is sure (our output layer has the softmax inside it, so the logit itself is
 * not a tensor of the graph; an ensemble has no single logit at all).
 *
 * The layer per architecture (GRAD_CAM_LAYERS), the last one before the sequence model:
 * - rhythm-attention: 'block3_relu', the last residual block's output [⌊L/4⌋, filters3]
 *   (before its pooling, at twice the resolution self-attention sees);
 * - cnn-bigru-attention and cnn-lstm-attention: 'conv3', the third convolution's ReLU output
 *   [⌊L/4⌋, filters3] (before its batch norm and pooling);
 * - top2-ensemble: that layer of its heaviest member (the one whose attention it shows),
 *   differentiating the ensemble's own output.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { interpolationMatrix } from '../layers/attention-to-input';
import { ModelConfigError } from '../layers/layer-utils';
import type { ModelCard } from '../model-card';
import { LAYER_NAMES } from '../models';
import { checkModelInputs, feedTensors, type FeedTensors, type ModelInputs } from '../inference';
import { walkGraph } from './graph-walk';

/** The Grad-CAM layer of each trainable architecture (see the file header). */
export const GRAD_CAM_LAYERS: Readonly<Record<string, string>> = Object.freeze({
  'rhythm-attention': 'block3_relu',
  'cnn-bigru-attention': 'conv3',
  'cnn-lstm-attention': 'conv3',
});

/** The smallest log argument: keeps log p finite for a class an ensemble gave 0. */
const MIN_PROBABILITY = 1e-12;

/**
 * The Grad-CAM layer of the model `card` describes.
 * @throws ModelConfigError for an architecture without one.
 */
export function gradCamLayerOf(card: ModelCard): string {
  if (card.model.architecture === 'top2-ensemble') {
    const description = card.training.hyperParameters['ensemble'] as { attentionFrom?: string; members?: { prefix: string; architecture: string }[] } | undefined;
    const member = description?.members?.find((m) => m.prefix === description.attentionFrom);
    const layer = member === undefined ? undefined : GRAD_CAM_LAYERS[member.architecture];
    if (member === undefined || layer === undefined) throw new ModelConfigError(`ensemble '${card.name}': its card names no member whose Grad-CAM layer is known`);
    return `${member.prefix}${layer}`;
  }
  const layer = GRAD_CAM_LAYERS[card.model.architecture];
  if (layer === undefined) throw new ModelConfigError(`no Grad-CAM layer is known for architecture '${card.model.architecture}'`);
  return layer;
}

/** One batch: beats [n, L, 1], their differences [n, L, 1] or null, model-ready RR [n, F] or null. */
export type GradCamBatch = FeedTensors;

/** Runs `model` on the batch, the layer `swap.layer` giving `swap.value` instead of its output. */
function run(model: tfl.LayersModel, batch: GradCamBatch, swap?: { layer: string; value: tf.Tensor }): Map<string, tf.Tensor[]> {
  const feeds: Record<string, tf.Tensor> = { [LAYER_NAMES.beat]: batch.beat };
  if (batch.difference !== null) feeds[LAYER_NAMES.difference] = batch.difference;
  if (batch.rr !== null) feeds[LAYER_NAMES.rr] = batch.rr;
  return walkGraph<tf.Tensor>(model, feeds, (layer, x) =>
    swap !== undefined && layer.name === swap.layer ? swap.value : (layer.apply(x, { training: false }) as tf.Tensor | tf.Tensor[]),
  );
}

/**
 * Grad-CAM maps [n, L] (rows sum to 1, or are all 0) and the explained classes of one
 * batch, for the layer `layerName` of `model`; `classes` overrides the arg-max per beat.
 * @throws ModelConfigError when the model has no such layer or its output is not [T, C].
 */
export function gradCamBatch(model: tfl.LayersModel, batch: GradCamBatch, layerName: string, classes?: Int32Array): { maps: tf.Tensor2D; classes: tf.Tensor1D } {
  const outputName = model.outputs[0]?.sourceLayer.name;
  if (outputName === undefined) throw new ModelConfigError(`model '${model.name}' has no output`);
  if (!model.layers.some((l) => l.name === layerName)) throw new ModelConfigError(`model '${model.name}' has no layer '${layerName}' for Grad-CAM`);
  return tf.tidy(() => {
    const first = run(model, batch);
    const features = first.get(layerName)![0]!;
    if (features.rank !== 3) throw new ModelConfigError(`Grad-CAM layer '${layerName}' gives shape [${features.shape.join(', ')}], not [batch, steps, channels]`);
    const probabilities = first.get(outputName)![0]! as tf.Tensor2D;
    const explained = classes === undefined ? tf.argMax(probabilities, 1) : tf.tensor1d(classes, 'int32');
    const oneHot = tf.oneHot(explained as tf.Tensor1D, probabilities.shape[1]);
    // Σ over the batch: beats do not interact at inference, so each beat gets its own gradient.
    const score = (a: tf.Tensor): tf.Scalar => {
      const p = run(model, batch, { layer: layerName, value: a }).get(outputName)![0]!;
      return tf.sum(tf.log(tf.maximum(tf.sum(tf.mul(p, oneHot), 1), MIN_PROBABILITY)));
    };
    const gradients = tf.grad(score)(features) as tf.Tensor3D;
    const alpha = tf.mean(gradients, 1, true); // [n, 1, C]
    const cam = tf.relu(tf.sum(tf.mul(features, alpha), 2)) as tf.Tensor2D; // [n, T]
    const L = batch.beat.shape[1] ?? 0;
    const T = cam.shape[1];
    const matrix = tf.tensor2d(interpolationMatrix(T, L, Math.max(1, Math.floor(L / T))), [T, L]);
    const mapped = tf.matMul(cam, matrix);
    const total = tf.sum(mapped, 1, true);
    const maps = tf.where(tf.greater(total, 0), tf.div(mapped, tf.maximum(total, 1e-30)), tf.zerosLike(mapped)) as tf.Tensor2D;
    return { maps, classes: tf.cast(explained, 'int32') as tf.Tensor1D };
  });
}

/**
 * Grad-CAM over many beats in batches, model-ready (../inference `modelInputs`). Returns
 * count × windowLength maps and the explained class per beat.
 */
export function gradCamBeats(
  model: tfl.LayersModel,
  input: ModelInputs,
  layerName: string,
  options: { batchSize?: number; classes?: Int32Array } = {},
): { maps: Float32Array; classes: Int32Array } {
  checkModelInputs(input);
  const { windowLength: L, count } = input;
  if (options.classes !== undefined && options.classes.length !== count) throw new RangeError(`${options.classes.length} classes for ${count} beats`);
  const maps = new Float32Array(count * L);
  const classes = new Int32Array(count);
  const size = Math.max(1, options.batchSize ?? 64);
  for (let start = 0; start < count; start += size) {
    const n = Math.min(size, count - start);
    tf.tidy(() => {
      const out = gradCamBatch(model, feedTensors(input, start, n), layerName, options.classes?.subarray(start, start + n));
      maps.set(out.maps.dataSync() as Float32Array, start * L);
      classes.set(out.classes.dataSync() as Int32Array, start);
    });
  }
  return { maps, classes };
}
