/**
 * The model card of a model being trained (see ../model-card): what goes in it from the run's
 * context, settings, data and validation figures.
 */
import type { FilterConfig } from '../../datasets/filter-config';
import type { BeatWindowConfig } from '../../signal/beat-windows';
import type { RrFeatureOptions } from '../../signal/rr-features';
import type { SyntheticSummary } from '../gan/mix-job';
import type { CardMetrics, ModelCard } from '../model-card';
import { MODEL_CARD_FORMAT, MODEL_CARD_VERSION } from '../model-card';
import type { ModelConfig } from '../models';
import type { RrNormalisation } from './rr-normalisation';
import type { TrainingSettings } from './settings';

/** What the run knows about its data and surroundings, for the card. */
export interface CardContext {
  name: string;
  version: string;
  dataset: string;
  window: BeatWindowConfig;
  filter: FilterConfig;
  lead: string;
  rrOptions: RrFeatureOptions;
  trainRecords: string[];
  validationRecords: string[];
  split: string;
  maxBeatsPerRecord: number | null;
  backend: string;
  /** GAN beats mixed into the training beats (stored in the card's hyperParameters.synthetic); absent: none. */
  synthetic?: SyntheticSummary;
}

/** The card of the model after `epochs` epochs, best at `bestEpoch`. */
export function trainingCard(options: {
  context: CardContext;
  model: ModelConfig;
  settings: TrainingSettings;
  rrNormalisation: RrNormalisation | null;
  beats: { train: number[]; validation: number[] };
  epochs: number;
  bestEpoch: number;
  validation: CardMetrics | null;
  parameters: number;
}): ModelCard {
  const { context: c, model, settings } = options;
  return {
    format: MODEL_CARD_FORMAT,
    formatVersion: MODEL_CARD_VERSION,
    name: c.name,
    version: c.version,
    model: { ...model, rrFeatures: [...model.rrFeatures], classes: [...model.classes], hyper: { ...model.hyper } },
    input: {
      window: c.window,
      filter: c.filter,
      lead: c.lead,
      rr: options.rrNormalisation === null ? null : { options: c.rrOptions, normalisation: options.rrNormalisation },
    },
    training: {
      dataset: c.dataset,
      trainRecords: c.trainRecords,
      validationRecords: c.validationRecords,
      split: c.split,
      beats: options.beats,
      maxBeatsPerRecord: c.maxBeatsPerRecord,
      epochs: options.epochs,
      bestEpoch: options.bestEpoch,
      hyperParameters: { ...settings, ...(c.synthetic === undefined ? {} : { synthetic: c.synthetic }) },
    },
    metrics: { validation: options.validation, test: null },
    backend: c.backend,
    parameters: options.parameters,
    date: new Date().toISOString(),
    seed: settings.seed,
  };
}
