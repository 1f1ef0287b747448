/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017, §3.2.2), the small
 * subset of Keras' MultiHeadAttention that our models need: queries, keys and values all
 * come from the one input sequence, there is no mask, and the layer can also return its
 * attention weights (for the display of what the model looked at).
 *
 *   Q = x·Wq + bq, K = x·Wk + bk, V = x·Wv + bv     (each [batch, steps, heads × keyDim])
 *   A_h = softmax(Q_h K_hᵀ / √keyDim)               ([batch, heads, steps, steps], rows sum to 1)
 *   out = concat_h(dropout(A_h) V_h)·Wo + bo         ([batch, steps, outputDim])
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
  oneTensor,
  singleShape,
  type BaseLayerArgs,
  type CallKwargs,
} from './layer-utils';

/** Arguments of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs extends BaseLayerArgs {
  /** Number of attention heads. */
  numHeads: number;
  /** Size of each head's queries, keys and values. */
  keyDim: number;
  /** Features of the output (default: the input's feature count, so a residual add fits). */
  outputDim?: number;
  /** Dropout on the attention weights while training (default 0). */
  dropout?: number;
  /** Also return the attention weights [batch, heads, steps, steps] as a second output (default false). */
  returnAttentionScores?: boolean;
  /** L2 factor on the four projection kernels (default 0). */
  l2?: number;
  /** Seed of the Glorot-uniform kernels (unseeded when absent); the kernels use seed, seed+1, … */
  seed?: number;
}

const NAME = 'RaMultiHeadSelfAttention';
type Projection = { kernel: tfl.LayerVariable; bias: tfl.LayerVariable };

/** Self-attention over [batch, steps, features]; see the file comment for the formulas. */
export class MultiHeadSelfAttention extends tfl.layers.Layer {
  /** Registered class name; prefixed so as not to collide with tfjs' own MultiHeadAttention. */
  static readonly className = NAME;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly outputDim: number | undefined;
  readonly dropout: number;
  readonly returnAttentionScores: boolean;
  readonly l2: number;
  readonly seed: number | undefined;
  private projections: Record<'query' | 'key' | 'value' | 'output', Projection> | null = null;

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    this.numHeads = checkInteger(NAME, 'numHeads', args.numHeads);
    this.keyDim = checkInteger(NAME, 'keyDim', args.keyDim);
    this.outputDim = args.outputDim === undefined ? undefined : checkInteger(NAME, 'outputDim', args.outputDim);
    this.dropout = checkRate(NAME, 'dropout', args.dropout ?? 0);
    this.returnAttentionScores = args.returnAttentionScores ?? false;
    this.l2 = checkNonNegative(NAME, 'l2', args.l2 ?? 0);
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const features = featureSize(NAME, singleShape(NAME, inputShape, 3));
    const inner = this.numHeads * this.keyDim;
    const out = this.outputDim ?? features;
    const make = (name: string, rows: number, cols: number, index: number): Projection => ({
      kernel: this.addWeight(
        `${name}_kernel`,
        [rows, cols],
        'float32',
        glorot(this.seed === undefined ? undefined : this.seed + index),
        l2Regularizer(this.l2),
      ),
      bias: this.addWeight(`${name}_bias`, [cols], 'float32', tfl.initializers.zeros()),
    });
    this.projections = {
      query: make('query', features, inner, 0),
      key: make('key', features, inner, 1),
      value: make('value', features, inner, 2),
      output: make('output', inner, out, 3),
    };
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    const shape = singleShape(NAME, inputShape, 3);
    const [batch, steps] = [shape[0] ?? null, shape[1] ?? null];
    const output: tfl.Shape = [batch, steps, this.outputDim ?? featureSize(NAME, shape)];
    return this.returnAttentionScores ? [output, [batch, this.numHeads, steps, steps]] : output;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: CallKwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      const p = this.projections;
      if (p === null) throw new Error(`${NAME}: call before build`);
      const [batch, steps, features] = x.shape;
      const [heads, keyDim] = [this.numHeads, this.keyDim];
      const flat = tf.reshape(x, [batch * steps, features]);
      // [b·t, h·k] → [b·h, t, k]: each head becomes one slice of a batched product.
      const project = (q: Projection): tf.Tensor3D =>
        tf.reshape(
          tf.transpose(tf.reshape(tf.add(tf.matMul(flat, q.kernel.read()), q.bias.read()), [batch, steps, heads, keyDim]), [0, 2, 1, 3]),
          [batch * heads, steps, keyDim],
        );
      const scores = tf.mul(tf.matMul(project(p.query), project(p.key), false, true), 1 / Math.sqrt(keyDim));
      const weights = tf.softmax(scores);
      const used = isTraining(kwargs) && this.dropout > 0 ? tf.dropout(weights, this.dropout) : weights;
      const context = tf.matMul(used, project(p.value));
      const merged = tf.reshape(tf.transpose(tf.reshape(context, [batch, heads, steps, keyDim]), [0, 2, 1, 3]), [
        batch * steps,
        heads * keyDim,
      ]);
      const projected = tf.add(tf.matMul(merged, p.output.kernel.read()), p.output.bias.read());
      const output = tf.reshape(projected, [batch, steps, -1]);
      return this.returnAttentionScores ? [output, tf.reshape(weights, [batch, heads, steps, steps])] : output;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      dropout: this.dropout,
      returnAttentionScores: this.returnAttentionScores,
      l2: this.l2,
    };
    if (this.outputDim !== undefined) config['outputDim'] = this.outputDim;
    if (this.seed !== undefined) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(MultiHeadSelfAttention);
