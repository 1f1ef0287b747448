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

/** An input window and where its augmented copy goes (same length, distinct arrays). */
export interface WindowCopy {
  input: Float32Array;
  out: Float32Array;
}

/**
 * Augments one window `input` into `out` (same length, distinct arrays) and returns the
 * shift and scale used; an unaugmented beat is copied with shift 0 and scale 1. `pair`, the
 * beat's neighbour difference, is shifted and scaled alike (it is the same stretch of
 * signal), with noise of its own; the draws for the window come first, so that a run
 * without differences draws what it always did.
 */
export function augmentBeat(input: Float32Array, out: Float32Array, options: AugmentOptions, prng: Prng, pair: WindowCopy | null = null): BeatAugmentation {
  if (prng.next() >= options.probability) {
    out.set(input);
    pair?.out.set(pair.input);
    return { shift: 0, scale: 1 };
  }
  const shift = prng.int(2 * options.maxShift + 1) - options.maxShift;
  const scale = options.scaleMin + (options.scaleMax - options.scaleMin) * prng.next();
  shiftScaleNoise(input, out, shift, scale, options.noiseStd, prng);
  if (pair !== null) shiftScaleNoise(pair.input, pair.out, shift, scale, options.noiseStd, prng);
  return { shift, scale };
}

/** out[j] = input[j − shift] (edge samples repeated) × scale + N(0, noiseStd²). */
function shiftScaleNoise(input: Float32Array, out: Float32Array, shift: number, scale: number, noiseStd: number, prng: Prng): void {
  const L = input.length;
  for (let j = 0; j < L; j++) {
    const from = j - shift;
    const v = input[from < 0 ? 0 : from >= L ? L - 1 : from]!;
    out[j] = v * scale + (noiseStd > 0 ? noiseStd * prng.normal() : 0);
  }
}

/** Windows and, when the beats have them, their neighbour differences (count × length each, beat after beat). */
export interface WindowArrays {
  windows: Float32Array;
  differences: Float32Array | null;
}

/**
 * Gathers the windows (and differences) of beats `indices` from `from` into new batch arrays,
 * augmenting each beat when `options` is not null.
 */
export function gatherWindows(from: WindowArrays, length: number, indices: ArrayLike<number>, options: AugmentOptions | null, prng: Prng): WindowArrays {
  const out: WindowArrays = {
    windows: new Float32Array(indices.length * length),
    differences: from.differences === null ? null : new Float32Array(indices.length * length),
  };
  const rows = (values: Float32Array, i: number): Float32Array => values.subarray(i * length, (i + 1) * length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const pair = from.differences === null ? null : { input: rows(from.differences, i), out: rows(out.differences!, k) };
    if (options === null) {
      rows(out.windows, k).set(rows(from.windows, i));
      pair?.out.set(pair.input);
    } else {
      augmentBeat(rows(from.windows, i), rows(out.windows, k), options, prng, pair);
    }
  }
  return out;
}
