/**
 * Physiological augmentation of beat windows (seed 000: "Gaussian noise, amplitude scaling
 * and time-shifting (±10 samples) to simulate real-world sensor variability"), applied per
 * batch on typed arrays before the batch becomes a tensor — no tensor ops, no leak.
 *
 * Per beat, with probability `probability`: shift by an integer s uniform in
 * [−maxShift, maxShift] (out[j] = in[j − s], edge samples repeated where j − s leaves the
 * window, so no step appears), multiply by a factor uniform in [scaleMin, scaleMax], add
 * N(0, noiseStd²) noise per sample. Units are the window's own (SD units for z-scored
 * windows, the [0, 1] range for min–max windows).
 */
import type { Prng } from './prng';

/** Augmentation settings. */
export interface AugmentOptions {
  /** Probability that a beat is augmented at all (default 1). */
  probability: number;
  /** Largest shift in samples, either way (seed 000: 10). */
  maxShift: number;
  scaleMin: number;
  scaleMax: number;
  /** Standard deviation of the added Gaussian noise (0 = none). */
  noiseStd: number;
}

/** Defaults: every beat, ±10 samples, ×0.9 … 1.1, noise SD 0.05. */
export const DEFAULT_AUGMENT: Readonly<AugmentOptions> = Object.freeze({ probability: 1, maxShift: 10, scaleMin: 0.9, scaleMax: 1.1, noiseStd: 0.05 });

/** Checks the settings; throws RangeError naming the bad one. */
export function checkAugmentOptions(o: AugmentOptions): void {
  if (!(o.probability >= 0 && o.probability <= 1)) throw new RangeError(`augmentation: probability must be in [0, 1], got ${o.probability}`);
  if (!(Number.isInteger(o.maxShift) && o.maxShift >= 0)) throw new RangeError(`augmentation: maxShift must be an integer ≥ 0, got ${o.maxShift}`);
  if (!(o.scaleMin > 0 && o.scaleMax >= o.scaleMin)) throw new RangeError(`augmentation: need 0 < scaleMin ≤ scaleMax, got ${o.scaleMin} … ${o.scaleMax}`);
  if (!(o.noiseStd >= 0)) throw new RangeError(`augmentation: noiseStd must be ≥ 0, got ${o.noiseStd}`);
}

/** What was done to one beat (for tests and inspection). */
export interface BeatAugmentation {
  shift: number;
  scale: number;
}

/**
 * Augments one window `input` into `out` (same length, distinct arrays) and returns the
 * shift and scale used; an unaugmented beat is copied with shift 0 and scale 1.
 */
export function augmentBeat(input: Float32Array, out: Float32Array, options: AugmentOptions, prng: Prng): BeatAugmentation {
  if (prng.next() >= options.probability) {
    out.set(input);
    return { shift: 0, scale: 1 };
  }
  const L = input.length;
  const shift = prng.int(2 * options.maxShift + 1) - options.maxShift;
  const scale = options.scaleMin + (options.scaleMax - options.scaleMin) * prng.next();
  for (let j = 0; j < L; j++) {
    const from = j - shift;
    const v = input[from < 0 ? 0 : from >= L ? L - 1 : from]!;
    out[j] = v * scale + (options.noiseStd > 0 ? options.noiseStd * prng.normal() : 0);
  }
  return { shift, scale };
}

/**
 * Gathers the windows of beats `indices` from `windows` (count × length, beat after beat)
 * into a new batch array, augmenting each when `options` is not null.
 */
export function gatherWindows(windows: Float32Array, length: number, indices: ArrayLike<number>, options: AugmentOptions | null, prng: Prng): Float32Array {
  const out = new Float32Array(indices.length * length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const source = windows.subarray(i * length, (i + 1) * length);
    const target = out.subarray(k * length, (k + 1) * length);
    if (options === null) target.set(source);
    else augmentBeat(source, target, options, prng);
  }
  return out;
}
