/**
 * `Tile` for the wasm backend as block copies. The stock kernel computes a source index
 * for every output element (about 90 ns each here); tiling is really "copy a block, then
 * double it with copyWithin", which runs at memory speed. tfjs-layers' LayerNormalization
 * and tfjs-core's batch-norm gradient tile full activation-sized tensors on every step.
 * Strings go to the stock kernel.
 */
import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs-core';
import { asWasmBackend, wrapStockKernel } from './wasm-kernel-utils';

type Flat = Float32Array | Int32Array | Uint8Array;

/** Copies dst[start, start+len) into the next (times − 1) blocks, doubling each pass. */
function replicate(dst: Flat, start: number, len: number, times: number): void {
  const total = len * times;
  for (let filled = len; filled < total; ) {
    const count = Math.min(filled, total - filled);
    dst.copyWithin(start + filled, start, start + count);
    filled += count;
  }
}

/** Merges neighbouring axes that are both untiled: fewer, longer block copies. */
function mergeUntiled(shape: readonly number[], reps: readonly number[]): [number[], number[]] {
  const s: number[] = [];
  const r: number[] = [];
  shape.forEach((dim, axis) => {
    const rep = reps[axis] ?? 1;
    const last = s.length - 1;
    if (last >= 0 && rep === 1 && r[last] === 1) s[last] = (s[last] as number) * dim;
    else {
      s.push(dim);
      r.push(rep);
    }
  });
  return [s, r];
}

/**
 * Writes tile(src, reps) into dst (row-major, dst.length = size·Πreps). Exported for
 * tests; `shape` is src's shape.
 */
export function tileInto(src: Flat, shape: readonly number[], reps: readonly number[], dst: Flat): void {
  const [s, r] = mergeUntiled(shape, reps);
  if (s.length === 0) {
    dst.set(src);
    return;
  }
  const inStride = s.map((_, axis) => s.slice(axis + 1).reduce((p, d) => p * d, 1));
  const outStride = s.map((_, axis) => s.slice(axis + 1).reduce((p, d, i) => p * d * (r[axis + 1 + i] as number), 1));
  const fill = (axis: number, from: number, to: number): void => {
    const n = s[axis] as number;
    const times = r[axis] as number;
    if (axis === s.length - 1) {
      if (n === 1) dst.fill(src[from] as number, to, to + times);
      else {
        dst.set(src.subarray(from, from + n), to);
        replicate(dst, to, n, times);
      }
      return;
    }
    const inS = inStride[axis] as number;
    const outS = outStride[axis] as number;
    for (let i = 0; i < n; i++) fill(axis + 1, from + i * inS, to + i * outS);
    replicate(dst, to, n * outS, times);
  };
  fill(0, 0, 0);
}

function tileVia(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return stock(args);
    const { reps } = args.attrs as unknown as TileAttrs;
    const out = backend.makeOutput(
      x.shape.map((d, i) => d * (reps[i] ?? 1)),
      x.dtype,
    );
    // Views after the allocation: it may have grown (and detached) the heap.
    tileInto(backend.typedArrayFromHeap(x) as Flat, x.shape, reps, backend.typedArrayFromHeap(out) as Flat);
    return out;
  };
}

/** Builds our Tile config around the stock one (kept for strings, with its setup). */
export function tileConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(Tile, stock, tileVia(stock.kernelFunc));
}
