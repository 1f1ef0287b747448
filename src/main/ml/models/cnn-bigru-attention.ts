/**
 * CNN-BiGRU-Attention, as seed 002's `create_light_model` builds it:
 *
 *   beat [360, 1] (1 s at 360 Hz, z-scored)
 *   → Conv1D(32, 5, same, ReLU) → BN → MaxPool(2)
 *   → Conv1D(64, 5, same, ReLU) → BN → MaxPool(2)
 *   → Conv1D(64, 3, same, ReLU) → BN → MaxPool(2) → Dropout(0.3)         [45, 64]
 *   → Bidirectional(GRU(32, return sequences, recurrent dropout 0.1)) → Dropout(0.3)  [45, 64]
 *   → additive attention: softmax_t(tanh(Dense(1))) weighted sum ('attention')   [64]
 *   (‖ Dense(rrUnits, ReLU) of the RR features when they are on — ours, not the seed's)
 *   → Dense(32, ReLU) → Dropout(0.5) → Dense(5, softmax) ('probabilities')
 *
 * One difference we cannot avoid: tfjs' GRU implements only Keras' `reset_after=False`
 * variant (one bias vector), where TensorFlow 2's default is `reset_after=True`; the
 * parameter count differs by 2 × 3 × 32 × 2 = 384 biases.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { AdditiveAttention } from '../layers/additive-attention';
import { glorot } from '../layers/layer-utils';
import { applyTo, classificationHead, kernelArgs, LAYER_NAMES, modelInputs, SeedSequence, withRrFeatures } from './blocks';
import { hyperOf, type ModelConfig } from './config';

/** Name of the bidirectional GRU layer. */
const BIGRU_NAME = 'bigru';

/** Conv1D(ReLU) → BN → MaxPool(2), seed 002's conv block (seed 003's CNN-LSTM-Attention reuses it). */
export function convBlock(x: tfl.SymbolicTensor, n: number, config: ModelConfig, seeds: SeedSequence): tfl.SymbolicTensor {
  const conv = tfl.layers.conv1d({
    filters: hyperOf(config, `filters${n}`),
    kernelSize: hyperOf(config, `kernel${n}`),
    padding: 'same',
    activation: 'relu',
    name: `conv${n}`,
    ...kernelArgs(seeds, hyperOf(config, 'l2')),
  });
  const normalised = applyTo(tfl.layers.batchNormalization({ name: `conv${n}_bn` }), applyTo(conv, x));
  return applyTo(tfl.layers.maxPooling1d({ poolSize: 2, name: `conv${n}_pool` }), normalised);
}

/**
 * Keras' orthogonal initialisation (Saxe et al. 2014) of a [rows, cols] matrix: the Q of a
 * Gaussian matrix's QR decomposition, signs fixed by R's diagonal. Ours rather than
 * tfjs' `orthogonal()`, which warns about "slowness" for every matrix over 2,000 values.
 */
export function orthogonal(rows: number, cols: number, seed: number | undefined): tf.Tensor2D {
  return tf.tidy(() => {
    const [long, short] = [Math.max(rows, cols), Math.min(rows, cols)];
    const gaussian = tf.randomNormal([long, short], 0, 1, 'float32', seed) as tf.Tensor2D;
    const [q, r] = tf.linalg.qr(gaussian) as [tf.Tensor2D, tf.Tensor2D];
    const signs = tf.sign(tf.reshape(tf.stridedSlice(tf.reshape(r, [-1]), [0], [short * short], [short + 1]), [1, short]));
    const fixed = tf.mul(q, signs) as tf.Tensor2D;
    return rows < cols ? tf.transpose(fixed) : fixed;
  });
}

/**
 * Gives the bidirectional GRU its initial weights: Glorot kernels and orthogonal recurrent
 * kernels (Keras' defaults), with different seeds for the two directions — tfjs builds the
 * backward GRU from the forward one's config, seeds included, so both would start equal.
 */
function initialiseBiGru(bigru: tfl.layers.Layer, seeds: SeedSequence): void {
  const fresh = tf.tidy(() =>
    bigru.weights.map((w) => {
      const [rows, cols] = w.shape as [number, number | undefined];
      if (cols === undefined) return tf.zeros([rows]);
      const seed = seeds.next();
      return w.name.includes('recurrent') ? orthogonal(rows, cols, seed) : glorot(seed).apply([rows, cols], 'float32');
    }),
  );
  bigru.setWeights(fresh);
  tf.dispose(fresh);
}

/**
 * Builds an uncompiled CNN-BiGRU-Attention for a checked `config` (architecture
 * 'cnn-bigru-attention'). Deterministic for a given `seed`.
 */
export function buildCnnBiGruAttention(config: ModelConfig, seed?: number): tfl.LayersModel {
  const seeds = new SeedSequence(seed);
  const inputs = modelInputs(config);
  let x = inputs.signal;
  for (const n of [1, 2, 3]) x = convBlock(x, n, config, seeds);
  x = applyTo(tfl.layers.dropout({ rate: hyperOf(config, 'convDropout'), name: 'conv_dropout' }), x);
  const gru = tfl.layers.gru({
    units: hyperOf(config, 'gruUnits'),
    returnSequences: true,
    recurrentDropout: hyperOf(config, 'recurrentDropout'),
    // Replaced by initialiseBiGru; tfjs' default orthogonal() would warn about its size.
    recurrentInitializer: 'glorotUniform',
  });
  const bigru = tfl.layers.bidirectional({ layer: gru as tfl.RNN, mergeMode: 'concat', name: BIGRU_NAME });
  x = applyTo(bigru, x);
  x = applyTo(tfl.layers.dropout({ rate: hyperOf(config, 'gruDropout'), name: 'gru_dropout' }), x);
  const attention = new AdditiveAttention({ name: LAYER_NAMES.attention, l2: hyperOf(config, 'l2'), seed: seeds.next() });
  const [context] = attention.apply(x) as tfl.SymbolicTensor[];
  const features = withRrFeatures(context as tfl.SymbolicTensor, inputs.rr, hyperOf(config, 'rrUnits'), seeds, hyperOf(config, 'l2'));
  const probabilities = classificationHead(features, config, {
    units: hyperOf(config, 'denseUnits'),
    dropout: hyperOf(config, 'dropout'),
    l2: hyperOf(config, 'l2'),
    seeds,
  });
  const model = tfl.model({
    inputs: inputs.all,
    outputs: probabilities,
    name: 'cnn_bigru_attention',
  });
  initialiseBiGru(bigru, seeds);
  return model;
}
