/**
 * The signal-quality gate on constructed two-lead ECGs: clean, drowned in noise, flat.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY, markNoise, secondsInNoise, windowFeatures, windowIsNoise } from '../../../../../src/main/signal/quality';
import { generateNoise, mixAtSnr } from '../../../../../src/main/signal/noise';
import { regularBeats, syntheticEcg } from '../qrs/synthetic-ecg';

const FS = 360;
const DURATION = 60;
const BEATS = regularBeats(DURATION, 0.8);
const BEAT_SAMPLES = BEATS.map((t) => Math.round(t * FS));
const lead = (seed: number): Float64Array => syntheticEcg({ fs: FS, durationSec: DURATION, beatsSec: BEATS, noiseMv: 0.005, seed });

/** Both leads with `type` noise at `snrDb` during 20–40 s. */
function noisyLeads(type: 'electrode-motion' | 'muscle' | 'mains' | 'baseline-wander', snrDb: number): Float64Array[] {
  const clean = [lead(1), lead(2)];
  const noise = generateNoise(type, { fs: FS, length: clean[0]!.length, leads: 2, seed: 4 });
  return clean.map((x, k) => mixAtSnr(x, noise[k]!, { fs: FS, snrDb, normalBeats: BEAT_SAMPLES, spans: [{ startSec: 20, endSec: 40 }] }).signal);
}

describe('windowFeatures', () => {
  it('finds a clean ECG peaky with a low floor, and flat runs in a held lead', () => {
    const features = windowFeatures(lead(1), FS);
    expect(features).toHaveLength(30);
    for (const f of features) {
      expect(f.peakiness).toBeGreaterThan(15);
      expect(f.floor).toBeLessThan(0.06);
    }
    const held = lead(1).fill(0.3, FS * 10, FS * 12);
    expect(windowFeatures(held, FS)[5]!.flatSec).toBeGreaterThanOrEqual(1.9);
  });
});

describe('windowIsNoise', () => {
  it('ignores a flat lead unless every lead is flat', () => {
    const clean = { flatSec: 0, peakiness: 40, floor: 0.02, highRatio: 0.01, driftRatio: 0.1 };
    const flat = { flatSec: 2, peakiness: 0, floor: 0, highRatio: 0, driftRatio: 0 };
    expect(windowIsNoise([clean, flat], DEFAULT_QUALITY)).toBe(false);
    expect(windowIsNoise([flat, flat], DEFAULT_QUALITY)).toBe(true);
  });
});

describe('markNoise', () => {
  it('marks nothing on a clean two-lead ECG', () => {
    expect(markNoise([lead(1), lead(2)], FS)).toEqual([]);
  });

  it('marks the stretch of strong electrode motion and muscle noise, and little else', () => {
    for (const type of ['electrode-motion', 'muscle'] as const) {
      const segments = markNoise(noisyLeads(type, -6), FS);
      expect(secondsInNoise(segments, 20, 40)).toBeGreaterThan(16);
      expect(secondsInNoise(segments, 0, 20) + secondsInNoise(segments, 40, 60)).toBeLessThanOrEqual(2);
    }
  });

  it('leaves mains interference and baseline wander unmarked: the detector filters them out', () => {
    for (const type of ['mains', 'baseline-wander'] as const) {
      expect(secondsInNoise(markNoise(noisyLeads(type, 0), FS))).toBeLessThanOrEqual(2);
    }
  });

  it('marks a stretch where both leads are flat', () => {
    const leads = [lead(1).fill(0, FS * 30, FS * 36), lead(2).fill(1, FS * 30, FS * 36)];
    expect(markNoise(leads, FS)).toEqual([{ startSec: 30, endSec: 36 }]);
  });

  it('throws RangeError on leads of different lengths', () => {
    expect(() => markNoise([new Float64Array(10), new Float64Array(11)], FS)).toThrow(RangeError);
  });
});
