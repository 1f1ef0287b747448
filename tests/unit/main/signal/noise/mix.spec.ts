/**
 * Mixing at a target SNR under nst's protocol, on a constructed ECG and the real generators.
 */
import { describe, expect, it } from 'vitest';
import {
  fullGainSpans, generateNoise, measureSnrDb, mixAtSnr, noiseEnvelope, NOISE_TYPES, nstProtocol,
} from '../../../../../src/main/signal/noise';
import { regularBeats, syntheticEcg } from '../qrs/synthetic-ecg';

const FS = 360;

describe('nstProtocol', () => {
  it('gives 5 clean minutes, then 2 noisy and 2 clean minutes in turn', () => {
    expect(nstProtocol(900)).toEqual([
      { startSec: 300, endSec: 420 }, { startSec: 540, endSec: 660 }, { startSec: 780, endSec: 900 },
    ]);
    expect(nstProtocol(200)).toEqual([]);
  });
});

describe('noiseEnvelope', () => {
  it('is 0 outside, 1 inside and ramps in and out at interior edges only', () => {
    const env = noiseEnvelope(FS * 10, FS, [{ startSec: 0, endSec: 2 }, { startSec: 5, endSec: 10 }], 0.5);
    expect(env[0]).toBe(1); // record start: no ramp
    expect(env[FS * 3]).toBe(0);
    expect(env[FS * 5]).toBeLessThan(0.01);
    expect(env[FS * 5 + FS / 4]).toBeCloseTo(0.5, 1);
    expect(env[FS * 6]).toBe(1);
    expect(env[FS * 10 - 1]).toBe(1); // record end: no ramp
  });
});

describe('mixAtSnr', () => {
  const durationSec = 60;
  const beatsSec = regularBeats(durationSec, 0.8);
  const clean = syntheticEcg({ fs: FS, durationSec, beatsSec });
  const beats = beatsSec.map((t) => Math.round(t * FS));
  const spans = [{ startSec: 10, endSec: 30 }, { startSec: 40, endSec: 60 }];

  it('hits the target SNR within 0.1 dB for every noise type and SNR', () => {
    for (const type of NOISE_TYPES) {
      const [noise] = generateNoise(type, { fs: FS, length: clean.length, seed: 11 });
      for (const snrDb of [24, 18, 12, 6, 0, -6]) {
        const { signal } = mixAtSnr(clean, noise!, { fs: FS, snrDb, normalBeats: beats, spans });
        const measured = measureSnrDb(clean, signal, FS, beats, fullGainSpans(spans, durationSec));
        expect(Math.abs(measured - snrDb)).toBeLessThan(0.1);
      }
    }
  });

  it('leaves the clean stretches untouched and is reproducible', () => {
    const [noise] = generateNoise('muscle', { fs: FS, length: clean.length, seed: 5 });
    const a = mixAtSnr(clean, noise!, { fs: FS, snrDb: 0, normalBeats: beats, spans });
    const b = mixAtSnr(clean, noise!, { fs: FS, snrDb: 0, normalBeats: beats, spans });
    expect(a.signal).toEqual(b.signal);
    expect(a.signal.subarray(0, FS * 10)).toEqual(clean.subarray(0, FS * 10));
    expect(a.signal.subarray(FS * 31, FS * 39)).toEqual(clean.subarray(FS * 31, FS * 39));
  });

  it('scales the gain by 2 for 6.02 dB less SNR', () => {
    const [noise] = generateNoise('electrode-motion', { fs: FS, length: clean.length, seed: 5 });
    const g0 = mixAtSnr(clean, noise!, { fs: FS, snrDb: 6.0206, normalBeats: beats }).gain;
    const g1 = mixAtSnr(clean, noise!, { fs: FS, snrDb: 0, normalBeats: beats }).gain;
    expect(g1 / g0).toBeCloseTo(2, 4);
  });

  it('throws RangeError on unequal lengths or when no QRS can be measured', () => {
    expect(() => mixAtSnr(clean, new Float64Array(10), { fs: FS, snrDb: 0, normalBeats: beats })).toThrow(RangeError);
    const [noise] = generateNoise('mains', { fs: FS, length: clean.length, seed: 5 });
    expect(() => mixAtSnr(clean, noise!, { fs: FS, snrDb: 0, normalBeats: [] })).toThrow(RangeError);
  });
});
