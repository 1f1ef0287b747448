/**
 * Additive (Bahdanau-style) attention pooling over time, exactly as seed 002 builds it from
 * Keras layers: a one-unit tanh Dense scores every step, a softmax over the steps turns the
 * scores into weights, and the context is the weighted sum of the steps.
 *
 *   e_t = tanh(x_t · w + b),  a = softmax_t(e),  context = Σ_t a_t x_t
 *
 * Returns [context [batch, features], weights [batch, steps]] (weights sum to 1 per row).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { checkNonNegative, featureSize, glorot, l2Regularizer, oneTensor, singleShape, type BaseLayerArgs } from './layer-utils';

/** Arguments of {@link AdditiveAttention}. */
export interface AdditiveAttentionArgs extends BaseLayerArgs {
  /** L2 factor on the scoring kernel (default 0, as in seed 002). */
  l2?: number;
  /** Seed of the Glorot-uniform scoring kernel (unseeded when absent). */
  seed?: number;
}

const NAME = 'RaAdditiveAttention';

/** Attention pooling [batch, steps, features] → [context, weights]; see the file comment. */
export class AdditiveAttention extends tfl.layers.Layer {
  /** Registered class name; prefixed so as not to collide with any tfjs layer. */
  static readonly className = NAME;
  readonly l2: number;
  readonly seed: number | undefined;
  private kernel: tfl.LayerVariable | null = null;
  private bias: tfl.LayerVariable | null = null;

  constructor(args: AdditiveAttentionArgs = {}) {
    super(args);
    this.l2 = checkNonNegative(NAME, 'l2', args.l2 ?? 0);
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const features = featureSize(NAME, singleShape(NAME, inputShape, 3));
    this.kernel = this.addWeight('kernel', [features, 1], 'float32', glorot(this.seed), l2Regularizer(this.l2));
    this.bias = this.addWeight('bias', [1], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape[] {
    const shape = singleShape(NAME, inputShape, 3);
    const [batch, steps] = [shape[0] ?? null, shape[1] ?? null];
    return [
      [batch, featureSize(NAME, shape)],
      [batch, steps],
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      if (this.kernel === null || this.bias === null) throw new Error(`${NAME}: call before build`);
      const [batch, steps, features] = x.shape;
      const flat = tf.reshape(x, [batch * steps, features]);
      const scores = tf.tanh(tf.add(tf.matMul(flat, this.kernel.read()), this.bias.read()));
      const weights = tf.softmax(tf.reshape(scores, [batch, steps])) as tf.Tensor2D;
      // Σ_t a_t x_t as a batched product [b, 1, t] × [b, t, f].
      const context = tf.reshape(tf.matMul(tf.reshape(weights, [batch, 1, steps]), x), [batch, features]);
      return [context, weights];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { l2: this.l2 };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(AdditiveAttention);
