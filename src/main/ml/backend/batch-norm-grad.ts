/**
 * The gradient of `FusedBatchNorm` (tf.batchNorm) in one pass on the wasm backend.
 *
 * tfjs-core computes it as about ten activation-sized element-wise ops and four
 * reductions (a tile of 1/σ, dy·γ, x − μ, …), each a full pass over memory. Batch
 * normalisation (per-channel μ, σ², γ, β) and tfjs-layers' LayerNormalization (which hands
 * batchNorm tiled, input-shaped μ, σ², γ, β) both go through it on every training step.
 * With inv = 1/√(σ² + ε), the five gradients are, per element (k = its channel, or the
 * element itself when the statistics are input-shaped):
 *   dx = dy·γ·inv     dμ += −dy·γ·inv     dσ² += −½·dy·γ·(x − μ)·inv³
 *   dγ += dy·(x − μ)·inv     dβ += dy
 * which two passes compute (sums in float64; see batchNormGradInto). Other backends, other
 * dtypes and other statistic shapes keep tfjs-core's gradient.
 */
import {
  engine,
  FusedBatchNorm,
  getBackend,
  getGradient,
  getKernel,
  registerGradient,
  type FusedBatchNormAttrs,
  type GradConfig,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorMap,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, WASM_BACKEND } from './wasm-kernel-utils';

/** Our kernel's name: not a tfjs kernel, so no other backend implements it. */
export const BATCH_NORM_GRAD = 'RhythmFusedBatchNormGrad';

/**
 * Per-column Σ dy and Σ dy·x over the rows of row-major [rows, channels] matrices, eight
 * columns at a time in float64 locals (see reduceLeadingRows in wasm-reduce.ts for why).
 */
function columnSums(dy: Float32Array, x: Float32Array, channels: number, sumDy: Float64Array, sumDyX: Float64Array): void {
  const end = x.length;
  let k = 0;
  for (; k + 4 <= channels; k += 4) {
    // Plain statements: destructuring a fresh array per row is not optimised away.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let i = k; i < end; i += channels) {
      const d0 = dy[i] as number;
      const d1 = dy[i + 1] as number;
      const d2 = dy[i + 2] as number;
      const d3 = dy[i + 3] as number;
      a0 += d0;
      a1 += d1;
      a2 += d2;
      a3 += d3;
      b0 += d0 * (x[i] as number);
      b1 += d1 * (x[i + 1] as number);
      b2 += d2 * (x[i + 2] as number);
      b3 += d3 * (x[i + 3] as number);
    }
    sumDy.set([a0, a1, a2, a3], k);
    sumDyX.set([b0, b1, b2, b3], k);
  }
  for (; k < channels; k++) {
    let a = 0;
    let b = 0;
    for (let i = k; i < end; i += channels) {
      a += dy[i] as number;
      b += (dy[i] as number) * (x[i] as number);
    }
    sumDy[k] = a;
    sumDyX[k] = b;
  }
}

/**
 * The five gradients of the module note. With S₁ = Σ dy and S₂ = Σ dy·x per statistic
 * (one pass), Σ dy·(x − μ) = S₂ − μ·S₁, so dμ = −γ·inv·S₁, dσ² = −½·γ·inv³·(S₂ − μS₁),
 * dγ = inv·(S₂ − μS₁), dβ = S₁; a second pass writes dx. `channels` is the statistics'
 * length: the last axis of x, or all of x for input-shaped statistics. Exported for tests.
 */
export function batchNormGradInto(
  x: Float32Array,
  dy: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  scale: Float32Array | null,
  epsilon: number,
  out: { dx: Float32Array; dMean: Float32Array; dVariance: Float32Array; dScale: Float32Array; dOffset: Float32Array },
): void {
  const channels = mean.length;
  const [s1, s2] = [new Float64Array(channels), new Float64Array(channels)];
  columnSums(dy, x, channels, s1, s2);
  const coef = new Float32Array(channels);
  for (let k = 0; k < channels; k++) {
    const inv = 1 / Math.sqrt((variance[k] as number) + epsilon);
    const g = scale === null ? 1 : (scale[k] as number);
    const centred = (s2[k] as number) - (mean[k] as number) * (s1[k] as number);
    coef[k] = g * inv;
    out.dMean[k] = -g * inv * (s1[k] as number);
    out.dVariance[k] = -0.5 * g * inv * inv * inv * centred;
    out.dScale[k] = inv * centred;
    out.dOffset[k] = s1[k] as number;
  }
  // One flat loop with a wrapping channel index runs faster here than rows × channels.
  const dx = out.dx;
  for (let i = 0, k = 0; i < dx.length; i++) {
    dx[i] = (dy[i] as number) * (coef[k] as number);
    if (++k === channels) k = 0;
  }
}

