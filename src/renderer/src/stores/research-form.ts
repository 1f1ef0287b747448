/**
 * The training form of the research workbench: every field of `research:train`
 * (src/shared/research.ts trainRequest) with the values each preset stands for, the
 * checks the form shows beside its fields, and the request it sends. Not a store: plain
 * functions the research store (./research) uses.
 *
 * The preset values repeat src/main/research/build-job.ts PRESETS over
 * src/main/ml/training/settings.ts DEFAULT_TRAINING, because the renderer cannot import the
 * services; tests/unit/shared/research-presets.spec.ts checks that each preset's form
 * builds the same training job as the preset itself.
 */
import {
  modelNameSchema, trainRequest, type RESEARCH_ARCHITECTURES, type RESEARCH_BACKENDS, type RESEARCH_FILTERS,
  type RESEARCH_WINDOWS, type SplitPlan, type TrainingPreset, type TrainRequest,
} from '../../../shared/research';

/** Every field of a training request but the data (folder, split), as the form edits them. */
export interface TrainForm {
  name: string;
  preset: TrainingPreset;
  architecture: (typeof RESEARCH_ARCHITECTURES)[number];
  window: (typeof RESEARCH_WINDOWS)[number];
  rr: boolean;
  filter: (typeof RESEARCH_FILTERS)[number];
  loss: 'focal' | 'ce';
  gamma: number;
  classWeighting: 'none' | 'inverse' | 'sqrt-inverse';
  sampling: 'balanced' | 'sqrt' | 'none';
  augmentation: boolean;
  epochs: number;
  batchSize: number;
  /** null: one pass over the training beats per epoch. */
  stepsPerEpoch: number | null;
  learningRate: number;
  /** null: never stop early. */
  patience: number | null;
  seed: number;
  /** null: every beat of every record. */
  maxBeatsPerRecord: number | null;
  backend: (typeof RESEARCH_BACKENDS)[number];
}

/** The fields a preset sets (name and backend are the user's). */
type PresetFields = Omit<TrainForm, 'name' | 'preset' | 'backend' | 'maxBeatsPerRecord'>;

/** The trainer's defaults (seed 000/001's recipe: DEFAULT_TRAINING). */
const RECIPE: Omit<PresetFields, 'architecture' | 'window' | 'rr' | 'filter'> = {
  loss: 'focal', gamma: 2, classWeighting: 'none', sampling: 'balanced', augmentation: true,
  epochs: 30, batchSize: 128, stepsPerEpoch: null, learningRate: 1e-3, patience: 6, seed: 42,
};

/** What each preset sets (see build-job.ts PRESETS). */
export const PRESET_FIELDS: Readonly<Record<TrainingPreset, Readonly<PresetFields>>> = {
  'default-model': {
    ...RECIPE, architecture: 'rhythm-attention', window: 'model', rr: true, filter: 'dechazal',
    classWeighting: 'inverse', sampling: 'sqrt', epochs: 10, stepsPerEpoch: 150, patience: 4,
  },
  'seed-000-001': { ...RECIPE, architecture: 'rhythm-attention', window: 'kaggle-187', rr: false, filter: 'none' },
  'seed-002': { ...RECIPE, architecture: 'cnn-bigru-attention', window: 'seed-002', rr: false, filter: 'none', loss: 'ce', classWeighting: 'inverse', sampling: 'none' },
};

/** What the preset buttons say. */
export const PRESET_LABELS: Readonly<Record<TrainingPreset, string>> = {
  'default-model': 'Default model',
  'seed-000-001': 'Seed 000/001 protocol',
  'seed-002': 'Seed 002 protocol',
};

/** A form set to `preset`, keeping the name, backend and beat cap of `keep` when given. */
export function presetForm(preset: TrainingPreset, keep?: Pick<TrainForm, 'name' | 'backend' | 'maxBeatsPerRecord'>): TrainForm {
  return { name: keep?.name ?? 'my-model', preset, backend: keep?.backend ?? 'auto', maxBeatsPerRecord: keep?.maxBeatsPerRecord ?? null, ...PRESET_FIELDS[preset] };
}

/** A field's problem, in words the form shows beside it. */
export type FormErrors = Partial<Record<keyof TrainForm, string>>;

/** Checks of the numeric fields: [field, lowest, highest, integer, nullable]. */
const NUMBER_CHECKS: readonly [keyof TrainForm, number, number, boolean, boolean][] = [
  ['gamma', 0, 10, false, false],
  ['epochs', 1, 1000, true, false],
  ['batchSize', 1, 8192, true, false],
  ['stepsPerEpoch', 1, 1_000_000, true, true],
  ['learningRate', 1e-8, 1, false, false],
  ['patience', 1, 1000, true, true],
  ['seed', 0, 2 ** 31 - 1, true, false],
  ['maxBeatsPerRecord', 1, 10_000_000, true, true],
];

/** The problem of one number, or null. */
function numberProblem(value: unknown, lo: number, hi: number, integer: boolean, nullable: boolean): string | null {
  if (value === null || value === '') return nullable ? null : 'required';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < lo || value > hi) return `must be between ${lo} and ${hi}`;
  return null;
}

/** The form's problems by field (empty when it can be sent). */
export function validateForm(form: TrainForm): FormErrors {
  const errors: FormErrors = {};
  const name = modelNameSchema.safeParse(form.name);
  if (!name.success) errors.name = form.name.trim() === '' ? 'a name is required' : 'at most 80 characters, no slashes or control characters';
  for (const [field, lo, hi, integer, nullable] of NUMBER_CHECKS) {
    const problem = numberProblem(form[field], lo, hi, integer, nullable);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** Why the plan cannot be trained on, or null. */
export function planProblem(plan: SplitPlan | null): string | null {
  if (!plan) return 'scan a folder and choose a split first';
  if (plan.train.length === 0) return 'the split has no training records';
  if (plan.validation.length === 0) return 'the split has no validation records (early stopping and the curves need them)';
  return null;
}

/** The `research:train` request for `form` on `plan` of `folder` (every field explicit). */
export function toTrainRequest(form: TrainForm, folder: string, plan: SplitPlan): TrainRequest {
  const { name, ...fields } = form;
  return {
    ...fields,
    name: name.trim(),
    folder,
    split: { train: [...plan.train], validation: [...plan.validation], test: [...plan.test], description: plan.description },
  };
}

/** Whether the request passes the contract's schema (the last check before sending). */
export function requestProblem(request: TrainRequest): string | null {
  const parsed = trainRequest.safeParse(request);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid request';
}
