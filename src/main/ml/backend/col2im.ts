/**
 * Folding unfolded convolution windows back onto an NHWC input (col2im), for tensors held
 * in flat Float32Arrays. Row p of the unfolded matrix belongs to output pixel
 * p = (n·outHeight + oh)·outWidth + ow and holds the filterHeight × filterWidth ×
 * inChannels values that the filter meets there, in filter (HWI) order. Dilation is
 * always 1 (see wasm-conv-grads.ts).
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
 * Adds rows `first` … `first + rows − 1` of an unfolded gradient (`cols`, laid out as in
 * the module note) back onto the input-shaped `dx`, summing where windows overlap and
 * dropping the parts that fall on padding. Valid taps along a filter row are consecutive
 * pixels of dx and consecutive runs of cols.
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
      const dst = ((n * g.inHeight + ih) * g.inWidth + start + lo) * g.inChannels;
      const src = r * patch + fh * run + lo * g.inChannels;
      const count = (hi - lo) * g.inChannels;
      for (let i = 0; i < count; i++) dx[dst + i] = (dx[dst + i] as number) + (cols[src + i] as number);
    }
  }
}
