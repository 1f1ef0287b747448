/**
 * Dual global pooling over time (seeds 000/001): the mean and the maximum of every channel,
 * concatenated — the mean keeps what is consistent over the beat, the maximum what is most
 * prominent. One layer instead of two poolings and a Concatenate.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { featureSize, oneTensor, singleShape, type BaseLayerArgs } from './layer-utils';

/** Arguments of {@link GlobalAvgMaxPooling1D} (only the base layer's). */
export type GlobalAvgMaxPooling1DArgs = BaseLayerArgs;

const NAME = 'RaGlobalAvgMaxPooling1D';

/** [batch, steps, channels] → [batch, 2·channels]: means first, then maxima. */
export class GlobalAvgMaxPooling1D extends tfl.layers.Layer {
  /** Registered class name. */
  static readonly className = NAME;

  constructor(args: GlobalAvgMaxPooling1DArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(NAME, inputShape, 3);
    return [shape[0] ?? null, 2 * featureSize(NAME, shape)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      return tf.concat([tf.mean(x, 1), tf.max(x, 1)], 1);
    });
  }
}
tf.serialization.registerClass(GlobalAvgMaxPooling1D);
