/**
 * `MaxPoolGrad` for the wasm backend in one cache-friendly pass. Each output window sends
 * its dy to the first position holding the window's maximum (ties: the first in row-major
 * window order, as tfjs' cpu backend does), accumulating where windows overlap. Channels
 * are the innermost loop, so every read of the NHWC input is sequential; the stock kernel
 * takes about 30 ns per input element here, this about a tenth of that.
 */
import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasmBackend, f32, wrapStockKernel } from './wasm-kernel-utils';

/** Pooling geometry as `computePool2DInfo` reports it (the fields used here). */
type PoolInfo = Pick<
  backend_util.Conv2DInfo,
  | 'batchSize'
  | 'inHeight'
  | 'inWidth'
  | 'inChannels'
  | 'outHeight'
  | 'outWidth'
  | 'strideHeight'
  | 'strideWidth'
  | 'dilationHeight'
  | 'dilationWidth'
  | 'effectiveFilterHeight'
  | 'effectiveFilterWidth'
  | 'padInfo'
>;

/** Flat offsets of the in-bounds pixels of one window, row-major; returns their count. */
function windowTaps(p: PoolInfo, n: number, oh: number, ow: number, taps: Int32Array): number {
  const top = oh * p.strideHeight - p.padInfo.top;
  const left = ow * p.strideWidth - p.padInfo.left;
  let count = 0;
  for (let fh = 0; fh < p.effectiveFilterHeight; fh += p.dilationHeight) {
    const ih = top + fh;
    if (ih < 0 || ih >= p.inHeight) continue;
    for (let fw = 0; fw < p.effectiveFilterWidth; fw += p.dilationWidth) {
      const iw = left + fw;
      if (iw >= 0 && iw < p.inWidth) taps[count++] = ((n * p.inHeight + ih) * p.inWidth + iw) * p.inChannels;
    }
  }
  return count;
}

/**
 * dx (zeroed by the caller) += dy routed to each window's maximum. Exported for tests.
 * Per window, each channel scans the window's pixels with its running maximum in locals.
 */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, p: PoolInfo, dx: Float32Array): void {
  const c = p.inChannels;
  const taps = new Int32Array(p.effectiveFilterHeight * p.effectiveFilterWidth);
  let o = 0;
  for (let n = 0; n < p.batchSize; n++) {
    for (let oh = 0; oh < p.outHeight; oh++) {
      for (let ow = 0; ow < p.outWidth; ow++, o += c) {
        const count = windowTaps(p, n, oh, ow, taps);
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let t = 0; t < count; t++) {
            const i = (taps[t] as number) + ch;
            const v = x[i] as number;
            if (v > best) {
              best = v;
              at = i;
            }
          }
          if (at >= 0) dx[at] = (dx[at] as number) + (dy[o + ch] as number);
        }
      }
    }
  }
}

function maxPoolGradVia(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = asWasmBackend(args.backend);
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') return stock(args);
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const dx = backend.makeOutput(input.shape, 'float32');
    const out = f32(backend, dx);
    out.fill(0);
    maxPoolGradInto(f32(backend, input), f32(backend, dy), info, out);
    return dx;
  };
}

/** Builds our MaxPoolGrad config around the stock one (kept for other dtypes). */
export function maxPoolGradConfigFrom(stock: KernelConfig): KernelConfig {
  return wrapStockKernel(MaxPoolGrad, stock, maxPoolGradVia(stock.kernelFunc));
}
