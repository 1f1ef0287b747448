import { describe, expect, it } from 'vitest';
import {
  centredWindowConfig,
  extractBeatWindows,
  KAGGLE_187_WINDOW,
  SEED_002_WINDOW,
  WINDOW_FLAGS,
  windowAt,
  type BeatWindowConfig,
} from '../../../../src/main/signal/beat-windows';

/** A synthetic ECG-like trace: baseline 0.1 mV, a triangular 1 mV "QRS" 9 samples wide at each peak. */
function pulses(length: number, peaks: number[], halfWidth = 4): Float64Array {
  const x = new Float64Array(length).fill(0.1);
  for (const p of peaks) {
    for (let k = -halfWidth; k <= halfWidth; k++) {
      if (p + k >= 0 && p + k < length) x[p + k] = 0.1 + 1 - Math.abs(k) / (halfWidth + 1);
    }
  }
  return x;
}

function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

const RAW_CENTRED: BeatWindowConfig = { ...SEED_002_WINDOW, normalisation: 'none' };

describe('extractBeatWindows', () => {
  it('cuts 360-sample windows centred on the R peak at 360 Hz, R at index 180', () => {
    const x = pulses(3600, [400, 700, 1000]);
    const w = extractBeatWindows(x, 360, [400, 700, 1000], RAW_CENTRED);
    expect(w.data.length).toBe(3 * 360);
    expect(w.rIndex).toBe(180);
    for (let i = 0; i < 3; i++) {
      expect(argmax(windowAt(w, i))).toBe(180);
      expect(w.flags[i]).toBe(0);
    }
    // Window 1 starts at 700 − 180 = 520, so its sample 0 is x[520] and sample 359 is x[879].
    expect(windowAt(w, 1)[0]).toBeCloseTo(x[520]!, 6);
    expect(windowAt(w, 1)[359]).toBeCloseTo(x[879]!, 6);
  });

  it('z-scores each beat to mean 0 and standard deviation 1', () => {
    const x = pulses(3600, [400, 1000]);
    for (let i = 0; i < x.length; i++) x[i]! += 0.001 * i; // drift: each beat has its own offset
    const w = extractBeatWindows(x, 360, [400, 1000], SEED_002_WINDOW);
    for (let b = 0; b < 2; b++) {
      const v = Array.from(windowAt(w, b));
      const mean = v.reduce((s, a) => s + a, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, a) => s + (a - mean) ** 2, 0) / v.length);
      expect(mean).toBeCloseTo(0, 5);
      expect(sd).toBeCloseTo(1, 5);
    }
  });

  it('puts the R peak at the window centre after resampling 360 → 125 Hz', () => {
    const peaks = [720, 1008, 1440]; // 720 × 125/360 = 250, 1008 → 350, 1440 → 500
    const x = pulses(3600, peaks, 12);
    const config = centredWindowConfig({ rateHz: 125, beforeSec: 0.4, afterSec: 0.6, normalisation: 'minmax01' });
    expect(config.length).toBe(125);
    expect(config.placement).toEqual({ kind: 'centred', beforeSamples: 50 });
    const w = extractBeatWindows(x, 360, peaks, config);
    for (let i = 0; i < peaks.length; i++) {
      expect(argmax(windowAt(w, i))).toBe(50);
      expect(Math.max(...windowAt(w, i))).toBeCloseTo(1, 6);
      expect(Math.min(...windowAt(w, i))).toBeCloseTo(0, 6);
    }
  });

  it('pads and flags beats at the very first and last samples', () => {
    const x = pulses(1000, [0, 500, 999]);
    const w = extractBeatWindows(x, 360, [0, 500, 999], RAW_CENTRED);
    expect(w.flags[0]).toBe(WINDOW_FLAGS.START_EDGE);
    expect(w.flags[1]).toBe(0); // 320 … 679 lies inside
    expect(w.flags[2]).toBe(WINDOW_FLAGS.END_EDGE);
    // Edge padding repeats x[0] before the start and x[999] after the end.
    expect(windowAt(w, 0)[0]).toBeCloseTo(x[0]!, 6);
    expect(windowAt(w, 2)[359]).toBeCloseTo(x[999]!, 6);
    const zero = extractBeatWindows(x, 360, [0, 999], { ...RAW_CENTRED, padding: 'zero' });
    expect(Array.from(windowAt(zero, 0).subarray(0, 180)).every((v) => v === 0)).toBe(true);
    expect(windowAt(zero, 0)[180]).toBeCloseTo(1.1, 6);
    expect(Array.from(windowAt(zero, 1).subarray(181)).every((v) => v === 0)).toBe(true);
  });

  it('flags windows with invalid samples and writes them as 0', () => {
    const x = pulses(3600, [1000, 2000]);
    x.fill(Number.NaN, 1900, 1950);
    const w = extractBeatWindows(x, 360, [1000, 2000], SEED_002_WINDOW);
    expect(w.flags[0]).toBe(0);
    expect(w.flags[1]! & WINDOW_FLAGS.INVALID).toBe(WINDOW_FLAGS.INVALID);
    expect(w.data.every(Number.isFinite)).toBe(true);
    expect(windowAt(w, 1)[180 - 100 + 10]).toBe(0); // x[1910] was NaN
  });

  it('flags a flat window and leaves it all zeros', () => {
    const w = extractBeatWindows(new Float64Array(1000).fill(2), 360, [500], SEED_002_WINDOW);
    expect(w.flags[0]).toBe(WINDOW_FLAGS.FLAT);
    expect(windowAt(w, 0).every((v) => v === 0)).toBe(true);
  });

  it('survives an empty record and peaks outside it', () => {
    const empty = extractBeatWindows(new Float64Array(0), 360, [0, 10], SEED_002_WINDOW);
    expect(empty.count).toBe(2);
    expect(empty.data.every((v) => v === 0)).toBe(true);
    const outside = extractBeatWindows(pulses(400, [200]), 360, [-500, 5000], RAW_CENTRED);
    expect(outside.flags[0]! & WINDOW_FLAGS.START_EDGE).toBeTruthy();
    expect(outside.flags[1]! & WINDOW_FLAGS.END_EDGE).toBeTruthy();
  });

  it('throws RangeError on a zero length or a bad rate', () => {
    expect(() => extractBeatWindows(new Float64Array(10), 360, [5], { ...SEED_002_WINDOW, length: 0 })).toThrow(RangeError);
    expect(() => extractBeatWindows(new Float64Array(10), 0, [5], SEED_002_WINDOW)).toThrow(RangeError);
    expect(() => extractBeatWindows(new Float64Array(10), 360, [5], { ...SEED_002_WINDOW, rateHz: Number.NaN })).toThrow(RangeError);
  });
});

