/**
 * CNN-LSTM-Attention (seed 003): convolutions learn the beat's local features, an LSTM reads
 * their sequence in time, and attention — "a softmax function applied to a learned alignment
 * score between the hidden states of the LSTM and a context vector" (seed 003) — pools the
 * LSTM states into one vector for the classifier.
 *
 *   beat [L, 1] (default 1 s at 180 Hz, z-scored)
 *   → 3 × (Conv1D(ReLU) → BN → MaxPool(2)) ('conv1' … 'conv3', seed 002's block)  [⌊L/8⌋, filters3]
 *   → Dropout(convDropout)
 *   → LSTM(lstmUnits, return sequences, recurrent dropout) ('lstm') → Dropout(lstmDropout)
 *   → additive attention: a_t = softmax_t(tanh(h_t · u + b)), context Σ a_t h_t ('attention')
 *     — u is the learned context vector the seed describes
 *   (‖ Dense(rrUnits, ReLU) of the RR features when they are on)
 *   → Dense(denseUnits, ReLU) → Dropout(dropout) → Dense(classes, softmax) ('probabilities')
 *
 * What the seed leaves open and what we chose (../config CNN_LSTM_ATTENTION_HYPER): layer
 * counts and sizes (seed 002's convolution stack; one unidirectional LSTM of 64 units), the
 * window (RhythmAttention's 180 samples at 180 Hz, so that it can join the default model in
 * an ensemble), dropout rates (seed 002's), the RR input (ours, as for every model).
 * Initialisation is Keras': Glorot kernels, orthogonal recurrent kernel, zero bias but 1 for
 * the forget gate (Jozefowicz et al. 2015; Keras' `unit_forget_bias`).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { AdditiveAttention } from '../layers/additive-attention';
import { glorot } from '../layers/layer-utils';
import { applyTo, classificationHead, LAYER_NAMES, modelInputs, SeedSequence, withRrFeatures } from './blocks';
import { convBlock, orthogonal } from './cnn-bigru-attention';
import { hyperOf, type ModelConfig } from './config';

/** Name of the LSTM layer. */
export const LSTM_NAME = 'lstm';

/**
 * Keras' LSTM initialisation (see the file header). tfjs keeps the four gates side by side
 * in the order input, forget, cell, output, so the forget gate's bias is [units, 2·units).
 */
function initialiseLstm(lstm: tfl.layers.Layer, units: number, seeds: SeedSequence): void {
  const fresh = tf.tidy(() =>
    lstm.weights.map((w) => {
      const [rows, cols] = w.shape as [number, number | undefined];
      if (cols === undefined) return tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([rows - 2 * units])]);
      const seed = seeds.next();
      return w.name.includes('recurrent') ? orthogonal(rows, cols, seed) : glorot(seed).apply([rows, cols], 'float32');
    }),
  );
  lstm.setWeights(fresh);
  tf.dispose(fresh);
}

/**
 * Builds an uncompiled CNN-LSTM-Attention for a checked `config` (architecture
 * 'cnn-lstm-attention'). Deterministic for a given `seed`.
 */
export function buildCnnLstmAttention(config: ModelConfig, seed?: number): tfl.LayersModel {
  const seeds = new SeedSequence(seed);
  const inputs = modelInputs(config);
  const l2 = hyperOf(config, 'l2');
  let x = inputs.signal;
  for (const n of [1, 2, 3]) x = convBlock(x, n, config, seeds);
  x = applyTo(tfl.layers.dropout({ rate: hyperOf(config, 'convDropout'), name: 'conv_dropout' }), x);
  const units = hyperOf(config, 'lstmUnits');
  const lstm = tfl.layers.lstm({
    units,
    returnSequences: true,
    recurrentDropout: hyperOf(config, 'recurrentDropout'),
    // Replaced by initialiseLstm; tfjs' default orthogonal() would warn about its size.
    recurrentInitializer: 'glorotUniform',
    name: LSTM_NAME,
  });
  x = applyTo(lstm, x);
  x = applyTo(tfl.layers.dropout({ rate: hyperOf(config, 'lstmDropout'), name: 'lstm_dropout' }), x);
  const attention = new AdditiveAttention({ name: LAYER_NAMES.attention, l2, seed: seeds.next() });
  const [context] = attention.apply(x) as tfl.SymbolicTensor[];
  const features = withRrFeatures(context as tfl.SymbolicTensor, inputs.rr, hyperOf(config, 'rrUnits'), seeds, l2);
  const probabilities = classificationHead(features, config, { units: hyperOf(config, 'denseUnits'), dropout: hyperOf(config, 'dropout'), l2, seeds });
  const model = tfl.model({
    inputs: inputs.all,
    outputs: probabilities,
    name: 'cnn_lstm_attention',
  });
  initialiseLstm(lstm, units, seeds);
  return model;
}
