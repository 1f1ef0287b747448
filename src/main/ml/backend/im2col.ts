/**
 * Unfolding convolution windows into rows (im2col) and folding them back (col2im) for
 * NHWC tensors held in flat Float32Arrays. Row p of the unfolded matrix belongs to output
 * pixel p = (n·outHeight + oh)·outWidth + ow and holds the filterHeight × filterWidth ×
 * inChannels input values that the filter meets there, in filter (HWI) order, with zeros
 * where the window hangs over the padding. Dilation is always 1 (see wasm-conv-grads.ts).
 */

/** Shape of one 2D convolution, NHWC, as the gradient kernels need it. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  /** Padding before the first row / column (the rest follows from the output size). */
  padTop: number;
  padLeft: number;
}

/** Valid filter columns [lo, hi) for a window starting at input column `start`. */
function validTaps(start: number, filterWidth: number, inWidth: number): [number, number] {
  const lo = Math.max(0, -start);
  const hi = Math.max(lo, Math.min(filterWidth, inWidth - start));
  return [lo, hi];
}

/**
 * Writes rows `first` … `first + rows − 1` of the unfolded input into `cols`
 * ([rows, filterHeight·filterWidth·inChannels], row-major). Along a filter row the valid
 * taps read consecutive NHWC pixels, so each is a single block copy.
 */
export function fillWindows(x: Float32Array, g: ConvGeometry, first: number, rows: number, cols: Float32Array): void {
  const run = g.filterWidth * g.inChannels;
  const patch = g.filterHeight * run;
  const c = g.inChannels;
  for (let r = 0; r < rows; r++) {
    const p = first + r;
    const ow = p % g.outWidth;
    const oh = Math.floor(p / g.outWidth) % g.outHeight;
    const n = Math.floor(p / (g.outWidth * g.outHeight));
    const start = ow * g.strideWidth - g.padLeft;
    const [lo, hi] = validTaps(start, g.filterWidth, g.inWidth);
    for (let fh = 0; fh < g.filterHeight; fh++) {
      const dst = r * patch + fh * run;
      const ih = oh * g.strideHeight + fh - g.padTop;
      if (ih < 0 || ih >= g.inHeight || hi === lo) {
        cols.fill(0, dst, dst + run);
        continue;
      }
      if (lo > 0) cols.fill(0, dst, dst + lo * c);
      const src = ((n * g.inHeight + ih) * g.inWidth + start) * c;
      if (hi - lo === 1 && c === 1) cols[dst + lo] = x[src + lo] as number;
      else cols.set(x.subarray(src + lo * c, src + hi * c), dst + lo * c);
      if (hi < g.filterWidth) cols.fill(0, dst + hi * c, dst + run);
    }
  }
}

/**
 * Adds rows `first` … `first + rows − 1` of an unfolded gradient (`cols`, laid out as in
 * `fillWindows`) back onto the input-shaped `dx`, summing where windows overlap and
 * dropping the parts that fall on padding.
 */
export function foldWindows(cols: Float32Array, g: ConvGeometry, first: number, rows: number, dx: Float32Array): void {
  const run = g.filterWidth * g.inChannels;
  const patch = g.filterHeight * run;
  for (let r = 0; r < rows; r++) {
    const p = first + r;
    const ow = p % g.outWidth;
    const oh = Math.floor(p / g.outWidth) % g.outHeight;
    const n = Math.floor(p / (g.outWidth * g.outHeight));
    const start = ow * g.strideWidth - g.padLeft;
    const [lo, hi] = validTaps(start, g.filterWidth, g.inWidth);
    for (let fh = 0; fh < g.filterHeight; fh++) {
      const ih = oh * g.strideHeight + fh - g.padTop;
      if (ih < 0 || ih >= g.inHeight) continue;
      // Valid taps are consecutive pixels of dx and consecutive runs of cols.
      const dst = ((n * g.inHeight + ih) * g.inWidth + start + lo) * g.inChannels;
      const src = r * patch + fh * run + lo * g.inChannels;
      const count = (hi - lo) * g.inChannels;
      for (let i = 0; i < count; i++) dx[dst + i] = (dx[dst + i] as number) + (cols[src + i] as number);
    }
  }
}
