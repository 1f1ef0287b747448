/**
 * Synthetic probabilities for the calibration tests: random logits z (seeded, ../training/prng),
 * labels drawn from softmax(z) — the true distribution — and "model" probabilities
 * softmax(τ·z): their logits are τ times the true ones, so the temperature that calibrates
 * them (divides the logits back) is exactly τ. τ < 1: under-confident, τ > 1: over-confident.
 */
import { createPrng } from '../../../../../src/main/ml/training/prng';

/** softmax of `logits` divided by the temperature T. */
export function softmax(logits: readonly number[], T = 1): number[] {
  const scaled = logits.map((z) => z / T);
  const max = Math.max(...scaled);
  const e = scaled.map((z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** An index drawn from the distribution `p` with a uniform number `u`. */
function draw(p: readonly number[], u: number): number {
  let acc = 0;
  for (let c = 0; c < p.length; c++) {
    acc += p[c]!;
    if (u < acc) return c;
  }
  return p.length - 1;
}

/**
 * `count` beats over `classes` classes: logits N(0, spread²) per class, labels drawn from
 * softmax(z), probabilities softmax(tau·z) as a flat Float32Array.
 */
export function syntheticProbabilities(count: number, classes: number, tau: number, seed: number, spread = 2): { probabilities: Float32Array; labels: Int8Array } {
  const prng = createPrng(seed);
  const probabilities = new Float32Array(count * classes);
  const labels = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const z = Array.from({ length: classes }, () => spread * prng.normal());
    labels[i] = draw(softmax(z), prng.next());
    probabilities.set(softmax(z, 1 / tau), i * classes);
  }
  return { probabilities, labels };
}
