/**
 * Spatial dropout for sequences (Tompson et al. 2015): while training, drops whole feature
 * maps — one channel over all time steps — instead of single values, because neighbouring
 * samples of an ECG are so correlated that element-wise dropout hardly regularises. Kept
 * maps are scaled by 1 / (1 − rate); at inference the layer is the identity.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { checkRate, isTraining, oneTensor, singleShape, type BaseLayerArgs, type CallKwargs } from './layer-utils';

/** Arguments of {@link SpatialDropout1D}. */
export interface SpatialDropout1DArgs extends BaseLayerArgs {
  /** Fraction of feature maps dropped while training, in [0, 1). */
  rate: number;
  /** Seed of the dropout mask (unseeded when absent); for tests. */
  seed?: number;
}

const NAME = 'RaSpatialDropout1D';

/** [batch, steps, channels] → same shape; see the file comment. */
export class SpatialDropout1D extends tfl.layers.Layer {
  /** Registered class name; prefixed so as not to collide with tfjs' own SpatialDropout1D. */
  static readonly className = NAME;
  readonly rate: number;
  readonly seed: number | undefined;

  constructor(args: SpatialDropout1DArgs) {
    super(args);
    this.rate = checkRate(NAME, 'rate', args.rate);
    this.seed = args.seed;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return singleShape(NAME, inputShape, 3);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: CallKwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      if (!isTraining(kwargs) || this.rate === 0) return x;
      const [batch, , channels] = x.shape;
      return tf.dropout(x, this.rate, [batch, 1, channels], this.seed);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { rate: this.rate };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(SpatialDropout1D);
