/**
 * One optimizer step of our custom training loop (tfjs' `fit` has neither focal loss with
 * our sampling nor gradient clipping): forward pass in training mode (dropout on, batch norm
 * on batch statistics and updating its moving averages), focal loss, plus the layers'
 * regularisation terms (`model.calculateLosses()`: the L2 on every kernel — a custom loop
 * that forgets them trains without L2), gradients of the trainable weights, global-norm
 * clipping, Adam update. Everything runs in one `tf.tidy`; nothing is left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { modelFeed, type FeedTensors } from '../inference';
import type { WindowArrays } from './augment';
import { clipByGlobalNorm } from './clip';
import { focalLoss, type FocalLossOptions } from './losses';

/** What a step needs besides the batch. */
export interface StepContext {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  /** The model's trainable variables, in a fixed order (Adam keys its moments by position). */
  variables: tf.Variable[];
  loss: FocalLossOptions;
  clipNorm: number | null;
}

/** One batch, model-ready. */
export interface StepBatch {
  /** n × windowLength windows and, for a model that reads them, their neighbour differences. */
  beat: WindowArrays;
  windowLength: number;
  /** n × rrWidth normalised RR features, or null. */
  rr: Float32Array | null;
  rrWidth: number;
  labels: Int32Array;
}

/** Figures of one step. */
export interface StepResult {
  /** Mean focal loss of the batch (without the regularisation terms). */
  loss: number;
  /** Regularisation terms added to it for the gradient. */
  regularisation: number;
  /** Beats whose arg-max class was right. */
  correct: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/** The trainable variables of `model`, in its weight order. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** The batch's tensors (call inside tf.tidy). */
export function stepFeed(batch: StepBatch): FeedTensors {
  const n = batch.labels.length;
  const L = batch.windowLength;
  return {
    beat: tf.tensor3d(batch.beat.windows, [n, L, 1]),
    difference: batch.beat.differences === null ? null : tf.tensor3d(batch.beat.differences, [n, L, 1]),
    rr: batch.rr === null ? null : tf.tensor2d(batch.rr, [n, batch.rrWidth]),
  };
}

/** Runs one training step on `batch`; see the file header. */
export function trainStep(ctx: StepContext, batch: StepBatch): StepResult {
  const kept: tf.Tensor[] = [];
  try {
    const [total] = tf.tidy(() => {
      const feed = stepFeed(batch);
      const labels = tf.tensor1d(batch.labels, 'int32');
      const { value, grads } = ctx.optimizer.computeGradients(() => {
        const probabilities = ctx.model.apply(modelFeed(ctx.model, feed), { training: true }) as tf.Tensor2D;
        const dataLoss = tf.keep(focalLoss(labels, probabilities, ctx.loss));
        kept.push(dataLoss, tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, 1), labels), 'float32'))));
        const penalties = ctx.model.calculateLosses();
        return (penalties.length > 0 ? tf.addN([dataLoss, ...penalties]) : tf.add(dataLoss, 0)) as tf.Scalar;
      }, ctx.variables);
      const clipped = clipByGlobalNorm(grads, ctx.clipNorm);
      kept.push(tf.keep(clipped.norm));
      // In variable order, every variable present, so Adam's moment i stays variable i.
      ctx.optimizer.applyGradients(ctx.variables.map((v) => ({ name: v.name, tensor: clipped.grads[v.name] ?? tf.zerosLike(v) })));
      return [value];
    });
    const [loss, correct, norm] = kept.map((t) => t.dataSync()[0]!);
    const totalValue = total!.dataSync()[0]!;
    total!.dispose();
    return { loss: loss!, regularisation: totalValue - loss!, correct: correct!, gradNorm: norm! };
  } finally {
    tf.dispose(kept);
  }
}