const batchNormGradWasm: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x, dy, mean, variance, scale } = inputs as Record<string, TensorInfo | undefined> as {
    x: TensorInfo;
    dy: TensorInfo;
    mean: TensorInfo;
    variance: TensorInfo;
    scale?: TensorInfo;
  };
  const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
  const outs = [x.shape, mean.shape, mean.shape, mean.shape, mean.shape].map((s) => backend.makeOutput(s, 'float32'));
  const [dx, dMean, dVariance, dScale, dOffset] = outs.map((o) => f32(backend, o)) as Float32Array[];
  batchNormGradInto(
    f32(backend, x),
    f32(backend, dy),
    f32(backend, mean),
    f32(backend, variance),
    scale === undefined ? null : f32(backend, scale),
    varianceEpsilon,
    { dx: dx!, dMean: dMean!, dVariance: dVariance!, dScale: dScale!, dOffset: dOffset! },
  );
  return outs;
};

/** Kernel config: our one-pass batch-norm gradient on 'wasm'. */
export const batchNormGradConfig: KernelConfig = {
  kernelName: BATCH_NORM_GRAD,
  backendName: WASM_BACKEND,
  kernelFunc: batchNormGradWasm,
};

/** True when the kernel applies: float32, statistics per last-axis channel or input-shaped. */
function fits(x: Tensor, dy: Tensor, stats: (Tensor | undefined)[]): boolean {
  if (getBackend() !== WASM_BACKEND || getKernel(BATCH_NORM_GRAD, WASM_BACKEND) === undefined) return false;
  const channels = x.shape.at(-1);
  const shapeOk = (t: Tensor): boolean =>
    t.dtype === 'float32' &&
    ((t.rank === 1 && t.shape[0] === channels) || (t.rank === x.rank && t.shape.every((d, i) => d === x.shape[i])));
  const [mean] = stats;
  return (
    x.dtype === 'float32' &&
    dy.dtype === 'float32' &&
    stats.every((t) => t === undefined || (shapeOk(t) && mean !== undefined && t.rank === mean.rank))
  );
}

/**
 * Gradient config for FusedBatchNorm: our kernel where it fits, else `fallback` (the
 * gradient that was registered before ours: tfjs-core's).
 */
export function batchNormGradientFrom(fallback: GradConfig): GradConfig {
  return {
    kernelName: FusedBatchNorm,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
      if (Array.isArray(dy) || !fits(x, dy, [mean, variance, scale])) return fallback.gradFunc(dy, saved, attrs);
      // Run the kernel now, not inside the first derivative thunk: the tape runs each thunk
      // in its own tidy, which would dispose the outputs the other thunks return.
      const inputs: NamedTensorMap = { x, dy, mean, variance };
      if (scale !== undefined) inputs['scale'] = scale;
      const outs = engine().runKernel(BATCH_NORM_GRAD, inputs, attrs) as Tensor[];
      const pick = (i: number) => (): Tensor => outs[i] as Tensor;
      return { x: pick(0), mean: pick(1), variance: pick(2), scale: pick(3), offset: pick(4) };
    },
  };
}

/** Registers our FusedBatchNorm gradient over the current one (idempotent). */
export function registerBatchNormGradient(): void {
  const current = getGradient(FusedBatchNorm);
  if (current === undefined || current.gradFunc === ownGradFunc) return;
  const config = batchNormGradientFrom(current);
  ownGradFunc = config.gradFunc;
  registerGradient(config);
}

let ownGradFunc: GradConfig['gradFunc'] | null = null;
