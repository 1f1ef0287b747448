/**
 * A TrainingJob (src/main/ml/training/job) from a `research:train` request: the preset's
 * model, input and recipe, then the request's own choices on top.
 * - 'default-model': the bundled model's recipe (models/rhythm-attention-default's card):
 *   RhythmAttention, its own 180-sample window, RR features, de Chazal filtering, focal loss
 *   γ 2 with inverse class weights, sqrt sampling, 10 epochs × 150 steps, patience 4.
 * - 'seed-000-001': RhythmAttention on the Kaggle 187-sample layout, no RR input, no filter,
 *   the seeds' recipe (DEFAULT_TRAINING: focal γ 2, balanced batches, augmentation).
 * - 'seed-002': CNN-BiGRU-Attention on seed 002's 360-sample window, no RR input, no filter,
 *   cross-entropy with inverse class weights and no resampling (models/README.md, run G).
 */
import { resolve } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_AUGMENT } from '../ml/training/augment';
import type { TrainingJob } from '../ml/training/job';
import { filterPreset, modelAndWindow, type FilterPreset, type WindowPreset } from '../ml/training/presets';
import { trainingSettings, type TrainingSettings } from '../ml/training/settings';
import type { Architecture } from '../ml/models';
import type { BackendPreference } from '../ml/backend/select';
import type { TrainingPreset, trainRequest } from '../../shared/research';
import { ResearchError } from './research-error';

/** The request after the contract's schema. */
export type TrainArgs = z.output<typeof trainRequest>;

interface Preset {
  architecture: Architecture;
  window: WindowPreset;
  rr: boolean;
  filter: FilterPreset;
  settings: Partial<TrainingSettings>;
}

/** The presets (see the file header). */
export const PRESETS: Readonly<Record<TrainingPreset, Preset>> = Object.freeze({
  'default-model': {
    architecture: 'rhythm-attention', window: 'model', rr: true, filter: 'dechazal',
    settings: { loss: 'focal', gamma: 2, classWeighting: 'inverse', sampling: 'sqrt', epochs: 10, stepsPerEpoch: 150, patience: 4 },
  },
  'seed-000-001': { architecture: 'rhythm-attention', window: 'kaggle-187', rr: false, filter: 'none', settings: {} },
  'seed-002': {
    architecture: 'cnn-bigru-attention', window: 'seed-002', rr: false, filter: 'none',
    settings: { loss: 'ce', classWeighting: 'inverse', sampling: 'none' },
  },
});

/** The request's explicit training settings (absent fields left to the preset). */
function overrides(r: TrainArgs): Partial<TrainingSettings> {
  const o: Partial<TrainingSettings> = {};
  if (r.loss !== undefined) o.loss = r.loss;
  if (r.gamma !== undefined) o.gamma = r.gamma;
  if (r.classWeighting !== undefined) o.classWeighting = r.classWeighting;
  if (r.sampling !== undefined) o.sampling = r.sampling;
  if (r.augmentation !== undefined) o.augmentation = r.augmentation ? DEFAULT_AUGMENT : null;
  if (r.epochs !== undefined) o.epochs = r.epochs;
  if (r.batchSize !== undefined) o.batchSize = r.batchSize;
  if (r.stepsPerEpoch !== undefined) o.stepsPerEpoch = r.stepsPerEpoch;
  if (r.learningRate !== undefined) {
    o.learningRate = r.learningRate;
    o.minLearningRate = Math.min(1e-5, r.learningRate);
  }
  if (r.patience !== undefined) o.patience = r.patience;
  if (r.seed !== undefined) o.seed = r.seed;
  return o;
}

/**
 * The job for `request`, writing to `outDir`, caching beats in `cacheDir` (null: none).
 * @throws ResearchError for settings the trainer would refuse (named with their value)
 */
export function buildTrainingJob(request: TrainArgs, outDir: string, cacheDir: string | null): TrainingJob {
  const preset = PRESETS[request.preset ?? 'default-model'];
  const architecture = request.architecture ?? preset.architecture;
  let settings: TrainingSettings;
  let built: ReturnType<typeof modelAndWindow>;
  try {
    settings = trainingSettings({ ...preset.settings, ...overrides(request) });
    built = modelAndWindow(architecture, request.window ?? preset.window, request.rr ?? preset.rr);
  } catch (error) {
    throw new ResearchError(`cannot train with these settings: ${(error as Error).message}`);
  }
  return {
    name: request.name,
    model: built.model,
    settings,
    data: {
      dataDir: resolve(request.folder),
      cacheDir,
      trainRecords: [...request.split.train],
      validationRecords: [...request.split.validation],
      split: request.split.description ?? `records chosen in the research workbench; test ${request.split.test.join(',') || 'none'}`,
      window: built.window,
      filter: filterPreset(request.filter ?? preset.filter),
      rr: {},
      maxBeatsPerRecord: request.maxBeatsPerRecord ?? null,
    },
    outDir,
    resume: false,
    ...(request.backend === undefined ? {} : { backend: request.backend satisfies BackendPreference }),
  };
}
