/**
 * The model card saved beside every model (`model-card.json`): what the network is, what
 * input it expects (window, filter, RR features and their normalisation), what it was
 * trained on and how, how it scored, and how its probabilities are calibrated. The loader
 * (./model-store) reads it first and refuses a model whose card does not fit the caller or
 * the weights.
 *
 * Written as JSON with two-space indentation; `format` and `formatVersion` identify the file.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { FilterConfig } from '../datasets/filter-config';
import type { BeatWindowConfig } from '../signal/beat-windows';
import type { IrregularRhythmOptions } from '../signal/irregular-rhythm';
import type { RrFeatureOptions } from '../signal/rr-features';
import type { ClassificationMetrics } from './evaluation/confusion';
import type { ModelConfig } from './models/config';
import type { RrNormalisation } from './training/rr-normalisation';

/** Value of the card's `format` field. */
export const MODEL_CARD_FORMAT = 'rhythm-attention-model';
/** Version of the card layout this code writes and reads. */
export const MODEL_CARD_VERSION = 1;
/** File names inside a model folder. */
export const MODEL_FILES = Object.freeze({ card: 'model-card.json', topology: 'model.json', weights: 'weights.bin' });

/** A saved model could not be loaded, or does not fit what the caller needs. */
export class ModelLoadError extends AppError {
  constructor(path: string, problem: string, detail: Record<string, string | number | boolean | null> = {}) {
    super('ml/model-load', `${path}: ${problem}`, { file: path, ...detail });
  }
}

/** Figures of one evaluation, as stored in the card. */
export interface CardMetrics {
  /** Records the beats came from. */
  records: string[];
  /** Reference annotations or detector beats (misses and extras counted as errors). */
  source: 'reference' | 'detector';
  /**
   * The classification figures; `ece` (top-label expected calibration error, 15 bins, of
   * the probabilities served: calibrated when the card has a calibration) and
   * `eceUncalibrated` (at T = 1) where the evaluation measured them (../calibration).
   */
  metrics: ClassificationMetrics & { ece?: number; eceUncalibrated?: number };
  /** (K+1) × (K+1) counts, see ./evaluation/confusion. */
  confusion: number[][];
  /** ISO 8601 time of the evaluation. */
  date: string;
}

/**
 * Temperature scaling of the model's probabilities (../calibration; Guo et al. 2017): the
 * served probabilities are softmax(log p / temperature). Fitted by NLL on `fittedOn`.
 */
export interface CardCalibration {
  method: 'temperature';
  /** T, finite and > 0; < 1 sharpens an under-confident model. */
  temperature: number;
  /** Records whose reference beats the temperature was fitted on (DS1 validation). */
  fittedOn: string[];
  /** Labelled beats of those records. */
  beats: number;
  /** Top-label ECE (15 bins) on the fitting beats at T = 1 and at the fitted T. */
  validationEce: { before: number; after: number };
  /** ISO 8601 time of the fit. */
  date: string;
  /**
   * Class-prior correction b (one per class, the first 0), added after the temperature:
   * served softmax(log p / T + b), decided by arg-max (log p / T + b) (../calibration
   * prior-shift). Absent: no shift, the arg-max of the network's outputs decides.
   */
  logPriorShift?: number[];
  /** How `logPriorShift` was fitted (present with it). */
  priorShiftFit?: CardPriorShiftFit;
}

/** Out-of-fold fit of a card's log-prior shift (../calibration fit-priors). */
export interface CardPriorShiftFit {
  /** e.g. 'out-of-fold macro F1 (N S V F), coordinate search'. */
  method: string;
  /** Held-out records of each fold (by patient); each fold's model trained on the others. */
  folds: string[][];
  /** Labelled out-of-fold beats the shift was fitted on. */
  beats: number;
  /** Out-of-fold macro F1 without and with the shift (after the temperature). */
  macroF1: { before: number; after: number };
  /** ISO 8601 time of the fit. */
  date: string;
}

/**
 * The rule for beats in an irregular rhythm (./irregular-rhythm-rule): where the RR
 * intervals show atrial fibrillation or flutter (../signal/irregular-rhythm), the classes
 * `notCalled` are not called and their probability goes to the first class.
 */
