/**
 * `Equal` for the wasm backend with a fast broadcasting path. The stock kernel handles
 * same-shape inputs well but broadcasts through a per-element index computation (about
 * 130 ns per element here). The gradient of `max`/`min` (global max pooling, for one)
 * compares a whole activation with its broadcast maximum on every step. Same-shape and
 * string inputs go to the stock kernel.
 */
import {
  backend_util,
  broadcast_util,
  Equal,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasmBackend, wrapStockKernel } from './wasm-kernel-utils';

type Flat = backend_util.TypedArray;

/** Element strides of `shape` seen from an output of rank `rank`; 0 on broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const axis = rank - shape.length + i;
    const dim = shape[i] as number;
    strides[axis] = dim === 1 && (outShape[axis] as number) !== 1 ? 0 : stride;
    stride *= dim;
  }
  return strides;
}

/**
 * out[i] = a[ia(i)] === b[ib(i)] ? 1 : 0 over the broadcast of a and b. The last axis is an
 * inner loop with fixed strides; the outer axes advance like an odometer.
 */
export function equalBroadcast(a: Flat, aShape: number[], b: Flat, bShape: number[], outShape: number[], out: Uint8Array): void {
  const rank = outShape.length;
  if (rank === 0) {
    out[0] = a[0] === b[0] ? 1 : 0;
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const inner = outShape[rank - 1] as number;
  const [ia, ib] = [sa[rank - 1] as number, sb[rank - 1] as number];
  const index = new Array<number>(rank - 1).fill(0);
  let offA = 0;
  let offB = 0;
  for (let base = 0; base < out.length; base += inner) {
    for (let j = 0; j < inner; j++) out[base + j] = a[offA + j * ia] === b[offB + j * ib] ? 1 : 0;
    for (let d = rank - 2; d >= 0; d--) {
      const dim = outShape[d] as number;
      offA += sa[d] as number;
      offB += sb[d] as number;
      const next = (index[d] as number) + 1;
      index[d] = next;
      if (next < dim) break;
      index[d] = 0;
      offA -= (sa[d] as number) * dim;
      offB -= (sb[d] as number) * dim;
    }
  }
}

function equalVia(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    if (same || a.dtype === 'string' || b.dtype === 'string' || a.dtype !== b.dtype) return stock(args);
    const outShape = broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = backend.makeOutput(outShape, 'bool');
    const av = backend.typedArrayFromHeap(a);
    const bv = backend.typedArrayFromHeap(b);
    equalBroadcast(av, a.shape, bv, b.shape, outShape, backend.typedArrayFromHeap(out) as Uint8Array);
    return out;
  };
}

/** Builds our Equal config around the stock one (kept for same shapes, with its setup). */
export function equalConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(Equal, stock, equalVia(stock.kernelFunc));
}
