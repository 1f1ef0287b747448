/**
 * Weighted random sampling of training batches (seed 000's "weighted random sampling"):
 * every batch holds each class in proportion to its share (./class-weights `classShares`),
 * exactly up to rounding — floor(share × batch) beats per class, the remaining slots drawn
 * by share — and the batch is then shuffled. Within a class, beats are taken from a
 * shuffled cycle (each beat once before any beat twice), so the 8 Q beats of DS1 repeat
 * evenly and the 45,000 N beats are not drawn with needless duplicates.
 *
 * With mode 'none' an epoch is a plain shuffled pass over the beats.
 * Everything is drawn from one seeded generator (./prng): same seed, same batches.
 */
import { classShares, countClasses, type SamplingMode } from './class-weights';
import { shuffleInPlace, type Prng } from './prng';

/** Shuffled cycle over one class's beat indices. */
class ClassCycle {
  private position = 0;
  constructor(
    private readonly indices: Int32Array,
    private readonly prng: Prng,
  ) {
    shuffleInPlace(this.indices, prng);
  }

  next(): number {
    if (this.position >= this.indices.length) {
      shuffleInPlace(this.indices, this.prng);
      this.position = 0;
    }
    return this.indices[this.position++]!;
  }
}

/**
 * Beats per class in one batch: floor(share × batch), then the remaining slots go to
 * distinct classes drawn with probability ∝ their fractional parts (each remainder is < 1
 * and they add up to the slots left, so there are always enough classes to draw from).
 */
export function batchClassCounts(shares: readonly number[], batchSize: number, prng: Prng): number[] {
  const counts = shares.map((s) => Math.floor(s * batchSize));
  const rest = shares.map((s, c) => s * batchSize - counts[c]!);
  let left = batchSize - counts.reduce((a, b) => a + b, 0);
  while (left > 0) {
    const candidates = rest.flatMap((r, k) => (r > 0 ? [k] : []));
    // Rounding can leave a slot after every remainder is used: give it to a present class.
    let c = candidates.at(-1) ?? shares.findIndex((s) => s > 0);
    let u = prng.next() * candidates.reduce((a, k) => a + rest[k]!, 0);
    for (const k of candidates) {
      if (u < rest[k]!) {
        c = k;
        break;
      }
      u -= rest[k]!;
    }
    counts[c]! += 1;
    rest[c] = 0;
    left--;
  }
  return counts;
}

/**
 * Indices of the training beats for one epoch, `steps` batches of `batchSize`, batch after
 * batch (batch k = [k × batchSize, (k + 1) × batchSize)). `labels` are class indices
 * 0 … classes − 1; beats with another label (−1) are never drawn.
 * @throws RangeError when there is no beat to draw or sizes are not positive integers.
 */
export function sampleEpoch(labels: ArrayLike<number>, classes: number, mode: SamplingMode, batchSize: number, steps: number, prng: Prng): Int32Array {
  if (!(Number.isInteger(batchSize) && batchSize > 0 && Number.isInteger(steps) && steps > 0)) {
    throw new RangeError(`sampler: batch size and steps must be positive integers, got ${batchSize} and ${steps}`);
  }
  const counts = countClasses(labels, classes);
  if (counts.every((c) => c === 0)) throw new RangeError('sampler: no labelled beat to draw from');
  const out = new Int32Array(batchSize * steps);
  if (mode === 'none') return plainEpoch(labels, classes, out, prng);
  const byClass = counts.map((n) => new Int32Array(n));
  const fill = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c >= 0 && c < classes) byClass[c]![fill[c]!++] = i;
  }
  const cycles = byClass.map((indices) => (indices.length > 0 ? new ClassCycle(indices, prng) : null));
  const shares = classShares(counts, mode);
  for (let step = 0; step < steps; step++) {
    const batch = out.subarray(step * batchSize, (step + 1) * batchSize);
    let at = 0;
    batchClassCounts(shares, batchSize, prng).forEach((n, c) => {
      for (let k = 0; k < n; k++) batch[at++] = cycles[c]!.next();
    });
    shuffleInPlace(batch, prng);
  }
  return out;
}

/** Shuffled passes over the labelled beats, repeated as needed to fill `out`. */
function plainEpoch(labels: ArrayLike<number>, classes: number, out: Int32Array, prng: Prng): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0 && labels[i]! < classes) kept.push(i);
  const cycle = new ClassCycle(Int32Array.from(kept), prng);
  for (let i = 0; i < out.length; i++) out[i] = cycle.next();
  return out;
}
