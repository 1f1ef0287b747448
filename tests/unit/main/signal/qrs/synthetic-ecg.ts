/**
 * CONSTRUCTED test signals (not recordings): an ECG-like waveform made of Gaussian P, Q, R,
 * S and T waves at chosen beat times, with optional seeded noise and baseline wander, for
 * the detector's unit tests. Amplitudes in mV.
 */
import { createPrng } from '../../../../../src/main/ml/training/prng';

/** One Gaussian wave of a beat: offset from the R peak (s), amplitude (mV), width σ (s). */
interface Wave {
  offsetSec: number;
  amplitudeMv: number;
  sigmaSec: number;
}

/** A normal-looking beat: R of 1 mV at offset 0. */
export const NORMAL_BEAT: readonly Wave[] = [
  { offsetSec: -0.16, amplitudeMv: 0.15, sigmaSec: 0.025 },
  { offsetSec: -0.025, amplitudeMv: -0.1, sigmaSec: 0.008 },
  { offsetSec: 0, amplitudeMv: 1, sigmaSec: 0.01 },
  { offsetSec: 0.025, amplitudeMv: -0.25, sigmaSec: 0.008 },
  { offsetSec: 0.25, amplitudeMv: 0.3, sigmaSec: 0.05 },
];

/** Beat times (s) at a constant RR from `firstSec` to before `durationSec`. */
export function regularBeats(durationSec: number, rrSec: number, firstSec = 0.5): number[] {
  const out: number[] = [];
  for (let t = firstSec; t < durationSec - 0.3; t += rrSec) out.push(t);
  return out;
}

/** Options of {@link syntheticEcg}. */
export interface SyntheticOptions {
  fs: number;
  durationSec: number;
  /** R-peak times, s. */
  beatsSec: number[];
  /** Per-beat amplitude factor (default 1 for all). */
  gains?: number[];
  /** Gaussian-ish white noise RMS, mV (default 0). */
  noiseMv?: number;
  /** Baseline wander amplitude (mV) at 0.3 Hz (default 0). */
  wanderMv?: number;
  seed?: number;
  beat?: readonly Wave[];
}

/** Builds the constructed ECG (see the file header). */
export function syntheticEcg(o: SyntheticOptions): Float64Array {
  const n = Math.round(o.durationSec * o.fs);
  const x = new Float64Array(n);
  const beat = o.beat ?? NORMAL_BEAT;
  o.beatsSec.forEach((t, j) => {
    const gain = o.gains?.[j] ?? 1;
    for (const w of beat) {
      const centre = (t + w.offsetSec) * o.fs, half = Math.ceil(5 * w.sigmaSec * o.fs);
      for (let i = Math.max(0, Math.floor(centre) - half); i <= Math.min(n - 1, Math.ceil(centre) + half); i++) {
        const d = (i - centre) / (w.sigmaSec * o.fs);
        x[i] = x[i]! + gain * w.amplitudeMv * Math.exp(-0.5 * d * d);
      }
    }
  });
  const rand = createPrng(o.seed ?? 1).next;
  const noise = o.noiseMv ?? 0, wander = o.wanderMv ?? 0;
  for (let i = 0; i < n; i++) {
    // Sum of 4 uniforms: roughly Gaussian, variance 4/12 → scale to the asked RMS.
    const g = noise > 0 ? (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3) * noise : 0;
    x[i] = x[i]! + g + wander * Math.sin((2 * Math.PI * 0.3 * i) / o.fs);
  }
  return x;
}

/** Counts of detections within ±tolSec of a true beat (each matched once) and the rest. */
export function matchBeats(detected: ArrayLike<number>, beatsSec: number[], fs: number, tolSec = 0.05): { hits: number; extra: number; missed: number } {
  const used = new Set<number>();
  let hits = 0;
  for (let i = 0; i < detected.length; i++) {
    const t = detected[i]! / fs;
    const j = beatsSec.findIndex((b, k) => !used.has(k) && Math.abs(b - t) <= tolSec);
    if (j >= 0) { used.add(j); hits++; }
  }
  return { hits, extra: detected.length - hits, missed: beatsSec.length - hits };
}
