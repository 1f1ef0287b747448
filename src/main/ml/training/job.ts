/**
 * A training job as plain data (so that it can cross into a worker): the model config, the
 * settings, which records and how their beats are cut, the output folder and the backend.
 * `runTrainingJob` loads the beats (../../datasets, with its cache), starts the backend
 * (../backend/select), mixes GAN beats into the training beats when the job asks
 * (../gan/mix-job; never into the validation beats) and runs ./trainer. The worker
 * (./worker) runs exactly this.
 */
import { DS2_RECORDS, loadRecords, type LoadOptions } from '../../datasets';
import type { FilterConfig } from '../../datasets/filter-config';
import type { BeatWindowConfig } from '../../signal/beat-windows';
import type { RrFeatureOptions } from '../../signal/rr-features';
import { selectBackend, type BackendPreference } from '../backend/select';
import { addSyntheticBeats, type SyntheticSpec, type SyntheticSummary } from '../gan/mix-job';
import type { ModelConfig } from '../models';
import { collectBeats, type BeatArrays } from './data';
import type { TrainingEvent, TrainingResult } from './progress';
import type { TrainingSettings } from './settings';
import { trainModel } from './trainer';
import { TrainingError } from './training-error';

/** Where the beats come from and how they are cut. */
export interface TrainingDataSpec {
  /** Folder of the MIT-BIH records (`<record>.hea/.dat/.atr`). */
  dataDir: string;
  /** Beat cache folder (../../datasets beat-cache), null for none. */
  cacheDir: string | null;
  trainRecords: string[];
  validationRecords: string[];
  /** How the validation records were chosen (for the card). */
  split: string;
  window: BeatWindowConfig;
  filter: FilterConfig;
  rr: RrFeatureOptions;
  /** Thin every record (training and validation) to this many beats, stratified; null keeps all. */
  maxBeatsPerRecord: number | null;
  /** Synthetic beats from a trained GAN, appended to the training beats only; absent: none. */
  synthetic?: SyntheticSpec;
}

/** Everything a training run needs, as plain data. */
export interface TrainingJob {
  /** Model name for the card. */
  name: string;
  model: ModelConfig;
  settings: TrainingSettings;
  data: TrainingDataSpec;
  /** Output folder: `best/` and `checkpoint/` go in it. */
  outDir: string;
  resume: boolean;
  /** Backend choice; absent: RA_TF_BACKEND, else 'auto' (../backend/select). */
  backend?: BackendPreference;
  /**
   * Beats given directly (tests, or a caller that already holds them); `data` then only
   * describes them for the card and its records are not read.
   */
  beats?: { train: BeatArrays; validation: BeatArrays };
}

/** Checks the job's data against the protocol and the model; TrainingError on a problem. */
export function checkJob(job: TrainingJob): void {
  const { data, model } = job;
  const leaked = data.validationRecords.filter((r) => DS2_RECORDS.includes(r));
  if (leaked.length > 0) throw new TrainingError(`validation records ${leaked.join(', ')} are DS2 (test) records: model selection uses DS1 only`);
  const overlap = data.validationRecords.filter((r) => data.trainRecords.includes(r));
  if (overlap.length > 0) throw new TrainingError(`records ${overlap.join(', ')} are both training and validation records`);
  if (data.trainRecords.length === 0 || data.validationRecords.length === 0) throw new TrainingError('need at least one training and one validation record');
  if (data.window.length !== model.windowLength || data.window.rateHz !== model.windowRateHz) {
    throw new TrainingError(`the beat window is ${data.window.length} samples at ${data.window.rateHz} Hz but the model reads ${model.windowLength} at ${model.windowRateHz} Hz`);
  }
  if ((model.neighbourDifference === true) !== (data.window.difference !== undefined)) {
    throw new TrainingError(model.neighbourDifference === true ? 'the model reads neighbour differences but the beat window does not cut them' : 'the beat window cuts neighbour differences but the model does not read them');
  }
  if (data.synthetic !== undefined && data.window.difference !== undefined) {
    throw new TrainingError('synthetic beats have no neighbours: they cannot be mixed into a run with neighbour differences');
  }
}

/** The job's training and validation beats, read from its records (with the beat cache). */
export async function loadJobBeats(job: TrainingJob): Promise<{ train: BeatArrays; validation: BeatArrays }> {
  const { data } = job;
  const load: LoadOptions = { dataDir: data.dataDir, window: data.window, filter: data.filter, rr: data.rr, ...(data.cacheDir === null ? {} : { cacheDir: data.cacheDir }) };
  const K = job.model.classes.length;
  const subset = { maxBeatsPerRecord: data.maxBeatsPerRecord, seed: job.settings.seed };
  const train = collectBeats(await loadRecords(data.trainRecords, load), K, subset);
  const validation = collectBeats(await loadRecords(data.validationRecords, load), K, subset);
  return { train, validation };
}

/**
 * The beats the job trains and validates on: `job.beats` or its records, then the synthetic
 * beats of `data.synthetic` appended to the training beats (validation beats untouched).
 * Generating them needs a tfjs backend: call after selecting one.
 */
export async function jobBeats(job: TrainingJob): Promise<{ train: BeatArrays; validation: BeatArrays; synthetic: SyntheticSummary | null }> {
  const { train, validation } = job.beats ?? (await loadJobBeats(job));
  const spec = job.data.synthetic;
  if (spec === undefined) return { train, validation, synthetic: null };
  const target = { classes: job.model.classes, window: job.data.window, filter: job.data.filter, validationRecords: job.data.validationRecords };
  const mixed = await addSyntheticBeats(train, spec, target);
  return { train: mixed.train, validation, synthetic: mixed.summary };
}

/**
 * Runs `job` in this thread: backend, data, training. Resolves to the run's result
 * (status 'cancelled' when `signal` aborts).
 * @throws TrainingError, ModelLoadError (a damaged checkpoint), WfdbError (a record that
 *   cannot be read), or the backend selection's error.
 */
export async function runTrainingJob(job: TrainingJob, options: { signal?: AbortSignal; onEvent?: (e: TrainingEvent) => void } = {}): Promise<TrainingResult> {
  checkJob(job);
  // The start event carries the choice and its reason; no separate log line.
  const backend = await selectBackend(job.backend, { log: () => undefined });
  const { data } = job;
  const { train, validation, synthetic } = await jobBeats(job);
  return trainModel({
    model: job.model,
    settings: job.settings,
    train,
    validation,
    outDir: job.outDir,
    resume: job.resume,
    signal: options.signal,
    onEvent: options.onEvent,
    backendReason: backend.reason,
    context: {
      name: job.name,
      version: '1',
      dataset: 'MIT-BIH Arrhythmia Database 1.0.0',
      window: data.window,
      filter: data.filter,
      lead: 'MLII, else the first signal',
      rrOptions: data.rr,
      trainRecords: data.trainRecords,
      validationRecords: data.validationRecords,
      split: data.split,
      maxBeatsPerRecord: data.maxBeatsPerRecord,
      backend: backend.name,
      ...(synthetic === null ? {} : { synthetic }),
    },
  });
}
