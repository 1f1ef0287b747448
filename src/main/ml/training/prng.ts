/**
 * The one seeded pseudo-random generator of the training engine (sampling, augmentation,
 * dropout masks, shuffles): mulberry32 (Tommy Ettinger, public domain), a 32-bit state
 * generator whose whole state is one uint32 — easy to derive per epoch and to reproduce.
 * Not for cryptography.
 */

/** A seeded generator of uniform numbers in [0, 1) with helpers. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** The current state (a uint32): `createPrng(state)` continues the same sequence. */
  state(): number;
}

/** A generator seeded with `seed` (any number; its low 32 bits are used). */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // 1 − u keeps the logarithm's argument in (0, 1].
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    state: () => a,
  };
}

/**
 * A seed derived from a base seed and labels (e.g. epoch number and purpose), so that each
 * epoch's randomness is fixed by (seed, epoch) alone: a resumed run draws the same numbers
 * as an uninterrupted one. FNV-1a over the parts, then one mulberry32 scramble.
 */
export function deriveSeed(seed: number, ...parts: (number | string)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c; // separator, so that (1, 23) and (12, 3) differ
    h = Math.imul(h, 0x01000193);
  }
  return Math.floor(createPrng(h >>> 0).next() * 4294967296) >>> 0;
}

/** Fisher–Yates shuffle of `values` in place with `prng`; returns `values`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(values: T, prng: Prng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/**
 * Replaces `Math.random` with a generator seeded with `seed` and returns the function that
 * puts the previous one back. tfjs draws the seed of every unseeded random op (dropout
 * masks) from `Math.random`, so this is what makes dropout repeatable; the training loop
 * reseeds at each epoch from (seed, epoch), so a resumed run draws the same masks. Anything
 * else that calls `Math.random` meanwhile (other async work in the same thread) shifts the
 * sequence: the training worker owns its thread, so there it is exact.
 */
export function seedMathRandom(seed: number): () => void {
  const previous = Math.random;
  Math.random = createPrng(seed).next;
  return () => {
    Math.random = previous;
  };
}
