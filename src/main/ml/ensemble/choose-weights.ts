/**
 * Choosing the ensemble's members and weights on DS1 validation beats (model selection
 * uses DS1 only: ../shared/docs/protocol.md): every weight vector on a grid over the simplex
 * (weights multiples of 1/steps summing to 1) is scored by the macro F1 over N, S, V, F of
 * the Top2-weighted rule (./top2-rule) against the reference classes; the best wins, a tie
 * going to the vector with fewer members (a member that changes no decision only costs
 * time), then to the one nearest the uniform vector (smallest Σ w²), then to the first found.
 * A member whose best weight is 0 is left out of the ensemble: that is how members are
 * chosen. With 3 members and steps = 10 that is 66 vectors; 4 members, 286.
 */
import { confusionMatrix, metricsOf } from '../evaluation/confusion';
import { inTopTwo } from './top2-rule';

/** The chosen weights and how they scored. */
export interface WeightChoice {
  /** One weight per member (0 = left out), summing to 1. */
  weights: number[];
  /** Macro F1 (N, S, V, F) of the rule with these weights on the beats. */
  macroF1: number;
  /** Weight vectors tried. */
  candidates: number;
}

/** Every vector of `members` non-negative integers summing to `steps`. */
export function simplexGrid(members: number, steps: number): number[][] {
  if (members === 1) return [[steps]];
  const out: number[][] = [];
  for (let first = steps; first >= 0; first--) for (const rest of simplexGrid(members - 1, steps - first)) out.push([first, ...rest]);
  return out;
}

/** Member probabilities with everything outside each row's top two set to 0 (the rule's mask). */
export function maskTopTwo(probabilities: Float32Array, classes: number): Float32Array {
  const out = new Float32Array(probabilities.length);
  for (let start = 0; start < probabilities.length; start += classes) {
    const row = probabilities.subarray(start, start + classes);
    for (let c = 0; c < classes; c++) if (inTopTwo(row, c)) out[start + c] = row[c]!;
  }
  return out;
}

/** Arg-max class per beat of Σ_m w_m · masked_m (the rule's class; normalising does not change it). */
function ruleClasses(masked: readonly Float32Array[], weights: readonly number[], classes: number): Int8Array {
  const count = masked[0]!.length / classes;
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) {
      let score = 0;
      for (let m = 0; m < masked.length; m++) score += weights[m]! * masked[m]![i * classes + c]!;
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    out[i] = best;
  }
  return out;
}

/** Whether `a` beats `b`: higher macro F1, then fewer members, then more even weights. */
function better(a: { macroF1: number; used: number; spread: number }, b: { macroF1: number; used: number; spread: number }): boolean {
  if (Math.abs(a.macroF1 - b.macroF1) > 1e-12) return a.macroF1 > b.macroF1;
  if (a.used !== b.used) return a.used < b.used;
  return a.spread < b.spread - 1e-12;
}

/**
 * The best weights for `members` (each count × K probabilities of the same beats) against
 * `reference` (class index per beat) on a grid of `steps` per unit (see the file header).
 * @throws RangeError for sizes that do not fit or steps < 1.
 */
export function chooseWeights(members: readonly Float32Array[], reference: Int8Array, classNames: readonly string[], steps = 10): WeightChoice {
  const K = classNames.length;
  if (members.length === 0) throw new RangeError('no members to weigh');
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be an integer ≥ 1, got ${steps}`);
  if (members.some((p) => p.length !== reference.length * K)) throw new RangeError(`members must give ${reference.length} × ${K} probabilities`);
  const masked = members.map((p) => maskTopTwo(p, K));
  const grid = simplexGrid(members.length, steps).filter((v) => v.some((x) => x > 0));
  let best: { weights: number[]; macroF1: number; used: number; spread: number } | null = null;
  for (const vector of grid) {
    const weights = vector.map((x) => x / steps);
    const candidate = {
      weights,
      macroF1: metricsOf(confusionMatrix(classNames, reference, ruleClasses(masked, weights, K))).macroF1 ?? 0,
      used: weights.filter((w) => w > 0).length,
      spread: weights.reduce((s, w) => s + w * w, 0),
    };
    if (best === null || better(candidate, best)) best = candidate;
  }
  return { weights: best!.weights, macroF1: best!.macroF1, candidates: grid.length };
}
