import { describe, expect, it } from 'vitest';
import { foldWindows, type ConvGeometry } from '../../../../../src/main/ml/backend/col2im';

describe('foldWindows', () => {
  it('adds overlapping windows onto the input and drops the padded taps', () => {
    // One image 1×4×1, filter 1×3, stride 1, one column of padding on the left: windows
    // start at columns −1, 0, 1, 2 (the last hangs over the right edge too).
    const g: ConvGeometry = {
      batch: 1,
      inHeight: 1,
      inWidth: 4,
      inChannels: 1,
      outHeight: 1,
      outWidth: 4,
      outChannels: 1,
      filterHeight: 1,
      filterWidth: 3,
      strideHeight: 1,
      strideWidth: 1,
      padTop: 0,
      padLeft: 1,
    };
    const cols = Float32Array.from([1, 2, 3, 10, 20, 30, 100, 200, 300, 1000, 2000, 3000]);
    const dx = new Float32Array(4);
    foldWindows(cols, g, 0, 4, dx);
    expect(Array.from(dx)).toEqual([2 + 10, 3 + 20 + 100, 30 + 200 + 1000, 300 + 2000]);
  });

  it('places strided windows of a chunk that starts mid-batch', () => {
    const g: ConvGeometry = {
      batch: 2,
      inHeight: 1,
      inWidth: 5,
      inChannels: 2,
      outHeight: 1,
      outWidth: 2,
      outChannels: 1,
      filterHeight: 1,
      filterWidth: 2,
      strideHeight: 1,
      strideWidth: 2,
      padTop: 0,
      padLeft: 0,
    };
    // Rows 2 and 3 are image 1's windows at columns 0 and 2 (two channels per tap).
    const dx = new Float32Array(20);
    foldWindows(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), g, 2, 2, dx);
    expect(Array.from(dx.subarray(0, 10))).toEqual(new Array(10).fill(0));
    expect(Array.from(dx.subarray(10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0, 0]);
  });
});
