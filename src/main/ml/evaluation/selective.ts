/**
 * Selective classification (El-Yaniv & Wiener 2010; Geifman & El-Yaniv 2017): the beats the
 * model is least sure of go to the reviewer, the rest are accepted as classified. For an
 * uncertainty score (higher = less sure) and a coverage c — the fraction of beats NOT sent to
 * review — the accepted beats are the ⌊c·n⌉ with the lowest score (ties kept in beat order,
 * so a constant score accepts the first beats); their accuracy and per-class figures
 * (./confusion) form the risk–coverage curve. Predictions are not changed by the score: only
 * which beats are accepted.
 */
import { confusionMatrix, metricsOf, type ClassificationMetrics } from './confusion';

/** Coverages the issue asks for (issue 9): 100, 95, 90, 80, 70, 50 %. */
export const DEFAULT_COVERAGES: readonly number[] = Object.freeze([1, 0.95, 0.9, 0.8, 0.7, 0.5]);

/** Confidence thresholds the review screen offers (beats under each go to review). */
export const CONFIDENCE_THRESHOLDS: readonly number[] = Object.freeze([0.5, 0.6, 0.7, 0.8, 0.9, 0.95]);

/** Labelled, classified beats with one uncertainty score each. */
export interface ScoredBeats {
  classes: readonly string[];
  /** Reference class index per beat (−1: no reference beat, counted as an error). */
  reference: ArrayLike<number>;
  /** Predicted class index per beat. */
  predicted: ArrayLike<number>;
  /** Uncertainty per beat: higher is less sure. */
  score: ArrayLike<number>;
}

/** One point of the curve. */
export interface CoveragePoint {
  /** The coverage asked for, 0 … 1. */
  coverage: number;
  accepted: number;
  /** Highest score among the accepted beats (null when none is accepted). */
  threshold: number | null;
  metrics: ClassificationMetrics;
}

/** Beat indices ordered by rising score, ties in beat order. */
export function rankByScore(score: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: score.length }, (_, i) => i);
  order.sort((a, b) => score[a]! - score[b]! || a - b);
  return order;
}

/**
 * The accuracy and per-class figures of the accepted beats at each of `coverages` (0 … 1).
 * @throws RangeError for arrays of different lengths, a NaN score or a coverage outside 0 … 1.
 */
export function coverageCurve(beats: ScoredBeats, coverages: readonly number[] = DEFAULT_COVERAGES): CoveragePoint[] {
  const n = beats.reference.length;
  if (beats.predicted.length !== n || beats.score.length !== n) {
    throw new RangeError(`selective: ${n} reference labels, ${beats.predicted.length} predictions, ${beats.score.length} scores`);
  }
  for (let i = 0; i < n; i++) if (Number.isNaN(beats.score[i]!)) throw new RangeError(`selective: score of beat ${i} is NaN`);
  const order = rankByScore(beats.score);
  return coverages.map((coverage) => {
    if (!(coverage >= 0 && coverage <= 1)) throw new RangeError(`selective: coverage ${coverage} is not in 0 … 1`);
    const accepted = Math.round(coverage * n);
    const idx = order.subarray(0, accepted);
    const reference = Array.from(idx, (i) => beats.reference[i]!);
    const predicted = Array.from(idx, (i) => beats.predicted[i]!);
    const threshold = accepted > 0 ? beats.score[idx[accepted - 1]!]! : null;
    return { coverage, accepted, threshold, metrics: metricsOf(confusionMatrix(beats.classes, reference, predicted)) };
  });
}

/** The top probability of each row of a count × K array: the served confidence. */
export function maxProbability(probabilities: Float32Array, K: number): Float32Array {
  const count = probabilities.length / K;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let top = 0;
    for (let c = 0; c < K; c++) top = Math.max(top, probabilities[i * K + c]!);
    out[i] = top;
  }
  return out;
}

/** 1 − the top probability of each row of a count × K array: the plain uncertainty score. */
export function oneMinusMaxProbability(probabilities: Float32Array, K: number): Float32Array {
  return maxProbability(probabilities, K).map((p) => 1 - p);
}

/** Beats under each confidence threshold (confidence < t), with their share and accuracy. */
export interface ThresholdCount {
  threshold: number;
  under: number;
  /** Share of all beats, 0 … 1. */
  fraction: number;
  /** Accuracy of the beats at or above the threshold (null when none). */
  acceptedAccuracy: number | null;
}

/**
 * For each of `thresholds`, how many beats have a confidence (top calibrated probability)
 * below it — the beats the review screen sends to the reviewer at that setting.
 */
export function thresholdCounts(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  thresholds: readonly number[] = CONFIDENCE_THRESHOLDS,
): ThresholdCount[] {
  const n = confidence.length;
  if (correct.length !== n) throw new RangeError(`selective: ${n} confidences but ${correct.length} outcomes`);
  return thresholds.map((threshold) => {
    let under = 0;
    let right = 0;
    for (let i = 0; i < n; i++) {
      if (confidence[i]! < threshold) under += 1;
      else if (correct[i]) right += 1;
    }
    return { threshold, under, fraction: n > 0 ? under / n : 0, acceptedAccuracy: n - under > 0 ? right / (n - under) : null };
  });
}
