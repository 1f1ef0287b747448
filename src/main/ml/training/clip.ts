/**
 * Global gradient-norm clipping (Pascanu et al. 2013; TensorFlow's `clip_by_global_norm`),
 * which tfjs lacks: all gradients are scaled by maxNorm / max(globalNorm, maxNorm), where
 * globalNorm = √(Σ over every gradient tensor of Σ g²). The direction of the update is kept;
 * only its length is capped, so one noisy batch cannot throw the weights far.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Clipped gradients and the global norm measured before clipping. */
export interface ClippedGradients {
  grads: tf.NamedTensorMap;
  /** Scalar: the global norm before clipping. */
  norm: tf.Scalar;
}

/**
 * Clips `grads` to a global norm of at most `maxNorm` (null: no clipping, norm still
 * measured). Returns new tensors; the caller disposes them (or calls it inside a tidy).
 * @throws RangeError when maxNorm is not positive.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number | null): ClippedGradients {
  if (maxNorm !== null && !(maxNorm > 0)) throw new RangeError(`gradient clipping: maxNorm must be positive, got ${maxNorm}`);
  const names = Object.keys(grads);
  return tf.tidy(() => {
    const squares = names.map((n) => tf.sum(tf.square(grads[n]!)));
    const norm = squares.length === 0 ? tf.scalar(0) : tf.sqrt(squares.length === 1 ? squares[0]! : tf.addN(squares));
    if (maxNorm === null) {
      const same: tf.NamedTensorMap = {};
      for (const n of names) same[n] = tf.clone(grads[n]!);
      return { grads: same, norm: norm as tf.Scalar };
    }
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    const clipped: tf.NamedTensorMap = {};
    for (const n of names) clipped[n] = tf.mul(grads[n]!, scale);
    return { grads: clipped, norm: norm as tf.Scalar };
  });
}
