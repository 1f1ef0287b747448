/**
 * A 1D convolution followed by batch normalisation (Ioffe & Szegedy 2015) and an optional
 * ReLU, as one layer — the same computation as Keras' Conv1D(use_bias=False) →
 * BatchNormalization → Activation, but at inference the normalisation is folded into the
 * convolution, which then runs as one fused kernel (convolution + bias + ReLU):
 *
 *   s = γ / √(σ²_moving + ε),   W' = W · s (per output channel),   b' = β − μ_moving · s
 *   y = act(conv(x, W') + b')
 *
 * On the wasm backend that removes the separate FusedBatchNorm, bias Add and Relu passes
 * over every activation, about a quarter of RhythmAttention's inference time. While
 * training it normalises with the batch's moments and updates the moving averages exactly
 * as tfjs-layers' BatchNormalization does (momentum, biased batch variance).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  checkInteger,
  checkNonNegative,
  checkRate,
  featureSize,
  glorot,
  isTraining,
  l2Regularizer,
  ModelConfigError,
  oneTensor,
  singleShape,
  type BaseLayerArgs,
  type CallKwargs,
} from './layer-utils';

/** Arguments of {@link ConvBatchNorm1D}. */
export interface ConvBatchNorm1DArgs extends BaseLayerArgs {
  /** Output channels. */
  filters: number;
  /** Kernel width in samples ('same' padding, stride 1). */
  kernelSize: number;
  /** 'relu' (default) or 'linear' after the normalisation. */
  activation?: 'relu' | 'linear';
  /** Moving-average momentum of the batch statistics (default 0.99, as tfjs/Keras). */
  momentum?: number;
  /** Added to the variance (default 1e-3, as tfjs/Keras). */
  epsilon?: number;
  /** L2 factor on the kernel (default 0). */
  l2?: number;
  /** Seed of the Glorot-uniform kernel (unseeded when absent). */
  seed?: number;
}

const NAME = 'RaConvBatchNorm1D';

/** [batch, steps, channels] → [batch, steps, filters]; see the file comment. */
export class ConvBatchNorm1D extends tfl.layers.Layer {
  /** Registered class name. */
  static readonly className = NAME;
  readonly filters: number;
  readonly kernelSize: number;
  readonly activation: 'relu' | 'linear';
  readonly momentum: number;
  readonly epsilon: number;
  readonly l2: number;
  readonly seed: number | undefined;
  private vars: Record<'kernel' | 'gamma' | 'beta' | 'movingMean' | 'movingVariance', tfl.LayerVariable> | null = null;

  constructor(args: ConvBatchNorm1DArgs) {
    super(args);
    this.filters = checkInteger(NAME, 'filters', args.filters);
    this.kernelSize = checkInteger(NAME, 'kernelSize', args.kernelSize);
    const activation = args.activation ?? 'relu';
    if (activation !== 'relu' && activation !== 'linear') {
      throw new ModelConfigError(`${NAME}: activation must be 'relu' or 'linear', got '${String(activation)}'`);
    }
    this.activation = activation;
    this.momentum = checkRate(NAME, 'momentum', args.momentum ?? 0.99);
    this.epsilon = checkNonNegative(NAME, 'epsilon', args.epsilon ?? 1e-3);
    if (this.epsilon === 0) throw new ModelConfigError(`${NAME}: epsilon must be > 0`);
    this.l2 = checkNonNegative(NAME, 'l2', args.l2 ?? 0);
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = featureSize(NAME, singleShape(NAME, inputShape, 3));
    const f = [this.filters];
    this.vars = {
      kernel: this.addWeight('kernel', [this.kernelSize, channels, this.filters], 'float32', glorot(this.seed), l2Regularizer(this.l2)),
      gamma: this.addWeight('gamma', f, 'float32', tfl.initializers.ones()),
      beta: this.addWeight('beta', f, 'float32', tfl.initializers.zeros()),
      movingMean: this.addWeight('moving_mean', f, 'float32', tfl.initializers.zeros(), undefined, false),
      movingVariance: this.addWeight('moving_variance', f, 'float32', tfl.initializers.ones(), undefined, false),
    };
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(NAME, inputShape, 3);
    return [shape[0] ?? null, shape[1] ?? null, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: CallKwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      if (this.vars === null) throw new Error(`${NAME}: call before build`);
      return isTraining(kwargs) ? this.callTraining(x) : this.callInference(x);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      filters: this.filters,
      kernelSize: this.kernelSize,
      activation: this.activation,
      momentum: this.momentum,
      epsilon: this.epsilon,
      l2: this.l2,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }

  private callTraining(x: tf.Tensor3D): tf.Tensor {
    const v = this.vars as NonNullable<ConvBatchNorm1D['vars']>;
    const y = tf.conv1d(x, v.kernel.read() as tf.Tensor3D, 1, 'same');
    const { mean, variance } = tf.moments(y, [0, 1]);
    const normed = tf.batchNorm(y, mean, variance, v.beta.read(), v.gamma.read(), this.epsilon);
    // Moving averages, as tfjs-layers' BatchNormalization: m ← m − (m − batch)·(1 − momentum).
    for (const [moving, batch] of [
      [v.movingMean, mean],
      [v.movingVariance, variance],
    ] as const) {
      tf.tidy(() => {
        moving.write(tf.sub(moving.read(), tf.mul(tf.sub(moving.read(), batch), 1 - this.momentum)));
      });
    }
    return this.activation === 'relu' ? tf.relu(normed) : normed;
  }

  private callInference(x: tf.Tensor3D): tf.Tensor {
    const v = this.vars as NonNullable<ConvBatchNorm1D['vars']>;
    const [batch, steps, channels] = x.shape;
    const scale = tf.mul(v.gamma.read(), tf.rsqrt(tf.add(v.movingVariance.read(), this.epsilon)));
    const kernel = tf.mul(v.kernel.read(), scale);
    const bias = tf.sub(v.beta.read(), tf.mul(v.movingMean.read(), scale));
    // conv1d is a conv2d over [batch, 1, steps, channels], as tfjs' own conv1d does it.
    const y = tf.fused.conv2d({
      x: tf.reshape<tf.Rank.R4>(x, [batch, 1, steps, channels]),
      filter: tf.reshape<tf.Rank.R4>(kernel, [1, this.kernelSize, channels, this.filters]),
      strides: 1,
      pad: 'same',
      bias,
      activation: this.activation,
    });
    return tf.reshape(y, [batch, steps, this.filters]);
  }
}
tf.serialization.registerClass(ConvBatchNorm1D);