export interface CardIrregularRhythm extends IrregularRhythmOptions {
  /** Classes not called inside the rhythm, never the first class (which receives their probability). */
  notCalled: string[];
  /** How the rule was chosen (e.g. the out-of-fold figures it was picked by). */
  chosenBy?: string;
}

/** What the model reads and how it was prepared. */
export interface CardInput {
  /** Beat windows (placement, rate, length, normalisation, padding). */
  window: BeatWindowConfig;
  /** Filtering of the lead before windows are cut. */
  filter: FilterConfig;
  /** Which lead: the rule the loader applies. */
  lead: string;
  /** RR features of the 'rr' input; null when the model has none. */
  rr: { options: RrFeatureOptions; normalisation: RrNormalisation } | null;
}

/**
 * The network a card describes: a trainable architecture's configuration, or a Top2-weighted
 * ensemble (../ensemble, architecture 'top2-ensemble') built from such models.
 */
export type CardModel = ModelConfig | (Omit<ModelConfig, 'architecture'> & { architecture: 'top2-ensemble' });

/** The card. */
export interface ModelCard {
  format: typeof MODEL_CARD_FORMAT;
  formatVersion: number;
  name: string;
  version: string;
  model: CardModel;
  input: CardInput;
  training: {
    dataset: string;
    trainRecords: string[];
    validationRecords: string[];
    /** How the validation records were chosen. */
    split: string;
    /** Beats per class used: train and validation. */
    beats: { train: number[]; validation: number[] };
    maxBeatsPerRecord: number | null;
    epochs: number;
    bestEpoch: number;
    /** Training settings (loss, sampling, augmentation, optimiser, schedule, …). */
    hyperParameters: Record<string, unknown>;
  };
  metrics: { validation: CardMetrics | null; test: CardMetrics | null };
  /** Calibration of the probabilities; absent: the network's softmax is served as is. */
  calibration?: CardCalibration;
  /** The rule for beats in an irregular rhythm, applied after the calibration; absent: none. */
  irregularRhythm?: CardIrregularRhythm;
  backend: string;
  parameters: number;
  /** ISO 8601 time the model was saved. */
  date: string;
  seed: number;
}

const numbers = z.array(z.number());
const finite = z.number().refine(Number.isFinite, 'must be finite');

const windowSchema = z.object({
  rateHz: finite.positive(),
  length: z.number().int().positive(),
  placement: z.union([
    z.object({ kind: z.literal('centred'), beforeSamples: z.number().int() }),
    z.object({ kind: z.literal('rr-scaled'), rrFactor: finite.positive(), blockSec: finite.positive() }),
  ]),
  normalisation: z.enum(['zscore', 'minmax01', 'none']),
  minmaxScope: z.enum(['beat', 'block']).optional(),
  padding: z.enum(['edge', 'zero']),
  difference: z.object({ neighbours: z.number().int().min(1).max(64) }).optional(),
});

const filterSchema = z.object({
  baseline: z.enum(['median', 'none']),
  lowpassHz: finite.positive().nullable(),
  lowpassOrder: z.number().int().positive().optional(),
  notchHz: finite.positive().nullable(),
});

const metricsSchema = z.object({
  records: z.array(z.string()),
  source: z.enum(['reference', 'detector']),
  metrics: z.object({ macroF1: z.number().nullable(), accuracy: z.number().nullable(), total: z.number() }).passthrough(),
  confusion: z.array(numbers),
  date: z.string(),
});

const calibrationSchema = z.object({
  method: z.literal('temperature'),
  temperature: finite.positive(),
  fittedOn: z.array(z.string()),
  beats: z.number().int().nonnegative(),
  validationEce: z.object({ before: finite.nonnegative(), after: finite.nonnegative() }),
  date: z.string(),
  logPriorShift: z.array(finite).optional(),
  priorShiftFit: z
    .object({
      method: z.string(),
      folds: z.array(z.array(z.string())),
      beats: z.number().int().nonnegative(),
      macroF1: z.object({ before: finite, after: finite }),
      date: z.string(),
    })
    .optional(),
});

