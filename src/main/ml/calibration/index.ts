/**
 * Calibrated confidence per beat (issue 9): temperature scaling fitted by NLL on held-out
 * records and the reliability (expected calibration error) of the probabilities — after
 * Guo, Pleiss, Sun, Weinberger, "On Calibration of Modern Neural Networks", ICML 2017.
 */
export { applyTemperature, fitTemperature, negativeLogLikelihood, PROBABILITY_FLOOR, TEMPERATURE_RANGE, type TemperatureFit } from './temperature';
export {
  addToReliability,
  createReliability,
  DEFAULT_ECE_BINS,
  expectedCalibrationError,
  finishReliability,
  formatReliability,
  reliabilityTable,
  type ReliabilityAccumulator,
  type ReliabilityBin,
  type ReliabilityTable,
} from './reliability';
export { calibratedProbabilities, servedClasses } from './apply';
export {
  applyDecisionRule,
  argMaxScores,
  decideClasses,
  decisionScores,
  fitLogPriorShift,
  macroF1OfCounts,
  PRIOR_SHIFT_GRID,
  type DecisionRule,
  type PriorShiftFit,
  type PriorShiftOptions,
} from './prior-shift';
export { fitOutOfFoldPriors, foldJobSpecs, foldTrainingJob, outOfFoldProbabilities, type FoldJobSpec, type FoldModel, type OutOfFoldPriorFit } from './fit-priors';
export { calibrateModel, collectProbabilities, type CalibrationDataOptions, type LabelledProbabilities, type ModelCalibration } from './calibrate-model';
