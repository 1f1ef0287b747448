/**
 * The probabilities a model serves and the classes it decides: its softmax outputs rescaled
 * by the temperature its card states (./temperature) and, where the card has one, shifted by
 * its class-prior correction (./prior-shift: softmax(log p / T + b), decided by the arg-max of
 * log p / T + b); as they are when the card has no calibration. ../inference `classifyBeats`
 * applies both, so the CLI, the evaluation, MC dropout and the review analysis all see the
 * same calibrated confidences and decisions. A card without a shift decides by the arg-max
 * of the network's own outputs, as before the shift existed.
 */
import type { ModelCard } from '../model-card';
import { applyDecisionRule, argMaxScores, decideClasses } from './prior-shift';
import { applyTemperature } from './temperature';

type CalibratedCard = Pick<ModelCard, 'calibration' | 'model'>;

/**
 * `probabilities` (count × the card's classes, as the network gives them) calibrated as
 * `card.calibration` says; the same array when the card has none.
 */
export function calibratedProbabilities(card: CalibratedCard, probabilities: Float32Array): Float32Array {
  const calibration = card.calibration;
  if (calibration === undefined) return probabilities;
  const K = card.model.classes.length;
  if (calibration.logPriorShift === undefined) return applyTemperature(probabilities, K, calibration.temperature);
  return applyDecisionRule(probabilities, K, { temperature: calibration.temperature, logPriorShift: calibration.logPriorShift });
}

/**
 * The classes `card` decides for the network's own `probabilities` (count × classes): with a
 * log-prior shift the arg-max of log p / T + b (float64, so no float32 rounding ties two
 * close values), else the arg-max of the outputs (a temperature alone keeps the order).
 */
export function servedClasses(card: CalibratedCard, probabilities: Float32Array): Int8Array {
  const calibration = card.calibration;
  const K = card.model.classes.length;
  if (calibration?.logPriorShift === undefined) return argMaxScores(probabilities, K);
  return decideClasses(probabilities, K, { temperature: calibration.temperature, logPriorShift: calibration.logPriorShift });
}
