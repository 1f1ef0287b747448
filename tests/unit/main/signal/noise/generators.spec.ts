/**
 * Noise generators on their spectra and reproducibility (constructed signals only).
 */
import { describe, expect, it } from 'vitest';
import { generateNoise, NOISE_TYPES } from '../../../../../src/main/signal/noise';

const FS = 360;

/** Power of `x` in [lowHz, highHz) over its total power, by a plain DFT at 0.05 Hz steps (slow but exact enough). */
function bandShare(x: Float64Array, fs: number, lowHz: number, highHz: number): number {
  // Periodogram via DFT bins k = 0 … n/2; power summed in and out of the band.
  const n = x.length;
  let inBand = 0, total = 0;
  for (let k = 1; k < n / 2; k++) {
    const hz = (k * fs) / n;
    let re = 0, im = 0;
    const w = (2 * Math.PI * k) / n;
    for (let i = 0; i < n; i++) { re += x[i]! * Math.cos(w * i); im -= x[i]! * Math.sin(w * i); }
    const p = re * re + im * im;
    total += p;
    if (hz >= lowHz && hz < highHz) inBand += p;
  }
  return inBand / total;
}

/** A down-sampled copy (block means of `factor`), to keep the DFT small for low-frequency checks. */
function decimate(x: Float64Array, factor: number): Float64Array {
  return Float64Array.from({ length: Math.floor(x.length / factor) }, (_, j) => {
    let s = 0;
    for (let i = 0; i < factor; i++) s += x[j * factor + i]!;
    return s / factor;
  });
}

describe('generateNoise', () => {
  it('gives the same samples for the same seed and different ones for another seed', () => {
    for (const type of NOISE_TYPES) {
      const a = generateNoise(type, { fs: FS, length: 3600, leads: 2, seed: 7 });
      const b = generateNoise(type, { fs: FS, length: 3600, leads: 2, seed: 7 });
      const c = generateNoise(type, { fs: FS, length: 3600, leads: 2, seed: 8 });
      expect(a[1]).toEqual(b[1]);
      expect(a[0]).not.toEqual(c[0]);
      expect(a[0]).not.toEqual(a[1]);
    }
  });

  it('puts baseline wander below 1 Hz', () => {
    const [x] = generateNoise('baseline-wander', { fs: FS, length: FS * 120, seed: 3 });
    expect(bandShare(decimate(x!, 36), 10, 0, 1)).toBeGreaterThan(0.98);
  });

  it('puts muscle noise in 20–150 Hz', () => {
    const [x] = generateNoise('muscle', { fs: FS, length: FS * 4, seed: 3 });
    expect(bandShare(x!, FS, 18, 155)).toBeGreaterThan(0.95);
  });

  it('gives electrode motion most of its power below 10 Hz and some in 1–10 Hz', () => {
    const [x] = generateNoise('electrode-motion', { fs: FS, length: FS * 60, seed: 3 });
    const y = decimate(x!, 9); // 40 Hz
    expect(bandShare(y, 40, 0, 12)).toBeGreaterThan(0.95);
    expect(bandShare(y, 40, 1, 10)).toBeGreaterThan(0.1);
  });

  it('puts mains interference at 60 Hz and its 2nd harmonic, or at 50 Hz when asked', () => {
    const [x60] = generateNoise('mains', { fs: FS, length: FS * 2, seed: 3 });
    expect(bandShare(x60!, FS, 59.5, 60.5) + bandShare(x60!, FS, 119.5, 120.5)).toBeGreaterThan(0.97);
    expect(bandShare(x60!, FS, 59.5, 60.5)).toBeGreaterThan(0.85);
    const [x50] = generateNoise('mains', { fs: FS, length: FS * 2, seed: 3, mainsHz: 50 });
    expect(bandShare(x50!, FS, 49.5, 50.5)).toBeGreaterThan(0.85);
  });

  it('throws RangeError on a low fs, a fractional length or an unknown type', () => {
    expect(() => generateNoise('muscle', { fs: 20, length: 100, seed: 1 })).toThrow(RangeError);
    expect(() => generateNoise('muscle', { fs: FS, length: 10.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateNoise('hum' as never, { fs: FS, length: 10, seed: 1 })).toThrow(RangeError);
  });
});
