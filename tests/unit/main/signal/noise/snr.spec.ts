/**
 * nst's SNR definition on constructed signals: QRS amplitude (sigamp), noise power, gain.
 */
import { describe, expect, it } from 'vitest';
import { gainForSnr, noisePower, qrsPeakToPeak, trimmedMean } from '../../../../../src/main/signal/noise';
import { regularBeats, syntheticEcg } from '../qrs/synthetic-ecg';

const FS = 360;

describe('trimmedMean', () => {
  it('drops the largest and smallest 5 % before averaging', () => {
    const values = Array.from({ length: 20 }, (_, i) => i); // drops 0 and 19
    expect(trimmedMean(values)).toBeCloseTo(9.5, 10);
    expect(trimmedMean([...values.slice(0, 19), 1000])).toBeCloseTo(9.5, 10);
    expect(trimmedMean([])).toBeNaN();
  });
});

describe('qrsPeakToPeak', () => {
  it('measures the QRS range within ±50 ms of each beat', () => {
    const beats = regularBeats(20, 0.8);
    const x = syntheticEcg({ fs: FS, durationSec: 20, beatsSec: beats });
    const samples = beats.map((t) => Math.round(t * FS));
    // R 1 mV, S −0.25 mV 25 ms later (both inside ±50 ms): about 1.25 mV.
    expect(qrsPeakToPeak(x, FS, samples)).toBeGreaterThan(1.15);
    expect(qrsPeakToPeak(x, FS, samples)).toBeLessThan(1.3);
  });

  it('skips beats too close to an end and gives NaN without beats', () => {
    const x = new Float64Array(100).fill(1);
    expect(qrsPeakToPeak(x, FS, [2, 98])).toBeNaN();
  });
});

describe('noisePower', () => {
  it('is the square of a sine\'s RMS and ignores a constant offset', () => {
    const x = Float64Array.from({ length: FS * 10 }, (_, i) => 5 + 2 * Math.sin((2 * Math.PI * 10 * i) / FS));
    expect(noisePower(x, FS)).toBeCloseTo(2, 6); // (2/√2)²
  });

  it('measures only whole 1-second chunks inside the spans', () => {
    const x = new Float64Array(FS * 10);
    for (let i = FS * 4; i < FS * 6; i++) x[i] = i % 2 === 0 ? 1 : -1;
    expect(noisePower(x, FS, [{ startSec: 4, endSec: 6 }])).toBeCloseTo(1, 6);
    expect(noisePower(x, FS, [{ startSec: 0, endSec: 0.5 }])).toBeNaN();
  });
});

describe('gainForSnr', () => {
  it('solves SNR = 10 log10(S / (N a²)) for a', () => {
    const a = gainForSnr(2, 0.5, 6);
    expect(10 * Math.log10(2 / (0.5 * a * a))).toBeCloseTo(6, 10);
  });

  it('throws RangeError when a power is zero or NaN', () => {
    expect(() => gainForSnr(0, 1, 0)).toThrow(RangeError);
    expect(() => gainForSnr(1, Number.NaN, 0)).toThrow(RangeError);
  });
});
