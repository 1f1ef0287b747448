/**
 * Fast Conv2D gradients for the TensorFlow.js `wasm` backend.
 *
 * tfjs-backend-wasm 4.22 registers no `Conv2DBackpropFilter` at all (delegating to its
 * Conv3DBackpropFilterV2 trains our network at 16 beats/s), and its `Conv2DBackpropInput`
 * is a plain nested loop. Both gradients are the same amount of work as the forward
 * convolution, and both can be handed to the backend's own XNNPACK kernels:
 *
 * - filter gradient, dW[fh,fw,c,co] = Σ_{n,oh,ow} x[n, oh·sh+fh−pt, ow·sw+fw−pl, c] ·
 *   dy[n,oh,ow,co], is itself a forward convolution once batch and channels swap roles
 *   (see filterGradNhwc). We measured the alternatives on the network's layers: an
 *   explicit im2col + BatchMatMul costs 1.1–1.8× more (the unfold in JavaScript and
 *   XNNPACK's packing of a fresh, large right operand per call dominate), and chunking
 *   the reduction makes every variant slower still (per-operator set-up cost).
 * - input gradient at stride 1: a "full" convolution of dy with the filter flipped in
 *   space and its channel axes swapped, run by the Conv2D kernel (about the forward cost).
 * - input gradient at other strides: dcols = dy · Wᵀ (BatchMatMul), then fold the
 *   windows back onto dx (col2im, col2im.ts), adding overlaps.
 *
 * Layout: NHWC natively; NCHW by transposing in and out. Dilation is not an attribute
 * of these kernels: tfjs refuses gradients of dilated convolutions before they run.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { foldWindows, type ConvGeometry } from './col2im';
import {
  allocF32,
  asWasmBackend,
  f32,
  release,
  runWasmKernel,
  WASM_BACKEND,
  withShape,
  zerosF32,
} from './wasm-kernel-utils';

/**
 * Largest unfolded chunk of the strided input gradient, in floats (4 MiB): bounds the
 * extra heap it needs while keeping each product thousands of rows long.
 */
const CHUNK_FLOATS = 1 << 20;

const TO_NHWC = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];

