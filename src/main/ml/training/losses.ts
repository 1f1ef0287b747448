/**
 * Stable focal loss (Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017):
 *   FL(p_t) = −α_t (1 − p_t)^γ log p_t
 * with p_t the probability given to the true class and α_t that class's weight. γ = 0 is
 * class-weighted cross-entropy; γ > 0 shrinks the loss of beats the model already gets
 * right (p_t near 1), so that the rare, hard beats (S among N) drive the gradient.
 *
 * Stability: from logits, log p_t comes from a log-softmax (log-sum-exp with the maximum
 * subtracted), never log(softmax); from probabilities (our models end in a softmax), p is
 * clipped to [ε, 1 − ε] before the logarithm, as Keras' categorical cross-entropy does. The
 * modulating factor's base is kept ≥ ε so that its gradient stays finite for γ < 1.
 *
 * Reduction: the mean over the batch of the weighted per-beat losses (Keras' convention for
 * class weights: weights scale each beat's loss, the divisor is the batch size).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Options of the focal losses. */
export interface FocalLossOptions {
  /** Focusing parameter γ ≥ 0 (0 = weighted cross-entropy; Lin et al. use 2). */
  gamma: number;
  /** Weight α per class index; null or absent = 1 for every class. */
  classWeights?: readonly number[] | null;
  /** Clipping of probabilities (default 1e-7, Keras' epsilon). */
  epsilon?: number;
}

function checkOptions(options: FocalLossOptions, classes: number): void {
  if (!(options.gamma >= 0) || !Number.isFinite(options.gamma)) throw new RangeError(`focal loss: gamma must be ≥ 0, got ${options.gamma}`);
  const w = options.classWeights;
  if (w && w.length !== classes) throw new RangeError(`focal loss: ${w.length} class weights for ${classes} classes`);
  if (w && w.some((v) => !(v >= 0) || !Number.isFinite(v))) throw new RangeError(`focal loss: class weights must be finite and ≥ 0, got [${w.join(', ')}]`);
}

/** Per-beat focal losses from log p_t [N] and the labels [N] (int32 class indices). */
function focalFromLogPt(logPt: tf.Tensor1D, labels: tf.Tensor1D, options: FocalLossOptions): tf.Tensor1D {
  const eps = options.epsilon ?? 1e-7;
  let loss = tf.neg(logPt);
  if (options.gamma > 0) {
    const base = tf.maximum(tf.sub(1, tf.exp(logPt)), eps);
    loss = tf.mul(tf.pow(base, options.gamma), loss);
  }
  if (options.classWeights) {
    const alpha = tf.gather(tf.tensor1d(options.classWeights as number[], 'float32'), labels);
    loss = tf.mul(alpha, loss);
  }
  return loss;
}

/** log p_t: the log-probability of each beat's true class, picked with a one-hot mask. */
function pickTrue(logP: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  const mask = tf.oneHot(tf.cast(labels, 'int32'), logP.shape[1]);
  return tf.sum(tf.mul(logP, tf.cast(mask, 'float32')), 1);
}

/**
 * Per-beat focal losses [N] from softmax probabilities [N, C] (clipped to [ε, 1 − ε]) and
 * int32 labels [N]. Throws RangeError on bad options.
 */
export function focalLossPerBeat(labels: tf.Tensor1D, probabilities: tf.Tensor2D, options: FocalLossOptions): tf.Tensor1D {
  const classes = probabilities.shape[1];
  checkOptions(options, classes);
  return tf.tidy(() => {
    const eps = options.epsilon ?? 1e-7;
    const logP = tf.log(tf.clipByValue(probabilities, eps, 1 - eps)) as tf.Tensor2D;
    return focalFromLogPt(pickTrue(logP, labels), labels, options);
  });
}

/** Mean focal loss over the batch, from softmax probabilities (see {@link focalLossPerBeat}). */
export function focalLoss(labels: tf.Tensor1D, probabilities: tf.Tensor2D, options: FocalLossOptions): tf.Scalar {
  return tf.tidy(() => tf.mean(focalLossPerBeat(labels, probabilities, options)));
}

/**
 * Mean focal loss over the batch from logits [N, C] (log-softmax: log-sum-exp with the row
 * maximum subtracted, exact for any logit size). Throws RangeError on bad options.
 */
export function focalLossFromLogits(labels: tf.Tensor1D, logits: tf.Tensor2D, options: FocalLossOptions): tf.Scalar {
  const classes = logits.shape[1];
  checkOptions(options, classes);
  return tf.tidy(() => {
    const logP = tf.logSoftmax(logits) as tf.Tensor2D;
    return tf.mean(focalFromLogPt(pickTrue(logP, labels), labels, options));
  });
}