const cardSchema = z.object({
  format: z.literal(MODEL_CARD_FORMAT),
  formatVersion: z.literal(MODEL_CARD_VERSION),
  name: z.string().min(1),
  version: z.string(),
  model: z.object({
    architecture: z.string(),
    windowLength: z.number().int().positive(),
    windowRateHz: finite.positive(),
    rrFeatures: z.array(z.string()),
    neighbourDifference: z.boolean().optional(),
    classes: z.array(z.string()).min(2),
    hyper: z.record(z.string(), z.number()),
  }),
  input: z.object({
    window: windowSchema,
    filter: filterSchema,
    lead: z.string(),
    rr: z
      .object({
        options: z.object({ localBeats: z.number().optional(), recordWindowSec: z.number().nullable().optional(), fallbackRrSec: z.number().optional() }),
        normalisation: z.object({ features: z.array(z.string()), mean: z.array(finite), std: z.array(finite.positive()) }),
      })
      .nullable(),
  }),
  training: z.object({
    dataset: z.string(),
    trainRecords: z.array(z.string()),
    validationRecords: z.array(z.string()),
    split: z.string(),
    beats: z.object({ train: numbers, validation: numbers }),
    maxBeatsPerRecord: z.number().nullable(),
    epochs: z.number().int(),
    bestEpoch: z.number().int(),
    hyperParameters: z.record(z.string(), z.unknown()),
  }),
  metrics: z.object({ validation: metricsSchema.nullable(), test: metricsSchema.nullable() }),
  calibration: calibrationSchema.optional(),
  irregularRhythm: z
    .object({
      threshold: finite.positive(),
      smoothingBeats: z.number().int().nonnegative().max(1000),
      notCalled: z.array(z.string()).min(1),
      chosenBy: z.string().optional(),
    })
    .optional(),
  backend: z.string(),
  parameters: z.number().int(),
  date: z.string(),
  seed: z.number(),
});

/** The first issue of a failed parse, as "field.path: message". */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/**
 * Parses and checks card JSON text read from `path` (named in errors): the layout, and the
 * consistency of its parts (window length and rate equal the model's, the RR normalisation
 * covers exactly the model's RR features).
 * @throws ModelLoadError naming the first problem.
 */
export function parseModelCard(text: string, path: string): ModelCard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelLoadError(path, `not JSON (${(error as Error).message})`);
  }
  const parsed = cardSchema.safeParse(json);
  if (!parsed.success) throw new ModelLoadError(path, `not a valid model card: ${firstIssue(parsed.error)}`);
  const card = parsed.data as unknown as ModelCard;
  checkCardConsistency(card, path);
  return card;
}

/** Cross-field checks of a card; ModelLoadError on the first inconsistency. */
export function checkCardConsistency(card: ModelCard, path: string): void {
  const { model, input } = card;
  if (input.window.length !== model.windowLength || input.window.rateHz !== model.windowRateHz) {
    throw new ModelLoadError(path, `input window ${input.window.length} samples at ${input.window.rateHz} Hz does not match the model's ${model.windowLength} at ${model.windowRateHz} Hz`);
  }
  if ((model.neighbourDifference === true) !== (input.window.difference !== undefined)) {
    throw new ModelLoadError(path, model.neighbourDifference === true ? 'the model reads neighbour differences but its input window does not say how many neighbours' : 'the input window cuts neighbour differences but the model does not read them');
  }
  const rrNames = input.rr?.normalisation.features ?? [];
  if (rrNames.join() !== model.rrFeatures.join()) {
    throw new ModelLoadError(path, `RR normalisation covers [${rrNames.join(', ')}] but the model reads [${model.rrFeatures.join(', ')}]`);
  }
  const norm = input.rr?.normalisation;
  if (norm && (norm.mean.length !== norm.features.length || norm.std.length !== norm.features.length)) {
    throw new ModelLoadError(path, `RR normalisation has ${norm.mean.length} means and ${norm.std.length} deviations for ${norm.features.length} features`);
  }
  const shift = card.calibration?.logPriorShift;
  if (shift !== undefined && shift.length !== model.classes.length) {
    throw new ModelLoadError(path, `calibration.logPriorShift has ${shift.length} values for the model's ${model.classes.length} classes`);
  }
  const notCalled = card.irregularRhythm?.notCalled ?? [];
  const stray = notCalled.find((name, i) => model.classes.indexOf(name) < 1 || notCalled.indexOf(name) !== i);
  if (stray !== undefined) {
    throw new ModelLoadError(path, `irregularRhythm.notCalled names "${stray}", which is not one of the model's classes after the first (${model.classes.slice(1).join(', ')}), or names it twice`);
  }
}
