import { describe, expect, it } from 'vitest';
import { augmentBeat, checkAugmentOptions, DEFAULT_AUGMENT, gatherWindows } from '../../../../../src/main/ml/training/augment';
import { createPrng } from '../../../../../src/main/ml/training/prng';

const ramp = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i + 1);

describe('augmentBeat', () => {
  it('shifts within ±maxShift, scales within [scaleMin, scaleMax], over many draws', () => {
    const prng = createPrng(5);
    const input = ramp(50);
    const out = new Float32Array(50);
    const shifts = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const { shift, scale } = augmentBeat(input, out, { ...DEFAULT_AUGMENT, noiseStd: 0 }, prng);
      expect(Math.abs(shift)).toBeLessThanOrEqual(10);
      expect(scale).toBeGreaterThanOrEqual(0.9);
      expect(scale).toBeLessThanOrEqual(1.1);
      shifts.add(shift);
      // Without noise the output is the input moved by `shift`, edges repeated, times `scale`.
      for (let j = 0; j < 50; j++) expect(out[j]).toBeCloseTo(input[Math.min(49, Math.max(0, j - shift))]! * scale, 4);
    }
    expect(shifts.size).toBe(21); // every shift from −10 to 10 occurs
  });

  it('adds noise of the asked standard deviation', () => {
    const prng = createPrng(6);
    const input = new Float32Array(20000);
    const out = new Float32Array(20000);
    augmentBeat(input, out, { probability: 1, maxShift: 0, scaleMin: 1, scaleMax: 1, noiseStd: 0.05 }, prng);
    const sd = Math.sqrt(out.reduce((s, v) => s + v * v, 0) / out.length);
    expect(sd).toBeGreaterThan(0.048);
    expect(sd).toBeLessThan(0.052);
  });

  it('shifts and scales a beat’s difference as its window, and leaves a run without differences drawing as before', () => {
    const options = { ...DEFAULT_AUGMENT, noiseStd: 0 };
    const input = ramp(40);
    const difference = Float32Array.from({ length: 40 }, (_, j) => Math.sin(j));
    const [out, pairOut, alone] = [new Float32Array(40), new Float32Array(40), new Float32Array(40)];
    const prng = createPrng(9);
    const { shift, scale } = augmentBeat(input, out, options, prng, { input: difference, out: pairOut });
    expect(augmentBeat(input, alone, options, createPrng(9))).toEqual({ shift, scale });
    expect(Array.from(alone)).toEqual(Array.from(out));
    for (let j = 0; j < 40; j++) expect(pairOut[j]).toBeCloseTo(difference[Math.min(39, Math.max(0, j - shift))]! * scale, 5);
    const windows = gatherWindows({ windows: ramp(80), differences: ramp(80) }, 40, [1, 0], null, createPrng(1));
    expect(Array.from(windows.differences!)).toEqual(Array.from(windows.windows));
  });

  it('copies the beat unchanged when probability is 0', () => {
    const input = ramp(30);
    const out = new Float32Array(30);
    expect(augmentBeat(input, out, { ...DEFAULT_AUGMENT, probability: 0 }, createPrng(1))).toEqual({ shift: 0, scale: 1 });
    expect(Array.from(out)).toEqual(Array.from(input));
  });
});

describe('gatherWindows', () => {
  it('gathers the asked windows in order, unaugmented when options are null', () => {
    const windows = ramp(12); // 4 windows of 3
    expect(Array.from(gatherWindows({ windows, differences: null }, 3, [2, 0], null, createPrng(1)).windows)).toEqual([7, 8, 9, 1, 2, 3]);
  });
});

describe('checkAugmentOptions', () => {
  it('refuses a fractional shift and an inverted scale range', () => {
    expect(() => checkAugmentOptions({ ...DEFAULT_AUGMENT, maxShift: 1.5 })).toThrow(/maxShift/);
    expect(() => checkAugmentOptions({ ...DEFAULT_AUGMENT, scaleMin: 1.2, scaleMax: 1.1 })).toThrow(/scaleMin/);
  });
});
