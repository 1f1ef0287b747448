/**
 * Public surface of the ML module: models (../ml/models), backend selection, training (in a
 * worker or in this thread), evaluation, the model store and inference. Callers outside
 * src/main/ml import from here.
 */
export {
  ARCHITECTURES,
  buildModel,
  defaultModelConfig,
  registerCustomLayers,
  withAttention,
  type Architecture,
  type ModelConfig,
} from './models';
export { selectBackend, type BackendPreference } from './backend/select';

export { DEFAULT_TRAINING, trainingSettings, type TrainingSettings } from './training/settings';
export { DEFAULT_AUGMENT, type AugmentOptions } from './training/augment';
export { DS1_TRAIN_RECORDS, DS1_VALIDATION_RECORDS, collectBeats, type BeatArrays } from './training/data';
export { runTrainingJob, checkJob, type TrainingJob, type TrainingDataSpec } from './training/job';
export { trainModel, RUN_FOLDERS, type TrainerInput } from './training/trainer';
export { trainInWorker, defaultWorkerPath, type WorkerRunOptions } from './training/run-worker';
export { formatEvent, toTaskProgress } from './training/progress';
export type { TrainingEvent, TrainingResult, EpochSummary, ValidationSummary } from './training/progress';
export { TrainingError } from './training/training-error';

export { confusionMatrix, metricsOf, sumConfusion, type ClassificationMetrics, type ClassMetrics, type ConfusionMatrix } from './evaluation/confusion';
export { formatConfusion, formatEvaluation, formatMetrics } from './evaluation/format';
export { evaluateModel, type EvaluateOptions, type EvaluationResult, type RecordEvaluation } from './evaluation/evaluate';

export {
  applyTemperature,
  calibrateModel,
  expectedCalibrationError,
  fitTemperature,
  formatReliability,
  reliabilityTable,
  type ModelCalibration,
  type ReliabilityTable,
} from './calibration';

export { loadModel, readModelCard, saveModel, writeModelCard, type LoadedModel, type ModelExpectations } from './model-store';
export { ModelLoadError, MODEL_FILES, type CardCalibration, type CardMetrics, type ModelCard } from './model-card';
export { classifyBeats, predictRecord, INFERENCE_BATCH, type ClassifiedBeats, type RecordPrediction } from './inference';
