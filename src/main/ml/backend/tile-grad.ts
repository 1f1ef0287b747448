/**
 * A gradient for `Tile` that costs one reduction per tiled axis.
 *
 * tfjs-core's own Tile gradient adds up one slice of dy per repetition: tiling a [1, 1, 64]
 * vector to [128, 46, 64] costs 5,888 Slice and 5,888 Add kernels. tfjs-layers'
 * LayerNormalization tiles its gamma, beta, mean and variance that way on every call, so
 * with the stock gradient the slices dominate a training step of an attention model on
 * every backend. Here each tiled axis of length reps·n is viewed as [reps, n] and summed
 * over reps: the same result, in at most rank-many kernels.
 */
import { getGradient, registerGradient, reshape, sum, Tile, type GradConfig, type Tensor, type TileAttrs } from '@tensorflow/tfjs-core';

/** Sums the tiles of `dy` (the gradient of tile(x, reps)) back to x's shape. */
export function sumTiles(dy: Tensor, xShape: readonly number[], reps: readonly number[]): Tensor {
  let grad = dy;
  for (let axis = xShape.length - 1; axis >= 0; axis--) {
    const repeats = reps[axis] ?? 1;
    if (repeats === 1) continue;
    const shape = grad.shape;
    const split = [...shape.slice(0, axis), repeats, xShape[axis] ?? 1, ...shape.slice(axis + 1)];
    grad = sum(reshape(grad, split), axis);
  }
  return grad;
}

/** Gradient config for `Tile` (all backends: it only composes public ops). */
export const tileGradConfig: GradConfig = {
  kernelName: Tile,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    if (x === undefined || Array.isArray(dy)) throw new Error('Tile gradient expects one input and one dy');
    const { reps } = attrs as unknown as TileAttrs;
    return { x: () => sumTiles(dy, x.shape, reps) };
  },
};

/** Replaces tfjs-core's Tile gradient with `tileGradConfig`; safe to call repeatedly. */
export function registerTileGradient(): void {
  if (getGradient(Tile)?.gradFunc !== tileGradConfig.gradFunc) registerGradient(tileGradConfig);
}
