/**
 * The research workbench's contract types and argument schemas (issue 8): scanning a folder
 * of annotated WFDB records, splitting it by patient, the model manager and training jobs.
 * Plain data only; the services live in src/main/research and src/main/services/research.ts.
 */
import { z } from 'zod';

/** AAMI EC57 classes in class-index order (as src/main/datasets/aami.ts). */
export const RESEARCH_CLASSES = ['N', 'S', 'V', 'F', 'Q'] as const;
/** Beats per AAMI class. */
export type ClassCounts = Record<(typeof RESEARCH_CLASSES)[number], number>;

/** One record of a scanned folder: it has reference annotations. */
export interface ScannedRecord {
  name: string;
  /** Beats per AAMI class in the reference annotations (non-beat annotations dropped). */
  counts: ClassCounts;
  total: number;
  /** Patient key: the record name, or the shared key of a known same-patient group. */
  patient: string;
}

/** `research:scanFolder`'s answer. */
export interface FolderScan {
  folder: string;
  annotator: string;
  /** Records with a header and reference annotations, in name order. */
  records: ScannedRecord[];
  /** Headers without an annotation file (not usable for training). */
  withoutAnnotations: string[];
  /** Every record name is an MIT-BIH Arrhythmia Database record: the DS1/DS2 preset applies. */
  mitbih: boolean;
}

/** `research:split`'s answer. */
export interface SplitPlan {
  kind: 'ds1ds2' | 'custom' | 'kfold';
  train: string[];
  validation: string[];
  test: string[];
  /** Beats per class of each set. */
  counts: { train: ClassCounts; validation: ClassCounts; test: ClassCounts };
  /** Patients in two sets, records of a preset missing from the folder, … */
  warnings: string[];
  /** How the split was made, for the model card. */
  description: string;
}

/** Test (else validation) figures of a model card, for the manager's list. */
export interface ModelFigures {
  records: string[];
  macroF1: number | null;
  accuracy: number | null;
  /** Se / +P / F1 per class where the card has them. */
  perClass: { name: string; se: number | null; ppv: number | null; f1: number | null }[];
}

/** One model of the manager. */
export interface ModelSummary {
  /** Folder name under the models folder (the bundled default: its own folder name). */
  id: string;
  name: string;
  version: string;
  architecture: string;
  parameters: number;
  sizeBytes: number;
  /** ISO 8601 save time from the card. */
  date: string;
  test: ModelFigures | null;
  validation: ModelFigures | null;
  active: boolean;
  /** The model shipped with the app: cannot be deleted. */
  bundled: boolean;
  dir: string;
}

/** Training presets: the recipes of the seeds and of the bundled model. */
export const TRAINING_PRESETS = ['seed-000-001', 'seed-002', 'default-model'] as const;
export type TrainingPreset = (typeof TRAINING_PRESETS)[number];
export const RESEARCH_ARCHITECTURES = ['rhythm-attention', 'cnn-bigru-attention', 'cnn-lstm-attention'] as const;
export const RESEARCH_WINDOWS = ['model', 'seed-002', 'kaggle-187'] as const;
export const RESEARCH_FILTERS = ['dechazal', 'none'] as const;
export const RESEARCH_BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** Where a job is. */
export type JobStatus = 'running' | 'completed' | 'early-stopped' | 'cancelled' | 'failed';

/** One validated epoch of a job's history (curves). */
export interface JobEpoch {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number;
  validationAccuracy: number | null;
  validationMacroF1: number | null;
  /** Validation F1 per class, in the job's class order. */
  validationF1: (number | null)[];
  learningRate: number;
  seconds: number;
}

/** `research:job`'s answer. */
export interface JobState {
  id: string;
  name: string;
  status: JobStatus;
  startedAt: string;
  endedAt: string | null;
  epochs: number;
  classes: string[];
  /** Backend in use and why (null until the worker has started). */
  backend: string | null;
  backendReason: string | null;
  trainBeats: number;
  validationBeats: number;
  history: JobEpoch[];
  /** The batch last reported. */
  batch: { epoch: number; batch: number; batches: number; loss: number; accuracy: number } | null;
  beatsPerSec: number | null;
  etaSec: number | null;
  /** 0..1 over all epochs. */
  fraction: number;
  /** The saved model's id in the manager, once the job finished with a model. */
  modelId: string | null;
  error: { code: string; message: string } | null;
  split: { train: string[]; validation: string[]; test: string[] };
  /**
   * After training: the new model and the model that was active when the job started,
   * both evaluated on the job's test records (validation records when the split has no
   * test set). Null until evaluated; `phase` says when it is being computed.
   */
  evaluation: JobEvaluation | null;
  /** What the job is doing now: 'training', then 'evaluating' (status stays 'running'). */
  phase: 'training' | 'evaluating' | 'ended';
  /** The job was stopped (cancelled or failed) with a checkpoint it can resume from. */
  resumable: boolean;
}

