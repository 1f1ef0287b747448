/**
 * Class-prior correction of a model's decisions: a bias b_c per class added to the
 * temperature-scaled log-probabilities, served as softmax(log p / T + b) and decided by
 * arg-max_c (log p_c / T + b_c). A constant added to every b changes nothing, so the first
 * class (N) keeps b = 0.
 *
 * Why: a network trained with rebalanced classes (sampling and class weights) learns
 * p_train(c | x) ∝ p(x | c) · π_train(c); when the training priors π_train differ from the
 * deployment ones, the Bayes decision needs log π − log π_train added to the log-posterior
 * (Saerens, Latinne, Decaestecker, "Adjusting the outputs of a classifier to new a priori
 * probabilities", Neural Computation 14(1), 2002). The effective π_train of focal loss with
 * weighted sampling has no closed form, so b is fitted: the vector that maximises the macro
 * F1 (N S V F) of held-out beats — out-of-fold predictions of models trained without those
 * patients (./fit-priors) — by coordinate search over a grid.
 *
 * Probabilities are flat count × classCount arrays, as ../inference gives them.
 */
import { PROBABILITY_FLOOR } from './temperature';

/** The grid of the search: b from −6 to 6 in steps of 0.05 (e^6 ≈ 400: far beyond any sane prior ratio). */
export const PRIOR_SHIFT_GRID = Object.freeze({ min: -6, max: 6, step: 0.05 });

/** How probabilities are turned into served probabilities and decisions. */
export interface DecisionRule {
  /** Temperature T > 0 (1: none). */
  temperature: number;
  /** b per class (absent: all 0). */
  logPriorShift?: readonly number[];
}

function checkRule(classCount: number, rule: DecisionRule): void {
  if (!Number.isFinite(rule.temperature) || rule.temperature <= 0) throw new RangeError(`the temperature must be finite and > 0, got ${rule.temperature}`);
  const b = rule.logPriorShift;
  if (b !== undefined && (b.length !== classCount || b.some((v) => !Number.isFinite(v)))) {
    throw new RangeError(`the log-prior shift must hold ${classCount} finite numbers, got [${b.join(', ')}]`);
  }
}

function rowCount(probabilities: ArrayLike<number>, classCount: number): number {
  if (!Number.isInteger(classCount) || classCount < 2) throw new RangeError(`classCount must be an integer ≥ 2, got ${classCount}`);
  const count = probabilities.length / classCount;
  if (!Number.isInteger(count)) throw new RangeError(`${probabilities.length} probabilities are not whole rows of ${classCount} classes`);
  return count;
}

/**
 * The decision scores log max(p, floor) / T + b, count × classCount in float64.
 * @throws RangeError on a shape mismatch or a bad rule.
 */
export function decisionScores(probabilities: ArrayLike<number>, classCount: number, rule: DecisionRule): Float64Array {
  const count = rowCount(probabilities, classCount);
  checkRule(classCount, rule);
  const out = new Float64Array(count * classCount);
  const inverseT = 1 / rule.temperature;
  for (let i = 0; i < count * classCount; i++) {
    out[i] = Math.log(Math.max(probabilities[i]!, PROBABILITY_FLOOR)) * inverseT + (rule.logPriorShift?.[i % classCount] ?? 0);
  }
  return out;
}

/** Arg-max per row of count × classCount scores; the first largest wins a tie. */
export function argMaxScores(scores: ArrayLike<number>, classCount: number): Int8Array {
  const count = rowCount(scores, classCount);
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < classCount; c++) if (scores[i * classCount + c]! > scores[i * classCount + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * Served probabilities softmax(log p / T + b) per row (rows sum to 1).
 * @throws RangeError on a shape mismatch or a bad rule.
 */
export function applyDecisionRule(probabilities: ArrayLike<number>, classCount: number, rule: DecisionRule): Float32Array {
  const scores = decisionScores(probabilities, classCount, rule);
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i += classCount) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classCount; c++) max = Math.max(max, scores[i + c]!);
    let sum = 0;
    for (let c = 0; c < classCount; c++) sum += Math.exp(scores[i + c]! - max);
    for (let c = 0; c < classCount; c++) out[i + c] = Math.exp(scores[i + c]! - max) / sum;
  }
  return out;
}

/** The classes decided by `rule`: arg-max of {@link decisionScores}. */
export function decideClasses(probabilities: ArrayLike<number>, classCount: number, rule: DecisionRule): Int8Array {
  return argMaxScores(decisionScores(probabilities, classCount, rule), classCount);
}

/**
 * Macro F1 over `macro` class indices of a classCount × classCount confusion (row reference,
 * column predicted), F1 = 2TP / (2TP + FP + FN); classes with no beat and no prediction are
 * left out, as ../evaluation/confusion `metricsOf` does. NaN when none is left.
 */
