/**
 * RhythmAttention (seeds 000/001): a residual 1D CNN for the beat's morphology, then
 * self-attention over the downsampled sequence for how its parts relate in time.
 *
 *   beat [L, 1]
 *   → 3 × (residual block: conv-BN-ReLU-conv-BN + shortcut (1×1 conv when the width changes),
 *          add, ReLU; max-pool by 2)                                   [⌊L/8⌋, filters3]
 *     (each conv-BN is one ConvBatchNorm1D layer: the BN folds into the conv at inference)
 *   → spatial dropout → learned position embedding
 *   → multi-head self-attention, residual add, layer norm ('attention' layer)
 *   → global average ‖ global max pooling                             [2·filters3]
 *   (‖ Dense(rrUnits, ReLU) of the RR features when they are on)
 *   → Dense(denseUnits, ReLU) → dropout → Dense(classes, softmax) ('probabilities')
 *
 * L2 (`hyper.l2`) applies to every convolution, projection and dense kernel.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { ConvBatchNorm1D } from '../layers/conv-batch-norm-1d';
import { GlobalAvgMaxPooling1D } from '../layers/global-avg-max-pooling-1d';
import { MultiHeadSelfAttention } from '../layers/multi-head-self-attention';
import { PositionEmbedding } from '../layers/position-embedding';
import { SpatialDropout1D } from '../layers/spatial-dropout-1d';
import {
  applyTo,
  classificationHead,
  kernelArgs,
  LAYER_NAMES,
  modelInputs,
  SeedSequence,
  withRrFeatures,
} from './blocks';
import { hyperOf, type ModelConfig } from './config';

interface BlockOptions {
  name: string;
  filters: number;
  kernelSize: number;
  l2: number;
  seeds: SeedSequence;
}

/**
 * conv-BN-ReLU → conv-BN (ConvBatchNorm1D layers, folded at inference), plus the shortcut —
 * a 1×1 convolution when the width changes — then add and ReLU.
 */
function residualBlock(x: tfl.SymbolicTensor, options: BlockOptions): tfl.SymbolicTensor {
  const { name, filters, kernelSize, l2, seeds } = options;
  const convBn = (y: tfl.SymbolicTensor, activation: 'relu' | 'linear', suffix: string): tfl.SymbolicTensor =>
    applyTo(new ConvBatchNorm1D({ filters, kernelSize, activation, l2, seed: seeds.next(), name: `${name}_${suffix}` }), y);
  const main = convBn(convBn(x, 'relu', 'conv1'), 'linear', 'conv2');
  const shortcut =
    x.shape[x.shape.length - 1] === filters
      ? x
      : applyTo(tfl.layers.conv1d({ filters, kernelSize: 1, name: `${name}_shortcut`, ...kernelArgs(seeds, l2) }), x);
  const sum = applyTo(tfl.layers.add({ name: `${name}_add` }), [main, shortcut]);
  return applyTo(tfl.layers.activation({ activation: 'relu', name: `${name}_relu` }), sum);
}

/** Self-attention with residual add and layer norm; returns the normalised sequence. */
function attentionBlock(x: tfl.SymbolicTensor, config: ModelConfig, seeds: SeedSequence): tfl.SymbolicTensor {
  const attention = new MultiHeadSelfAttention({
    name: LAYER_NAMES.attention,
    numHeads: hyperOf(config, 'heads'),
    keyDim: hyperOf(config, 'keyDim'),
    dropout: hyperOf(config, 'attentionDropout'),
    l2: hyperOf(config, 'l2'),
    returnAttentionScores: true,
    seed: seeds.take(4), // its four kernels use seed … seed+3
  });
  const [attended] = attention.apply(x) as tfl.SymbolicTensor[];
  const sum = applyTo(tfl.layers.add({ name: 'attention_add' }), [x, attended as tfl.SymbolicTensor]);
  return applyTo(tfl.layers.layerNormalization({ name: 'attention_norm' }), sum);
}

/**
 * Builds an uncompiled RhythmAttention for a checked `config` (architecture 'rhythm-attention').
 * Deterministic for a given `seed`.
 */
export function buildRhythmAttention(config: ModelConfig, seed?: number): tfl.LayersModel {
  const seeds = new SeedSequence(seed);
  const l2 = hyperOf(config, 'l2');
  const inputs = modelInputs(config);
  let x = inputs.signal;
  for (const n of [1, 2, 3]) {
    x = residualBlock(x, {
      name: `block${n}`,
      filters: hyperOf(config, `filters${n}`),
      kernelSize: hyperOf(config, `kernel${n}`),
      l2,
      seeds,
    });
    x = applyTo(tfl.layers.maxPooling1d({ poolSize: 2, name: `block${n}_pool` }), x);
  }
  x = applyTo(new SpatialDropout1D({ rate: hyperOf(config, 'spatialDropout'), name: 'spatial_dropout' }), x);
  const steps = x.shape[1] as number;
  x = applyTo(new PositionEmbedding({ sequenceLength: steps, seed: seeds.next(), name: 'position_embedding' }), x);
  x = attentionBlock(x, config, seeds);
  const pooled = applyTo(new GlobalAvgMaxPooling1D({ name: 'avg_max_pool' }), x);
  const features = withRrFeatures(pooled, inputs.rr, hyperOf(config, 'rrUnits'), seeds, l2);
  const probabilities = classificationHead(features, config, {
    units: hyperOf(config, 'denseUnits'),
    dropout: hyperOf(config, 'dropout'),
    l2,
    seeds,
  });
  return tfl.model({
    inputs: inputs.all,
    outputs: probabilities,
    name: 'rhythm_attention',
  });
}
