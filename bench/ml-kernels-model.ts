/**
 * A stand-in for the default beat classifier, used only to benchmark tfjs backends
 * (bench/ml-kernels.ts): 187-sample beats, three residual 1D conv blocks (32 → 64 → 64
 * filters, batch norm, ReLU), spatial dropout, one 2-head self-attention block over the
 * ~46-step feature sequence, dual average + max pooling and a 5-class softmax (the AAMI
 * classes N, S, V, F, Q). About 100k parameters. The real model lives in src/main/ml later;
 * this one only has to exercise the same kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Beat length in samples (MIT-BIH beats resampled to 187 samples, as in the Kaggle set). */
export const BEAT_SAMPLES = 187;
/** Number of output classes (AAMI N, S, V, F, Q). */
export const NUM_CLASSES = 5;

/**
 * Scaled dot-product self-attention over already projected queries, keys and values,
 * split into `numHeads` heads. Inputs: [q, k, v], each [batch, steps, dim]; output
 * [batch, steps, dim]. The projections are ordinary Dense layers around it.
 */
export class MultiHeadDotProduct extends tfl.layers.Layer {
  static readonly className = 'BenchMultiHeadDotProduct';
  private readonly numHeads: number;

  constructor(args: { numHeads: number; name?: string }) {
    super(args);
    if (!Number.isInteger(args.numHeads) || args.numHeads < 1) {
      throw new Error(`numHeads must be a positive integer, got ${args.numHeads}`);
    }
    this.numHeads = args.numHeads;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shapes = inputShape as tfl.Shape[];
    const first = shapes[0];
    if (first === undefined) throw new Error('MultiHeadDotProduct expects [q, k, v]');
    return first;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [q, k, v] = inputs as tf.Tensor3D[];
      if (q === undefined || k === undefined || v === undefined) {
        throw new Error('MultiHeadDotProduct expects [q, k, v]');
      }
      const [batch, steps, dim] = q.shape;
      const heads = this.numHeads;
      const headDim = dim / heads;
      // [b, t, h*hd] → [b*h, t, hd] so that every head is one slice of a batched matmul.
      const split = (x: tf.Tensor3D): tf.Tensor3D =>
        tf.reshape(tf.transpose(tf.reshape(x, [batch, steps, heads, headDim]), [0, 2, 1, 3]), [
          batch * heads,
          steps,
          headDim,
        ]);
      const scores = tf.mul(tf.matMul(split(q), split(k), false, true), 1 / Math.sqrt(headDim));
      const context = tf.matMul(tf.softmax(scores), split(v));
      const merged = tf.transpose(tf.reshape(context, [batch, heads, steps, headDim]), [0, 2, 1, 3]);
      return tf.reshape(merged, [batch, steps, dim]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads };
  }
}
tf.serialization.registerClass(MultiHeadDotProduct);

/** conv → BN → ReLU → conv → BN, plus a projected shortcut when the width changes. */
function residualBlock(x: tfl.SymbolicTensor, filters: number, kernelSize: number): tfl.SymbolicTensor {
  // No bias where batch norm follows: its β makes one redundant (and it costs a pass).
  const conv = (y: tfl.SymbolicTensor, k: number, useBias = false): tfl.SymbolicTensor =>
    tfl.layers.conv1d({ filters, kernelSize: k, padding: 'same', useBias }).apply(y) as tfl.SymbolicTensor;
  const bn = (y: tfl.SymbolicTensor): tfl.SymbolicTensor =>
    tfl.layers.batchNormalization().apply(y) as tfl.SymbolicTensor;
  const relu = (y: tfl.SymbolicTensor): tfl.SymbolicTensor =>
    tfl.layers.activation({ activation: 'relu' }).apply(y) as tfl.SymbolicTensor;
  const inChannels = x.shape[x.shape.length - 1];
  const main = bn(conv(relu(bn(conv(x, kernelSize))), kernelSize));
  const shortcut = inChannels === filters ? x : conv(x, 1, true);
  return relu(tfl.layers.add().apply([main, shortcut]) as tfl.SymbolicTensor);
}

/** Self-attention block: Q/K/V projections, 2 heads, output projection, residual + layer norm. */
function attentionBlock(x: tfl.SymbolicTensor, numHeads: number): tfl.SymbolicTensor {
  const dim = x.shape[x.shape.length - 1] as number;
  const dense = (): tfl.SymbolicTensor => tfl.layers.dense({ units: dim }).apply(x) as tfl.SymbolicTensor;
  const attended = new MultiHeadDotProduct({ numHeads }).apply([dense(), dense(), dense()]);
  const projected = tfl.layers.dense({ units: dim }).apply(attended) as tfl.SymbolicTensor;
  const sum = tfl.layers.add().apply([x, projected]) as tfl.SymbolicTensor;
  return tfl.layers.layerNormalization().apply(sum) as tfl.SymbolicTensor;
}

/**
 * Builds (uncompiled) the benchmark network. Input [batch, 187, 1], output [batch, 5]
 * class probabilities.
 */
export function buildBenchModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [BEAT_SAMPLES, 1] });
  const pool = (y: tfl.SymbolicTensor): tfl.SymbolicTensor =>
    tfl.layers.maxPooling1d({ poolSize: 2 }).apply(y) as tfl.SymbolicTensor;
  let x = residualBlock(input, 32, 7); // 187 steps
  x = residualBlock(pool(x), 64, 5); // 93 steps
  x = residualBlock(pool(x), 64, 5); // 46 steps
  x = tfl.layers.spatialDropout1d({ rate: 0.1 }).apply(x) as tfl.SymbolicTensor;
  x = attentionBlock(x, 2);
  const avg = tfl.layers.globalAveragePooling1d().apply(x) as tfl.SymbolicTensor;
  const max = tfl.layers.globalMaxPooling1d().apply(x) as tfl.SymbolicTensor;
  const pooled = tfl.layers.concatenate().apply([avg, max]) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }).apply(pooled);
  return tfl.model({ inputs: input, outputs: output as tfl.SymbolicTensor });
}
