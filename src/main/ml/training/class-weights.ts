/**
 * Class weights and class shares from beat counts per class: how much a beat of each class
 * counts in the loss (weights) or how often it is drawn into a batch (shares). MIT-BIH DS1
 * is 90% N and 0.02% Q: without either, a network learns to say N.
 */

/** How class weights follow the counts. */
export type ClassWeighting = 'none' | 'inverse' | 'sqrt-inverse';

/** Beats per class index (classes outside 0 … classes − 1, e.g. −1, are ignored). */
export function countClasses(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c >= 0 && c < classes) counts[c]! += 1;
  }
  return counts;
}

/**
 * Weight per class: 'inverse' is scikit-learn's "balanced", total / (present classes ×
 * count); 'sqrt-inverse' its square root; both capped at `cap` (default 50: DS1 has 8 Q
 * beats, whose uncapped weight would be ~1,300) and 1 for a class with no beats (it never
 * enters the loss anyway). 'none' gives 1 everywhere.
 * @throws RangeError when cap is not positive.
 */
export function classWeights(counts: readonly number[], weighting: ClassWeighting, cap = 50): number[] {
  if (!(cap > 0)) throw new RangeError(`class weights: cap must be positive, got ${cap}`);
  if (weighting === 'none') return counts.map(() => 1);
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => {
    if (c <= 0) return 1;
    const w = total / (present * c);
    return Math.min(cap, weighting === 'inverse' ? w : Math.sqrt(w));
  });
}

/** How batches are drawn. */
export type SamplingMode = 'balanced' | 'sqrt' | 'none';

/**
 * Share of each class in a batch: 'balanced' the same for every class that has beats
 * (seed 000: "every training batch is balanced"), 'sqrt' proportional to √count (a middle
 * way), 'none' proportional to the counts (the data as it is). Sums to 1 over the present
 * classes; 0 for a class with no beats.
 */
export function classShares(counts: readonly number[], mode: SamplingMode): number[] {
  const raw = counts.map((c) => (c <= 0 ? 0 : mode === 'balanced' ? 1 : mode === 'sqrt' ? Math.sqrt(c) : c));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => (sum > 0 ? r / sum : 0));
}
