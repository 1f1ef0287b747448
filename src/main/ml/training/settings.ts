/**
 * Training settings (everything but the network and the data), their defaults and checks.
 * Defaults follow seed 000/001's recipe — stable focal loss (γ = 2), balanced batches from
 * weighted random sampling, physiological augmentation, global gradient-norm clipping, L2
 * (in the model's layers), Adam — with a warm-up + cosine learning-rate schedule and early
 * stopping on validation macro F1 (N S V F).
 */
import { checkAugmentOptions, DEFAULT_AUGMENT, type AugmentOptions } from './augment';
import type { ClassWeighting, SamplingMode } from './class-weights';

/** Every training setting. */
export interface TrainingSettings {
  /** Seed of the model's initialisers, the batches, the augmentation and dropout. */
  seed: number;
  epochs: number;
  batchSize: number;
  /** Optimizer steps per epoch; null: ⌈training beats / batch size⌉ (one pass's worth). */
  stepsPerEpoch: number | null;
  /** 'focal' (with `gamma`) or plain cross-entropy ('ce' = focal with γ = 0). */
  loss: 'focal' | 'ce';
  gamma: number;
  classWeighting: ClassWeighting;
  classWeightCap: number;
  sampling: SamplingMode;
  /** null: no augmentation. */
  augmentation: AugmentOptions | null;
  /** Adam's peak learning rate. */
  learningRate: number;
  schedule: 'cosine' | 'step' | 'constant';
  /** Linear warm-up length in epochs (may be fractional). */
  warmupEpochs: number;
  /** Floor of the cosine schedule. */
  minLearningRate: number;
  /** Step schedule: × stepFactor every stepEpochs epochs. */
  stepEpochs: number;
  stepFactor: number;
  /** Global gradient-norm cap; null: no clipping. */
  clipNorm: number | null;
  /** Epochs without a validation macro-F1 gain before stopping; null: never stop early. */
  patience: number | null;
  minDelta: number;
  /** Beats per forward pass when validating. */
  validationBatchSize: number;
}

/** The defaults (see the file header). */
export const DEFAULT_TRAINING: Readonly<TrainingSettings> = Object.freeze({
  seed: 42,
  epochs: 30,
  batchSize: 128,
  stepsPerEpoch: null,
  loss: 'focal',
  gamma: 2,
  classWeighting: 'none',
  classWeightCap: 50,
  sampling: 'balanced',
  augmentation: DEFAULT_AUGMENT,
  learningRate: 1e-3,
  schedule: 'cosine',
  warmupEpochs: 1,
  minLearningRate: 1e-5,
  stepEpochs: 10,
  stepFactor: 0.5,
  clipNorm: 1,
  patience: 6,
  minDelta: 1e-3,
  validationBatchSize: 512,
});

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * The defaults with `overrides` applied, checked.
 * @throws RangeError naming the first bad setting and its value.
 */
export function trainingSettings(overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  const s: TrainingSettings = { ...DEFAULT_TRAINING, ...overrides };
  const bad = (name: string, want: string): never => {
    throw new RangeError(`training setting ${name} must be ${want}, got ${JSON.stringify((s as unknown as Record<string, unknown>)[name])}`);
  };
  if (!Number.isInteger(s.seed)) bad('seed', 'an integer');
  if (!positiveInt(s.epochs)) bad('epochs', 'a positive integer');
  if (!positiveInt(s.batchSize)) bad('batchSize', 'a positive integer');
  if (s.stepsPerEpoch !== null && !positiveInt(s.stepsPerEpoch)) bad('stepsPerEpoch', 'a positive integer or null');
  if (!['focal', 'ce'].includes(s.loss)) bad('loss', "'focal' or 'ce'");
  if (!(s.gamma >= 0 && Number.isFinite(s.gamma))) bad('gamma', 'a finite number ≥ 0');
  if (!['none', 'inverse', 'sqrt-inverse'].includes(s.classWeighting)) bad('classWeighting', "'none', 'inverse' or 'sqrt-inverse'");
  if (!(s.classWeightCap > 0)) bad('classWeightCap', 'positive');
  if (!['balanced', 'sqrt', 'none'].includes(s.sampling)) bad('sampling', "'balanced', 'sqrt' or 'none'");
  if (s.augmentation !== null) checkAugmentOptions(s.augmentation);
  if (!(s.learningRate > 0)) bad('learningRate', 'positive');
  if (!['cosine', 'step', 'constant'].includes(s.schedule)) bad('schedule', "'cosine', 'step' or 'constant'");
  if (!(s.warmupEpochs >= 0)) bad('warmupEpochs', '≥ 0');
  if (!(s.minLearningRate >= 0 && s.minLearningRate <= s.learningRate)) bad('minLearningRate', 'in [0, learningRate]');
  if (!positiveInt(s.stepEpochs)) bad('stepEpochs', 'a positive integer');
  if (!(s.stepFactor > 0 && s.stepFactor <= 1)) bad('stepFactor', 'in (0, 1]');
  if (s.clipNorm !== null && !(s.clipNorm > 0)) bad('clipNorm', 'positive or null');
  if (s.patience !== null && !positiveInt(s.patience)) bad('patience', 'a positive integer or null');
  if (!(s.minDelta >= 0)) bad('minDelta', '≥ 0');
  if (!positiveInt(s.validationBatchSize)) bad('validationBatchSize', 'a positive integer');
  return s;
}