export function macroF1OfCounts(counts: ArrayLike<number>, classCount: number, macro: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const c of macro) {
    let row = 0;
    let column = 0;
    for (let j = 0; j < classCount; j++) {
      row += counts[c * classCount + j]!;
      column += counts[j * classCount + c]!;
    }
    const tp = counts[c * classCount + c]!;
    const denominator = row + column; // 2TP + FP + FN
    if (denominator === 0) continue;
    sum += (2 * tp) / denominator;
    n += 1;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** What {@link fitLogPriorShift} searches and scores. */
export interface PriorShiftOptions {
  /** Temperature applied before the shift (the card's). */
  temperature: number;
  /** Class indices the macro F1 averages (AAMI: N S V F = 0–3). */
  macroClasses: readonly number[];
  /** Classes whose b is searched (default: the macro classes but the first, which stays 0). */
  searchClasses?: readonly number[];
  /**
   * Classes not searched whose b follows the others: the lowest b of all searched classes
   * and 0 (for a class outside the macro F1, e.g. Q, which a free b would turn into a dump
   * for beats the macro classes get wrong).
   */
  tiedToLowest?: readonly number[];
  /** At most this many sweeps over the classes (default 20); the search stops earlier when a sweep changes nothing. */
  maxRounds?: number;
}

/** Result of {@link fitLogPriorShift}. */
export interface PriorShiftFit {
  /** b per class (0 for the classes not searched). */
  logPriorShift: number[];
  /** Macro F1 of the labelled rows at b = 0 and at the fitted b. */
  macroF1: { before: number; after: number };
  /** Sweeps made. */
  rounds: number;
  /** Labelled rows used. */
  beats: number;
}

/** Scores and labels of the labelled rows (label ≥ 0). */
function labelledScores(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, temperature: number): { z: Float64Array; y: Int8Array } {
  const count = rowCount(probabilities, classCount);
  if (labels.length !== count) throw new RangeError(`${labels.length} labels for ${count} probability rows`);
  const all = decisionScores(probabilities, classCount, { temperature });
  const keep: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    if (!Number.isInteger(label) || label >= classCount) throw new RangeError(`label ${label} of row ${i} is not a class index below ${classCount}`);
    keep.push(i);
  }
  const z = new Float64Array(keep.length * classCount);
  keep.forEach((i, k) => z.set(all.subarray(i * classCount, (i + 1) * classCount), k * classCount));
  return { z, y: Int8Array.from(keep.map((i) => labels[i]!)) };
}

/** Macro F1 of scores z + b against y. */
function macroF1At(z: Float64Array, y: Int8Array, classCount: number, b: readonly number[], macro: readonly number[]): number {
  const counts = new Float64Array(classCount * classCount);
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < classCount; c++) if (z[i * classCount + c]! + b[c]! > z[i * classCount + best]! + b[best]!) best = c;
    const cell = y[i]! * classCount + best;
    counts[cell] = counts[cell]! + 1;
  }
  return macroF1OfCounts(counts, classCount, macro);
}

/**
 * The best b_c on the grid with the other shifts held: per row, the best other class and its
 * score decide the row unless z_c + b_c beats it (ties go to the lower index, as the arg-max).
 * Ties between grid values go to the one nearest the current b_c.
 */
function bestShiftFor(c: number, z: Float64Array, y: Int8Array, classCount: number, b: number[], macro: readonly number[]): number {
  const n = y.length;
  const other = new Int8Array(n);
  const margin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let j = 0; j < classCount; j++) if (j !== c && (best < 0 || z[i * classCount + j]! + b[j]! > z[i * classCount + best]! + b[best]!)) best = j;
    other[i] = best;
    margin[i] = z[i * classCount + best]! + b[best]! - z[i * classCount + c]!;
  }
  const { min, max, step } = PRIOR_SHIFT_GRID;
  const counts = new Float64Array(classCount * classCount);
  let bestValue = b[c]!;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = 0; min + k * step <= max + 1e-9; k++) {
    const value = Math.round((min + k * step) * 1e6) / 1e6;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const wins = c < other[i]! ? value >= margin[i]! : value > margin[i]!;
      const cell = y[i]! * classCount + (wins ? c : other[i]!);
      counts[cell] = counts[cell]! + 1;
    }
    const score = macroF1OfCounts(counts, classCount, macro);
    const nearer = Math.abs(value - b[c]!) < Math.abs(bestValue - b[c]!);
    if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && nearer)) {
      bestScore = score;
      bestValue = value;
    }
  }
  return bestValue;
}

/**
 * Fits the log-prior shift b that maximises the macro F1 of the labelled rows (label ≥ 0)
 * after `options.temperature`, by coordinate search: each searched class in turn gets the
 * best value of PRIOR_SHIFT_GRID with the others held, until a sweep changes nothing. The
 * macro F1 never decreases from one step to the next, so the fit is at least as good as b = 0
 * on the fitting rows.
 * @throws RangeError on a shape mismatch, a bad label or temperature, or no labelled row.
 */
export function fitLogPriorShift(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, options: PriorShiftOptions): PriorShiftFit {
  const { z, y } = labelledScores(probabilities, labels, classCount, options.temperature);
  if (y.length === 0) throw new RangeError('no labelled beat to fit a prior shift on');
  const macro = options.macroClasses;
  const search = options.searchClasses ?? macro.slice(1);
  if (search.some((c) => !Number.isInteger(c) || c < 0 || c >= classCount)) throw new RangeError(`searched classes ${search.join(', ')} are not all below ${classCount}`);
  const b = new Array<number>(classCount).fill(0);
  const before = macroF1At(z, y, classCount, b, macro);
  const tie = (): void => {
    const lowest = Math.min(0, ...search.map((c) => b[c]!));
    for (const t of options.tiedToLowest ?? []) b[t] = lowest;
  };
  const maxRounds = options.maxRounds ?? 20;
  let rounds = 0;
  let changed = true;
  while (changed && rounds < maxRounds) {
    changed = false;
    rounds += 1;
    for (const c of search) {
      const value = bestShiftFor(c, z, y, classCount, b, macro);
      if (value !== b[c]) {
        b[c] = value;
        tie();
        changed = true;
      }
    }
  }
  return { logPriorShift: b, macroF1: { before, after: macroF1At(z, y, classCount, b, macro) }, rounds, beats: y.length };
}
