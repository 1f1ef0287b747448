/**
 * `Sum` and `Mean` for the wasm backend over leading axes, plus an `Identity` that shares
 * memory.
 *
 * Reducing over every axis but the last (bias and batch-norm gradients, batch-norm
 * moments: [batch, steps, channels] → [channels]) makes the stock kernels transpose the
 * whole activation first. Here it is one sequential pass that adds each row into a
 * per-channel accumulator (in float64, then rounded once). Other reductions go to the
 * stock kernels.
 *
 * The stock wasm `Identity` copies its input. The engine clones (Identity) every tensor a
 * gradient saves for the backward pass, so a training step copied each activation once
 * more. Tensors are immutable and the wasm backend already shares memory between a tensor
 * and its reshapes (reference counted), so Identity can share it too, as the cpu and
 * webgl backends do.
 */
import {
  Identity,
  Mean,
  Sum,
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, wrapStockKernel } from './wasm-kernel-utils';

/**
 * out[j] = scale · Σ_i x[i·inner + j] for j < inner, i < outer: a reduction over the leading
 * `outer` rows of a row-major [outer, inner] matrix. Eight columns at a time, each summed
 * in a float64 local down the rows: the JIT keeps them in registers, which makes this
 * about six times faster than adding rows into an accumulator array.
 */
export function reduceLeadingRows(x: Float32Array, outer: number, inner: number, scale: number, out: Float32Array): void {
  const end = outer * inner;
  let j = 0;
  for (; j + 8 <= inner; j += 8) {
    let [s0, s1, s2, s3, s4, s5, s6, s7] = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let b = j; b < end; b += inner) {
      s0 += x[b] as number;
      s1 += x[b + 1] as number;
      s2 += x[b + 2] as number;
      s3 += x[b + 3] as number;
      s4 += x[b + 4] as number;
      s5 += x[b + 5] as number;
      s6 += x[b + 6] as number;
      s7 += x[b + 7] as number;
    }
    out.set([s0, s1, s2, s3, s4, s5, s6, s7].map((v) => v * scale), j);
  }
  for (; j < inner; j++) {
    let sum = 0;
    for (let b = j; b < end; b += inner) sum += x[b] as number;
    out[j] = sum * scale;
  }
}

/** Number of leading axes `axes` reduces, or −1 unless they are exactly 0 … k−1, k < rank. */
function leadingCount(shape: number[], axis: number | number[]): number {
  const axes = util.parseAxisParam(axis, shape).sort((p, q) => p - q);
  const k = axes.length;
  return k > 0 && k < shape.length && axes.every((a, i) => a === i) ? k : -1;
}

function reduceVia(stock: KernelFunc, mean: boolean): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const k = x.dtype === 'float32' ? leadingCount(x.shape, axis) : -1;
    if (k < 0) return stock(args);
    const outer = util.sizeFromShape(x.shape.slice(0, k));
    const kept = x.shape.slice(k);
    const outShape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept;
    const out = backend.makeOutput(outShape, 'float32');
    const inner = util.sizeFromShape(kept);
    reduceLeadingRows(f32(backend, x), outer, inner, mean ? 1 / outer : 1, f32(backend, out));
    return out;
  };
}

/** Our Sum around the stock one (kept for other axes and dtypes, with its setup). */
export function sumConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(Sum, stock, reduceVia(stock.kernelFunc, false));
}

/** Our Mean around the stock one (kept for other axes and dtypes, with its setup). */
export function meanConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(Mean, stock, reduceVia(stock.kernelFunc, true));
}

/** Our Identity: shares the input's memory (reference counted); strings go to the stock one. */
export function identityConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(Identity, stock, (args) => {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return stock.kernelFunc(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
}

