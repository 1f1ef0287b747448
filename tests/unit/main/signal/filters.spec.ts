/**
 * Filters on CONSTRUCTED signals: sines, pulses and NaN gaps.
 */
import { describe, expect, it } from 'vitest';
import {
  butterworthBandpass, butterworthHighpass, butterworthLowpass, filterSos, filtfilt, notch, sosGain,
} from '../../../../src/main/signal/filters';

const sine = (hz: number, fs: number, seconds: number): Float64Array =>
  new Float64Array(Math.round(fs * seconds)).map((_, i) => Math.sin((2 * Math.PI * hz * i) / fs));

/** RMS of the middle half (away from the edges' transients). */
function midRms(x: Float64Array): number {
  const a = Math.floor(x.length / 4), b = Math.floor((3 * x.length) / 4);
  let s = 0;
  for (let i = a; i < b; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (b - a));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('butterworthLowpass', () => {
  it('is −3 dB at the cut-off and flat well below it, at any fs', () => {
    for (const fs of [128, 360, 1000]) {
      const sos = butterworthLowpass(4, 30, fs);
      expect(db(sosGain(sos, 30, fs))).toBeCloseTo(-3.01, 1);
      expect(db(sosGain(sos, 3, fs))).toBeCloseTo(0, 2);
      expect(db(sosGain(sos, 60, fs))).toBeLessThan(-20);
    }
  });

  it('rejects a cut-off at or above Nyquist and a bad order', () => {
    expect(() => butterworthLowpass(2, 180, 360)).toThrow(RangeError);
    expect(() => butterworthLowpass(0, 10, 360)).toThrow(RangeError);
  });
});

describe('butterworthHighpass', () => {
  it('is −3 dB at the cut-off for odd and even orders', () => {
    expect(db(sosGain(butterworthHighpass(3, 0.5, 360), 0.5, 360))).toBeCloseTo(-3.01, 1);
    expect(db(sosGain(butterworthHighpass(2, 0.5, 360), 0.5, 360))).toBeCloseTo(-3.01, 1);
    expect(sosGain(butterworthHighpass(2, 0.5, 360), 0, 360)).toBeCloseTo(0, 9);
  });
});

describe('butterworthBandpass', () => {
  it('passes a 1 Hz sine through 0.5–40 Hz at 360 Hz within 3 dB, causal and zero-phase', () => {
    const sos = butterworthBandpass(2, 0.5, 40, 360);
    const x = sine(1, 360, 20);
    expect(Math.abs(db(midRms(filterSos(sos, x)) / midRms(x)))).toBeLessThan(3);
    expect(Math.abs(db(midRms(filtfilt(sos, x)) / midRms(x)))).toBeLessThan(3);
  });

  it('suppresses 0.05 Hz and 120 Hz', () => {
    const sos = butterworthBandpass(2, 0.5, 40, 360);
    expect(db(midRms(filtfilt(sos, sine(120, 360, 10))))).toBeLessThan(-30);
    expect(db(sosGain(sos, 0.05, 360))).toBeLessThan(-30);
  });
});

describe('notch', () => {
  it.each([[60, 360], [50, 250], [50, 500]])('removes %d Hz mains at %d Hz by more than 30 dB and keeps 10 Hz', (hz, fs) => {
    const sos = notch(hz, fs);
    expect(db(midRms(filtfilt(sos, sine(hz, fs, 10))) / midRms(sine(hz, fs, 10)))).toBeLessThan(-30);
    expect(Math.abs(db(midRms(filtfilt(sos, sine(10, fs, 10))) / midRms(sine(10, fs, 10))))).toBeLessThan(0.1);
  });
});

describe('filtfilt', () => {
  it('does not move the peak of a symmetric pulse', () => {
    const fs = 360;
    const x = new Float64Array(fs * 4).map((_, i) => Math.exp(-0.5 * ((i - 700) / 6) ** 2));
    const y = filtfilt(butterworthBandpass(2, 5, 20, fs), x);
    let arg = 0;
    for (let i = 0; i < y.length; i++) if (y[i]! > y[arg]!) arg = i;
    expect(arg).toBe(700);
  });

  it('gives finite output for finite input, including a one-sample input', () => {
    const x = sine(7, 360, 3).map((v, i) => v + (i % 13) * 0.01);
    expect(filtfilt(butterworthBandpass(3, 1, 30, 360), x).every(Number.isFinite)).toBe(true);
    expect(Array.from(filtfilt(notch(60, 360), [2]))).toEqual([expect.closeTo(2, 9)]);
    expect(filtfilt(notch(60, 360), []).length).toBe(0);
  });

  it('keeps NaN at invalid samples only, and filters around a gap as over a straight line', () => {
    const x = sine(1, 360, 10);
    const gapped = Float64Array.from(x);
    gapped.fill(NaN, 1000, 1100);
    const sos = butterworthLowpass(2, 40, 360);
    const y = filtfilt(sos, gapped);
    for (let i = 0; i < y.length; i++) expect(Number.isNaN(y[i]!)).toBe(i >= 1000 && i < 1100);
    // Far from the gap the output matches the ungapped filtering.
    const ref = filtfilt(sos, x);
    expect(Math.abs(y[2000]! - ref[2000]!)).toBeLessThan(1e-6);
  });
});

describe('filterSos', () => {
  it('starts in the steady state: a constant stays constant through a low-pass', () => {
    const y = filterSos(butterworthLowpass(4, 10, 360), new Float64Array(500).fill(3));
    expect(y.every((v) => Math.abs(v - 3) < 1e-9)).toBe(true);
  });

  it('delays a low-passed pulse (causal) where filtfilt does not', () => {
    const x = new Float64Array(400).map((_, i) => Math.exp(-0.5 * ((i - 200) / 5) ** 2));
    const y = filterSos(butterworthLowpass(4, 15, 360), x);
    let arg = 0;
    for (let i = 0; i < y.length; i++) if (y[i]! > y[arg]!) arg = i;
    expect(arg).toBeGreaterThan(200);
  });
});
