/**
 * The probabilities a model serves: its softmax outputs rescaled by the temperature its card
 * states (./temperature), or as they are when the card has no calibration. ../inference
 * `classifyBeats` applies it, so the CLI, the evaluation and the review analysis all see
 * the same calibrated confidences.
 */
import type { ModelCard } from '../model-card';
import { applyTemperature } from './temperature';

/**
 * `probabilities` (count × the card's classes, as the network gives them) calibrated as
 * `card.calibration` says; the same array when the card has none.
 */
export function calibratedProbabilities(card: Pick<ModelCard, 'calibration' | 'model'>, probabilities: Float32Array): Float32Array {
  const calibration = card.calibration;
  if (calibration === undefined) return probabilities;
  return applyTemperature(probabilities, card.model.classes.length, calibration.temperature);
}