describe('extractBeatWindows with the Kaggle 187-sample recipe', () => {
  it('keeps 1.2 × the block median RR from the R peak and zero-pads to 187', () => {
    // Peaks every 288 samples at 360 Hz = 0.8 s = 100 samples at 125 Hz → 1.2 T = 120 samples.
    const peaks = Array.from({ length: 20 }, (_, i) => 288 + 288 * i);
    const x = pulses(7200, peaks, 10);
    const w = extractBeatWindows(x, 360, peaks, KAGGLE_187_WINDOW);
    expect(w.length).toBe(187);
    expect(w.rIndex).toBe(0);
    const beat = windowAt(w, 3);
    expect(argmax(beat)).toBe(0);
    expect(beat[0]).toBeCloseTo(1, 2); // the R peak is the block maximum
    expect(beat[119]).toBeGreaterThanOrEqual(0);
    expect(Array.from(beat.subarray(120)).every((v) => v === 0)).toBe(true);
    expect(w.data.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('cuts and flags a window whose 1.2 T exceeds 187 samples', () => {
    // RR 2 s = 250 samples at 125 Hz → 1.2 T = 300 > 187.
    const peaks = [360, 1080, 1800, 2520];
    const w = extractBeatWindows(pulses(3600, peaks, 10), 360, peaks, KAGGLE_187_WINDOW);
    expect(w.flags[1]! & WINDOW_FLAGS.TRUNCATED).toBe(WINDOW_FLAGS.TRUNCATED);
    expect(windowAt(w, 1)[186]).not.toBe(0);
  });

  it('scales each beat alone to exactly [0, 1] with minmaxScope "beat"', () => {
    // RR 1 s = 125 samples at 125 Hz → each beat keeps 1.2 × 125 = 150 samples.
    const peaks = [360, 720, 1080, 1440];
    const x = pulses(3600, peaks, 10);
    x[1100] = 5; // an artefact in beats 1 and 2 (1100 × 125/360 = 382; beat 1 spans 250–399, beat 2 375–524)
    const w = extractBeatWindows(x, 360, peaks, { ...KAGGLE_187_WINDOW, minmaxScope: 'beat' });
    for (let i = 0; i < peaks.length; i++) {
      expect(Array.from(windowAt(w, i).subarray(150)).every((v) => v === 0)).toBe(true);
      const span = windowAt(w, i).subarray(0, 150);
      expect(Math.max(...span)).toBeCloseTo(1, 6);
      expect(Math.min(...span)).toBeCloseTo(0, 6);
    }
  });
});
