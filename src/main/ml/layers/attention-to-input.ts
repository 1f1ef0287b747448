/**
 * Maps attention weights over a downsampled feature sequence back onto the input samples,
 * for display: which part of the beat the model looked at.
 *
 * - Rank-4 input [batch, heads, steps, steps] (self-attention): averaged over heads and over
 *   queries, i.e. the attention each step receives; rows of a softmax sum to 1, so the mean
 *   does too.
 * - Rank-2 input [batch, steps] (additive attention): used as it is.
 *
 * Step t of a sequence downsampled by `stride` (the product of the pooling sizes) covers input
 * samples [t·stride, (t+1)·stride), centred at (t + ½)·stride − ½. Each input sample i takes the
 * linear interpolation between the two steps around it, at position (i + ½) / stride − ½,
 * clamped to the first and last step (samples past the last full step, dropped by the
 * pooling's floor, take the last step). The result is normalised to sum 1 per beat.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { checkInteger, ModelConfigError, oneTensor, type BaseLayerArgs } from './layer-utils';

/** Arguments of {@link AttentionToInput}. */
export interface AttentionToInputArgs extends BaseLayerArgs {
  /** Samples of the model's input window. */
  inputLength: number;
  /** Input samples per attention step (default ⌊inputLength / steps⌋, exact for steps ≥ stride). */
  stride?: number;
}

const NAME = 'RaAttentionToInput';

/** The [steps, inputLength] linear-interpolation matrix described in the file comment. */
export function interpolationMatrix(steps: number, inputLength: number, stride: number): Float32Array {
  const matrix = new Float32Array(steps * inputLength);
  for (let i = 0; i < inputLength; i++) {
    const position = Math.min(Math.max((i + 0.5) / stride - 0.5, 0), steps - 1);
    const t0 = Math.floor(position);
    const t1 = Math.min(t0 + 1, steps - 1);
    const frac = position - t0;
    matrix[t0 * inputLength + i] = (matrix[t0 * inputLength + i] ?? 0) + 1 - frac;
    matrix[t1 * inputLength + i] = (matrix[t1 * inputLength + i] ?? 0) + frac;
  }
  return matrix;
}

/** Attention weights → [batch, inputLength] weights over the input samples (rows sum to 1). */
export class AttentionToInput extends tfl.layers.Layer {
  /** Registered class name. */
  static readonly className = NAME;
  readonly inputLength: number;
  readonly stride: number | undefined;
  private readonly matrices = new Map<number, Float32Array>();

  constructor(args: AttentionToInputArgs) {
    super(args);
    this.inputLength = checkInteger(NAME, 'inputLength', args.inputLength);
    this.stride = args.stride === undefined ? undefined : checkInteger(NAME, 'stride', args.stride);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    if (shape.length !== 2 && shape.length !== 4) {
      throw new ModelConfigError(`${NAME}: expects attention weights of rank 2 or 4, got [${shape.join(', ')}]`);
    }
    return [shape[0] ?? null, this.inputLength];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      if (x.rank !== 2 && x.rank !== 4) {
        throw new ModelConfigError(`${NAME}: expects attention weights of rank 2 or 4, got [${x.shape.join(', ')}]`);
      }
      // Mean over heads (axis 1), then over queries (axis 1 again): attention received per key.
      const perStep = (x.rank === 4 ? tf.mean(tf.mean(x, 1), 1) : x) as tf.Tensor2D;
      const steps = perStep.shape[1];
      const matrix = tf.tensor2d(this.matrixFor(steps), [steps, this.inputLength]);
      const mapped = tf.matMul(perStep, matrix);
      return tf.div(mapped, tf.sum(mapped, 1, true));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { inputLength: this.inputLength };
    if (this.stride !== undefined) config['stride'] = this.stride;
    return { ...super.getConfig(), ...config };
  }

  private matrixFor(steps: number): Float32Array {
    let matrix = this.matrices.get(steps);
    if (matrix === undefined) {
      const stride = this.stride ?? Math.max(1, Math.floor(this.inputLength / steps));
      matrix = interpolationMatrix(steps, this.inputLength, stride);
      this.matrices.set(steps, matrix);
    }
    return matrix;
  }
}
tf.serialization.registerClass(AttentionToInput);
