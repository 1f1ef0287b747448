/**
 * One optimizer step of a patient adaptation. Unlike ../ml/training/train-step, which runs
 * the whole model with `training: true`, the forward pass walks the model's graph
 * (../ml/uncertainty/mc-dropout `planMcGraph`) with only the dropout layers in training
 * mode: batch normalisation keeps the moving statistics it learnt on thousands of patients
 * (a few hundred beats of one patient would otherwise rewrite them, and the batch's own
 * moments differ from the served ones). Gradients go to the chosen variables only, are
 * clipped by global norm, and Adam applies them. All inside one `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { modelFeed } from '../ml/inference';
import { clipByGlobalNorm } from '../ml/training/clip';
import { focalLoss, type FocalLossOptions } from '../ml/training/losses';
import { stepFeed, type StepBatch } from '../ml/training/train-step';
import type { McGraph } from '../ml/uncertainty/mc-dropout';

/** Which weights an adaptation tunes. */
export type TrainableScope = 'all' | 'top' | 'head';

/** Layers after the convolutional feature extractor (RhythmAttention's names). */
const TOP_LAYERS = ['position_embedding', 'attention', 'attention_norm'];
/** The classifier head and the RR branch. */
const HEAD_LAYERS = ['rr_dense', 'head_dense', 'probabilities'];

/**
 * The variables of `model` that `scope` tunes: 'head' the RR branch and the dense head,
 * 'top' those plus position embedding and self-attention, 'all' every trainable weight.
 * A model whose layers have other names gets its last two weighted layers for 'head'/'top'.
 */
export function scopeVariables(model: tfl.LayersModel, scope: TrainableScope): tf.Variable[] {
  const weighted = model.layers.filter((l) => l.trainableWeights.length > 0);
  const names = scope === 'head' ? HEAD_LAYERS : [...TOP_LAYERS, ...HEAD_LAYERS];
  let layers = scope === 'all' ? weighted : weighted.filter((l) => names.includes(l.name));
  if (layers.length === 0) layers = weighted.slice(-2);
  return layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
}

/** Forward pass of `graph` on `feed` with dropout on and everything else in inference mode. */
function forward(graph: McGraph, feed: readonly tf.Tensor[]): tf.Tensor2D {
  const values = new Map<number, tf.Tensor>();
  graph.inputIds.forEach((id, i) => values.set(id, feed[i]!));
  for (const step of graph.steps) {
    const inputs = step.inputs.map((id) => values.get(id)!);
    const out = step.layer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: step.dropout }) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(out) ? out : [out];
    step.outputs.forEach((id, i) => values.set(id, list[i]!));
  }
  return values.get(graph.outputId) as tf.Tensor2D;
}

/** What a step needs besides the batch. */
export interface AdaptStepContext {
  graph: McGraph;
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
  loss: FocalLossOptions;
  clipNorm: number;
}

/** One batch, model-ready, as a training step takes it. */
export type AdaptBatch = StepBatch;

/** Runs one step; returns the batch's mean loss. */
export function adaptStep(ctx: AdaptStepContext, batch: AdaptBatch): number {
  const loss = tf.tidy(() => {
    const feed = stepFeed(batch);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const { value, grads } = ctx.optimizer.computeGradients(() => focalLoss(labels, forward(ctx.graph, modelFeed(ctx.graph.model, feed)), ctx.loss), ctx.variables);
    const clipped = clipByGlobalNorm(grads, ctx.clipNorm);
    ctx.optimizer.applyGradients(ctx.variables.map((v) => ({ name: v.name, tensor: clipped.grads[v.name] ?? tf.zerosLike(v) })));
    return value;
  });
  const out = loss.dataSync()[0]!;
  loss.dispose();
  return out;
}