/** Se / +P / F1 and support of one class on an evaluation's beats. */
export interface ClassFigures {
  name: string;
  /** Reference beats of the class. */
  support: number;
  se: number | null;
  ppv: number | null;
  f1: number | null;
}

/** One model evaluated on a set of annotated records (AAMI EC57 beat-by-beat). */
export interface EvaluationReport {
  modelId: string;
  modelName: string;
  records: string[];
  beats: number;
  classes: string[];
  /** confusion[reference][predicted], in `classes` order. */
  confusion: number[][];
  perClass: ClassFigures[];
  accuracy: number;
  macroF1: number;
}

/** A job's result and its comparison with the previously active model on the same beats. */
export interface JobEvaluation {
  /** 'test' or 'validation': which of the split's sets was evaluated. */
  set: 'test' | 'validation';
  model: EvaluationReport;
  /** The model active when the job started (null when it could not be evaluated: see `note`). */
  active: EvaluationReport | null;
  note: string | null;
}

const MAX_PATH = 4096;
/** A file system path as the services accept it. */
export const pathSchema = z.string().min(1).max(MAX_PATH);
/** A WFDB record name: letters, digits, _ - . only, no folders. */
export const recordNameSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, 'a record name');
const records = z.array(recordNameSchema).max(10_000);
/** An annotator (file extension). */
export const annotatorSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
/** A model id: a folder name. */
export const modelIdSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/, 'a model id');
/** A job id. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a job id');
/** A model name as the user types it: printable, one line. */
export const modelNameSchema = z.string().trim().min(1).max(80).regex(/^[^\p{Cc}/\\]+$/u, 'a name without control characters or slashes');

export const scanFolderRequest = z.object({ path: pathSchema, annotator: annotatorSchema.optional() });

export const splitRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ds1ds2'), folder: pathSchema, annotator: annotatorSchema.optional() }),
  z.object({ kind: z.literal('custom'), folder: pathSchema, annotator: annotatorSchema.optional(), train: records, validation: records, test: records }),
  z.object({
    kind: z.literal('kfold'),
    folder: pathSchema,
    annotator: annotatorSchema.optional(),
    k: z.number().int().min(3).max(20),
    fold: z.number().int().min(0).max(19),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  }),
]);
export type SplitRequest = z.input<typeof splitRequest>;

export const trainRequest = z.object({
  name: modelNameSchema,
  folder: pathSchema,
  annotator: annotatorSchema.optional(),
  split: z.object({ train: records.min(1), validation: records.min(1), test: records, description: z.string().max(500).optional() }),
  preset: z.enum(TRAINING_PRESETS).optional(),
  architecture: z.enum(RESEARCH_ARCHITECTURES).optional(),
  window: z.enum(RESEARCH_WINDOWS).optional(),
  rr: z.boolean().optional(),
  filter: z.enum(RESEARCH_FILTERS).optional(),
  loss: z.enum(['focal', 'ce']).optional(),
  gamma: z.number().finite().min(0).max(10).optional(),
  classWeighting: z.enum(['none', 'inverse', 'sqrt-inverse']).optional(),
  sampling: z.enum(['balanced', 'sqrt', 'none']).optional(),
  augmentation: z.boolean().optional(),
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(8192).optional(),
  stepsPerEpoch: z.number().int().min(1).max(1_000_000).nullable().optional(),
  learningRate: z.number().finite().min(1e-8).max(1).optional(),
  patience: z.number().int().min(1).max(1000).nullable().optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  maxBeatsPerRecord: z.number().int().min(1).max(10_000_000).nullable().optional(),
  backend: z.enum(RESEARCH_BACKENDS).optional(),
});
export type TrainRequest = z.input<typeof trainRequest>;

export const jobRequest = z.object({ id: jobIdSchema });
/** Evaluates a model of the manager on annotated records of a folder (a long task: progress as 'task:progress'). */
export const evaluateRequest = z.object({
  modelId: modelIdSchema,
  folder: pathSchema,
  annotator: annotatorSchema.optional(),
  records: records.min(1),
});
