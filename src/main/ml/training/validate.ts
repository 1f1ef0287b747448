/**
 * Validation after an epoch: the model in inference mode over the held-out DS1 beats, the
 * confusion matrix and figures (../evaluation/confusion), and the mean cross-entropy.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { confusionMatrix, metricsOf, type ClassificationMetrics } from '../evaluation/confusion';
import { argMaxScores } from '../calibration/prior-shift';
import { predictBatches } from '../inference';
import type { BeatArrays } from './data';
import type { ValidationSummary } from './progress';

/** Validation figures, summarised for the progress stream and in full for the card. */
export interface Validation {
  summary: ValidationSummary;
  metrics: ClassificationMetrics;
}

/** Mean −log p(true class) with p clipped at 1e-7. */
export function meanCrossEntropy(probabilities: Float32Array, labels: Int8Array, classes: number): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum -= Math.log(Math.max(1e-7, probabilities[i * classes + labels[i]!]!));
  return labels.length > 0 ? sum / labels.length : Number.NaN;
}

/** Scores `model` on `beats` (rr: normalised count × rrWidth features, or null). */
export function validate(
  model: tfl.LayersModel,
  beats: BeatArrays,
  rr: Float32Array | null,
  rrWidth: number,
  classes: readonly string[],
  batchSize: number,
): Validation {
  const input = { windows: beats.windows, windowLength: beats.windowLength, differences: beats.differences, rr, rrWidth, count: beats.count };
  const { probabilities } = predictBatches(model, input, { batchSize });
  const K = classes.length;
  const matrix = confusionMatrix(classes, beats.classes, argMaxScores(probabilities, K));
  const metrics = metricsOf(matrix);
  return {
    metrics,
    summary: {
      loss: meanCrossEntropy(probabilities, beats.classes, K),
      accuracy: metrics.accuracy,
      macroF1: metrics.macroF1,
      perClass: metrics.perClass.map(({ name, se, ppv, f1 }) => ({ name, se, ppv, f1 })),
      confusion: matrix.counts,
    },
  };
}
