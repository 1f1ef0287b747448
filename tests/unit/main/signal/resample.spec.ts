import { describe, expect, it } from 'vitest';
import { resample, resampledLength } from '../../../../src/main/signal/resample';

function sine(length: number, hz: number, fs: number, amplitude = 1): Float64Array {
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / fs);
  return x;
}

/** Largest |a - b| over the interior (away from the edge-extended ends). */
function maxInteriorError(a: Float64Array, b: Float64Array, margin: number): number {
  let worst = 0;
  for (let i = margin; i < a.length - margin; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Frequency (Hz) of the strongest DFT bin between 0.5 and fs/2, scanned every 0.05 Hz. */
function dominantHz(x: Float64Array, fs: number): number {
  let best = 0;
  let bestPower = -1;
  for (let f = 0.5; f < fs / 2; f += 0.05) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < x.length; i++) {
      re += x[i]! * Math.cos((2 * Math.PI * f * i) / fs);
      im -= x[i]! * Math.sin((2 * Math.PI * f * i) / fs);
    }
    const power = re * re + im * im;
    if (power > bestPower) [best, bestPower] = [f, power];
  }
  return best;
}

describe('resampledLength', () => {
  it('gives ceil(n × to / from) exactly for a half-hour MIT-BIH record', () => {
    // 650,000 × 125 / 360 = 225,694.44… → 225,695; 650,000 × 250 / 360 = 451,388.9 → 451,389.
    expect(resampledLength(650_000, 360, 125)).toBe(225_695);
    expect(resampledLength(650_000, 360, 250)).toBe(451_389);
  });

  it('keeps whole ratios whole', () => {
    expect(resampledLength(1000, 250, 360)).toBe(1440);
    expect(resampledLength(720, 360, 125)).toBe(250);
    expect(resampledLength(3, 1, 1)).toBe(3);
    expect(resampledLength(0, 360, 125)).toBe(0);
  });

  it('throws RangeError on a zero, negative or non-finite rate', () => {
    expect(() => resampledLength(10, 0, 125)).toThrow(RangeError);
    expect(() => resampledLength(10, 360, -1)).toThrow(RangeError);
    expect(() => resampledLength(10, Number.NaN, 125)).toThrow(RangeError);
  });
});

describe('resample', () => {
  it('keeps a 10 Hz sine at 10 Hz and amplitude 1 from 360 to 125 Hz', () => {
    const out = resample(sine(3600, 10, 360), 360, 125);
    expect(out.length).toBe(1250);
    expect(maxInteriorError(out, sine(1250, 10, 125), 30)).toBeLessThan(2e-3);
    expect(dominantHz(out, 125)).toBeCloseTo(10, 1);
  });

  it('keeps a 7 Hz sine of amplitude 2.5 when upsampling 250 → 360 Hz', () => {
    const out = resample(sine(2500, 7, 250, 2.5), 250, 360);
    expect(out.length).toBe(3600);
    expect(maxInteriorError(out, sine(3600, 7, 360, 2.5), 30)).toBeLessThan(5e-3);
    expect(dominantHz(out, 360)).toBeCloseTo(7, 1);
  });

  it('removes a 100 Hz tone that would alias to 25 Hz at 125 Hz', () => {
    const out = resample(sine(3600, 100, 360), 360, 125);
    expect(maxInteriorError(out, new Float64Array(out.length), 30)).toBeLessThan(0.01);
  });

  it('handles a rate ratio that is not a small fraction (360 → 257.3 Hz)', () => {
    const out = resample(sine(3600, 5, 360), 360, 257.3);
    expect(out.length).toBe(Math.ceil((3600 * 257.3) / 360));
    expect(maxInteriorError(out, sine(out.length, 5, 257.3), 40)).toBeLessThan(5e-3);
  });

  it('keeps a constant signal constant up to its ends', () => {
    const out = resample(new Float64Array(500).fill(-1.25), 360, 125);
    for (const v of out) expect(v).toBeCloseTo(-1.25, 12);
  });

  it('returns a copy when the rates are equal', () => {
    const input = sine(100, 3, 360);
    const out = resample(input, 360, 360);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('spreads a NaN only over the outputs whose kernel reaches it', () => {
    const input = new Float64Array(3600).fill(0.5);
    input[1800] = Number.NaN;
    const out = resample(input, 360, 125);
    const bad = [...out.keys()].filter((j) => Number.isNaN(out[j]));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.length).toBeLessThan(25);
    // Input sample 1800 sits at output 625.
    expect(bad).toContain(625);
    expect(out[500]).toBeCloseTo(0.5, 12);
  });

  it('returns an empty array for an empty input', () => {
    expect(resample(new Float64Array(0), 360, 125).length).toBe(0);
  });
});