function geometryOf(info: backend_util.Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

function nhwcShape(shape: number[], dataFormat: 'NHWC' | 'NCHW'): [number, number, number, number] {
  const [n = 0, a = 0, b = 0, c = 0] = shape;
  return dataFormat === 'NHWC' ? [n, a, b, c] : [n, b, c, a];
}

function transposed(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel(backend, 'Transpose', { x }, { perm });
}

/**
 * dW for NHWC x and dy as one forward convolution with the roles swapped: the input is x
 * with batch and channels exchanged ([C, H, W, N]: c becomes the "image", n the "channel"),
 * the filter is dy as [OH, OW, N, CO], and the forward stride becomes the filter's
 * dilation. Output pixel (c, fh, fw) then sums x[n, oh·sh+fh−pt, ow·sw+fw−pl, c] ·
 * dy[n, oh, ow, co] over n, oh, ow — exactly dW — and XNNPACK does all of it.
 */
function filterGradNhwc(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo {
  // Padding after the input so that exactly filterHeight × filterWidth outputs come out;
  // negative when the forward conv never reached the last rows/columns: crop those.
  const extentH = (g.outHeight - 1) * g.strideHeight + 1;
  const extentW = (g.outWidth - 1) * g.strideWidth + 1;
  const bottom = g.filterHeight - 1 + extentH - g.inHeight - g.padTop;
  const right = g.filterWidth - 1 + extentW - g.inWidth - g.padLeft;
  let xT = transposed(backend, x, [3, 1, 2, 0]);
  if (bottom < 0 || right < 0) {
    const size = [g.inChannels, g.inHeight + Math.min(bottom, 0), g.inWidth + Math.min(right, 0), g.batch];
    const cropped = runWasmKernel(backend, 'Slice', { x: xT }, { begin: [0, 0, 0, 0], size });
    release(backend, xT);
    xT = cropped;
  }
  const dyT = transposed(backend, dy, [1, 2, 0, 3]);
  const pad = [
    [0, 0],
    [g.padTop, Math.max(bottom, 0)],
    [g.padLeft, Math.max(right, 0)],
    [0, 0],
  ];
  const attrs = {
    strides: [1, 1],
    dilations: [g.strideHeight, g.strideWidth],
    pad,
    dataFormat: 'NHWC',
    dimRoundingMode: null,
  };
  const dwT = runWasmKernel(backend, 'Conv2D', { x: xT, filter: dyT }, attrs as never);
  const dw = transposed(backend, dwT, [1, 2, 0, 3]);
  release(backend, xT, dyT, dwT);
  return dw;
}

/**
 * dx at stride 1 as a forward convolution of dy with W'[fh,fw,co,c] = W[FH−1−fh, FW−1−fw,
 * c, co], padded so that every dy value meets every filter tap ("full" convolution).
 * Returns null when the padding this needs would be negative (over-padded forward convs).
 */
function inputGradByConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | null {
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  const bottom = g.inHeight - g.outHeight + g.padTop;
  const right = g.inWidth - g.outWidth + g.padLeft;
  if (g.strideHeight !== 1 || g.strideWidth !== 1 || Math.min(top, left, bottom, right) < 0) return null;
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = g;
  const flipped = allocF32(backend, [fh, fw, co, ci]);
  const w = f32(backend, filter);
  const wf = f32(backend, flipped);
  for (let tap = 0; tap < fh * fw; tap++) {
    const mirrored = fh * fw - 1 - tap; // (FH−1−h)·FW + (FW−1−w) = FH·FW−1−(h·FW+w)
    for (let c = 0; c < ci; c++) {
      const src = (tap * ci + c) * co;
      const dst = mirrored * co * ci + c;
      for (let o = 0; o < co; o++) wf[dst + o * ci] = w[src + o] as number;
    }
  }
  const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const attrs = { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC', dimRoundingMode: null };
  const dx = runWasmKernel(backend, 'Conv2D', { x: dy, filter: flipped }, attrs as never);
  release(backend, flipped);
  return dx;
}

/** dx for any stride: per chunk of images, dcols = dy·Wᵀ, then col2im onto dx. */
function inputGradByMatMul(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const imagePixels = g.outHeight * g.outWidth;
  const imagesPerChunk = Math.max(1, Math.floor(CHUNK_FLOATS / (imagePixels * patch)));
  const wT = allocF32(backend, [1, g.outChannels, patch]);
  const dx = zerosF32(backend, [g.batch, g.inHeight, g.inWidth, g.inChannels]);
  const w = f32(backend, filter);
  const wt = f32(backend, wT);
  for (let k = 0; k < patch; k++) {
    for (let o = 0; o < g.outChannels; o++) wt[o * patch + k] = w[k * g.outChannels + o] as number;
  }
  for (let image = 0; image < g.batch; image += imagesPerChunk) {
    const rows = Math.min(imagesPerChunk, g.batch - image) * imagePixels;
    const first = image * imagePixels;
    const whole = rows === g.batch * imagePixels;
    const dyRows = whole ? withShape(dy, [1, rows, g.outChannels]) : allocF32(backend, [1, rows, g.outChannels]);
    if (!whole) {
      const src = f32(backend, dy).subarray(first * g.outChannels, (first + rows) * g.outChannels);
      f32(backend, dyRows).set(src);
    }
    const dcols = runWasmKernel(backend, 'BatchMatMul', { a: dyRows, b: wT }, { transposeA: false, transposeB: false });
    foldWindows(f32(backend, dcols), g, first, rows, f32(backend, dx));
    release(backend, dcols);
    if (!whole) release(backend, dyRows);
  }
  release(backend, wT);
  return dx;
}

const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const convInfo = backend_util.computeConv2DInfo(
    nhwcShape(x.shape, dataFormat),
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (dataFormat === 'NHWC') return filterGradNhwc(backend, x, dy, geometryOf(convInfo));
  const xNhwc = transposed(backend, x, TO_NHWC);
  const dyNhwc = transposed(backend, dy, TO_NHWC);
  const dw = filterGradNhwc(backend, xNhwc, dyNhwc, geometryOf(convInfo));
  release(backend, xNhwc, dyNhwc);
  return dw;
};

const conv2DBackpropInputWasm: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const convInfo = backend_util.computeConv2DInfo(
    nhwcShape(inputShape, dataFormat),
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const g = geometryOf(convInfo);
  const dyNhwc = dataFormat === 'NHWC' ? dy : transposed(backend, dy, TO_NHWC);
  const dx = inputGradByConv(backend, dyNhwc, filter, g) ?? inputGradByMatMul(backend, dyNhwc, filter, g);
  if (dataFormat === 'NHWC') return dx;
  const dxNchw = transposed(backend, dx, TO_NCHW);
  release(backend, dyNhwc, dx);
  return dxNchw;
};

/** Kernel config: `Conv2DBackpropFilter` on 'wasm' (im2col + XNNPACK products). */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM_BACKEND,
  kernelFunc: conv2DBackpropFilterWasm,
};

/** Kernel config: `Conv2DBackpropInput` on 'wasm' (full convolution or col2im). */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: WASM_BACKEND,
  kernelFunc: conv2DBackpropInputWasm,
};
