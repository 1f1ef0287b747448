/**
 * A gradient for `Mean` that materialises the broadcast once. tfjs-core builds it as
 * ones(x.shape) · dy / n: a fill, a broadcasting multiply and a divide, three
 * activation-sized passes; batch-norm moments take two means per layer and step. Here dy/n
 * (small) is tiled up to x's shape: one pass, through the Tile kernel.
 */
import { div, getGradient, Mean, registerGradient, reshape, tile, util, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';

/** d mean(x, axes) / dx for upstream gradient `dy`: dy/n broadcast back over `axes`. */
export function meanGradient(dy: Tensor, xShape: number[], axis: number | number[]): Tensor {
  const axes = util.parseAxisParam(axis, xShape);
  const kept = xShape.map((d, i) => (axes.includes(i) ? 1 : d));
  const reps = xShape.map((d, i) => (axes.includes(i) ? d : 1));
  const count = axes.reduce((n, a) => n * (xShape[a] ?? 1), 1);
  return tile(reshape(div(dy, count), kept), reps);
}

/** Gradient config for Mean (all backends: it only composes public ops). */
export const meanGradConfig: GradConfig = {
  kernelName: Mean,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    if (x === undefined || Array.isArray(dy)) throw new Error('Mean gradient expects one input and one dy');
    const { axis } = attrs as unknown as { axis: number | number[] };
    return { x: () => meanGradient(dy, x.shape, axis) };
  },
};

/** Replaces tfjs-core's Mean gradient with `meanGradConfig`; safe to call repeatedly. */
export function registerMeanGradient(): void {
  if (getGradient(Mean)?.gradFunc !== meanGradConfig.gradFunc) registerGradient(meanGradConfig);
}
