/**
 * detectQrs on CONSTRUCTED signals (synthetic-ecg.ts): sampling rates, noise, amplitude
 * changes, several leads, and bad input (flat, clipped, NaN gaps, very short, one spike).
 */
import { describe, expect, it } from 'vitest';
import { detectQrs } from '../../../../../src/main/signal/qrs';
import { matchBeats, regularBeats, syntheticEcg } from './synthetic-ecg';
import { createPrng } from '../../../../../src/main/ml/training/prng';

describe('detectQrs', () => {
  it.each([128, 250, 360, 500, 1000])('finds every beat of a clean constructed ECG at %d Hz', (fs) => {
    const beats = regularBeats(60, 0.8);
    const x = syntheticEcg({ fs, durationSec: 60, beatsSec: beats });
    const found = detectQrs([x], fs).samples;
    expect(matchBeats(found, beats, fs)).toEqual({ hits: beats.length, extra: 0, missed: 0 });
  });

  it('places each beat on the R peak, the largest deflection, within 15 ms', () => {
    const fs = 360;
    const beats = regularBeats(30, 0.75).map((t) => Math.round(t * fs) / fs);
    const found = detectQrs([syntheticEcg({ fs, durationSec: 30, beatsSec: beats })], fs).samples;
    expect(matchBeats(found, beats, fs, 0.015).hits).toBe(beats.length);
  });

  it('finds the beats through noise and baseline wander', () => {
    const fs = 360;
    const beats = regularBeats(120, 0.7);
    const x = syntheticEcg({ fs, durationSec: 120, beatsSec: beats, noiseMv: 0.08, wanderMv: 0.5, seed: 7 });
    const m = matchBeats(detectQrs([x], fs).samples, beats, fs);
    expect(m.missed).toBe(0);
    expect(m.extra).toBe(0);
  });

  it('follows a sudden amplitude drop to a fifth and back', () => {
    const fs = 360;
    const beats = regularBeats(90, 0.8);
    const gains = beats.map((t) => (t > 30 && t < 60 ? 0.2 : 1));
    const x = syntheticEcg({ fs, durationSec: 90, beatsSec: beats, gains, noiseMv: 0.01 });
    const m = matchBeats(detectQrs([x], fs).samples, beats, fs);
    expect(m.missed).toBeLessThanOrEqual(2);
    expect(m.extra).toBe(0);
  });

  it('finds premature beats and pauses of an irregular rhythm', () => {
    const fs = 360;
    const rand = createPrng(3).next;
    const beats: number[] = [];
    for (let t = 0.5; t < 100; t += 0.45 + rand() * 1.2) beats.push(t);
    const x = syntheticEcg({ fs, durationSec: 101, beatsSec: beats, noiseMv: 0.02 });
    expect(matchBeats(detectQrs([x], fs).samples, beats, fs)).toMatchObject({ missed: 0, extra: 0 });
  });

  it('uses the clean lead when the other is drowned in noise', () => {
    const fs = 360;
    const beats = regularBeats(60, 0.8);
    const clean = syntheticEcg({ fs, durationSec: 60, beatsSec: beats, noiseMv: 0.01, seed: 1 });
    const noisy = syntheticEcg({ fs, durationSec: 60, beatsSec: beats, gains: beats.map(() => 0.3), noiseMv: 0.5, seed: 2 });
    expect(matchBeats(detectQrs([noisy, clean], fs).samples, beats, fs)).toMatchObject({ missed: 0, extra: 0 });
  });

  it('gives no beats for a flat line, an all-NaN lead or a constant with quantization noise', () => {
    const fs = 360;
    const rand = createPrng(5).next;
    expect(detectQrs([new Float64Array(fs * 60)], fs).samples.length).toBe(0);
    expect(detectQrs([new Float64Array(fs * 60).fill(NaN)], fs).samples.length).toBe(0);
    const lsb = new Float64Array(fs * 60).map(() => 0.7 + Math.round(rand() * 2 - 1) * 0.005);
    expect(detectQrs([lsb], fs).samples.length).toBe(0);
  });

  it('gives no beats and no error for inputs shorter than half a second or empty', () => {
    expect(detectQrs([new Float64Array(100)], 360).samples.length).toBe(0);
    expect(detectQrs([new Float64Array(0)], 360).samples.length).toBe(0);
    expect(detectQrs([], 360).samples.length).toBe(0);
  });

  it('handles a record of under a second with one beat', () => {
    const x = syntheticEcg({ fs: 360, durationSec: 0.9, beatsSec: [0.45] });
    expect(matchBeats(detectQrs([x], 360).samples, [0.45], 360).extra).toBe(0);
  });

  it('makes no runaway detections in a clipped (saturated) stretch', () => {
    const fs = 360;
    const beats = regularBeats(60, 0.8);
    const x = syntheticEcg({ fs, durationSec: 60, beatsSec: beats, noiseMv: 0.01 });
    x.fill(5, 20 * fs, 30 * fs); // the amplifier sits at its rail for 10 s
    const found = detectQrs([x], fs).samples;
    // The steps onto and off the rail mask beats within a T-wave interval of them.
    const outside = beats.filter((t) => t < 19.6 || t > 30.4);
    const m = matchBeats(found, outside, fs);
    expect(m.missed).toBe(0);
    expect(m.extra).toBeLessThanOrEqual(2); // at most the two edges of the plateau
  });

  it('bridges NaN gaps without beats inside them and keeps the beats around', () => {
    const fs = 360;
    const beats = regularBeats(60, 0.8);
    const x = syntheticEcg({ fs, durationSec: 60, beatsSec: beats, noiseMv: 0.01 });
    x.fill(NaN, 20 * fs, 25 * fs);
    const found = Array.from(detectQrs([x], fs).samples);
    expect(found.every((s) => Number.isFinite(x[s]!))).toBe(true);
    const outside = beats.filter((t) => t < 19.9 || t > 25.1);
    expect(matchBeats(found, outside, fs)).toMatchObject({ missed: 0, extra: 0 });
  });

  it('ignores a single huge spike and keeps the beats next to it', () => {
    const fs = 360;
    const beats = regularBeats(60, 0.8);
    const x = syntheticEcg({ fs, durationSec: 60, beatsSec: beats, noiseMv: 0.01 });
    const spike = Math.round(30.5 * fs); // midway between the beats at 30.1 and 30.9 s
    x[spike] = 80; // one sample at 80 mV between two beats
    const found = detectQrs([x], fs).samples;
    expect(Array.from(found).some((s) => Math.abs(s - spike) < 0.05 * fs)).toBe(false);
    expect(matchBeats(found, beats, fs).missed).toBe(0);
  });

  it('rejects a non-positive sampling rate and leads of unequal length', () => {
    expect(() => detectQrs([new Float64Array(10)], 0)).toThrow(RangeError);
    expect(() => detectQrs([new Float64Array(10), new Float64Array(11)], 360)).toThrow(RangeError);
  });
});
