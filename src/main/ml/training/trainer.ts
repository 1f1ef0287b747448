/**
 * The training loop: epochs of balanced, augmented batches (./sampler, ./augment) through
 * ./train-step (focal loss + L2, clipping, Adam with ./lr-schedule), validation on held-out
 * DS1 records after each epoch (macro F1 over N S V F), the best model and a checkpoint
 * written after each epoch (../model-store, ./checkpoint), early stopping, resume, and
 * cancellation: `signal` is checked before every batch, so a run stops within one batch,
 * and checkpoints are only ever replaced whole, so the last one stays usable.
 *
 * Repeatability: the model is built from `settings.seed`; each epoch seeds its batches,
 * augmentation and (through Math.random) dropout masks from (seed, epoch). The same seed on
 * the same backend gives the same losses, and a resumed run continues as the uninterrupted
 * one would.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel, type ModelConfig } from '../models';
import { saveModel } from '../model-store';
import { gatherWindows } from './augment';
import { trainingCard, type CardContext } from './card';
import { readCheckpoint, restoreInto, saveCheckpoint } from './checkpoint';
import { classWeights, countClasses } from './class-weights';
import { gatherRows, type BeatArrays } from './data';
import { initialEarlyStopping, updateEarlyStopping, type EarlyStoppingState } from './early-stopping';
import { checkSchedule, learningRateAt, type LrSchedule } from './lr-schedule';
import { createPrng, deriveSeed, seedMathRandom } from './prng';
import type { EpochSummary, TrainingEvent, TrainingResult } from './progress';
import { fitRrNormalisation, normaliseRr, type RrNormalisation } from './rr-normalisation';
import { sampleEpoch } from './sampler';
import type { TrainingSettings } from './settings';
import { trainableVariables, trainStep, type StepContext } from './train-step';
import { TrainingError } from './training-error';
import { validate, type Validation } from './validate';

/** Everything a run needs. */
export interface TrainerInput {
  model: ModelConfig;
  settings: TrainingSettings;
  train: BeatArrays;
  validation: BeatArrays;
  context: CardContext;
  /** Folder for `best/` and `checkpoint/`; null writes nothing (tests). */
  outDir: string | null;
  /** Continue from `<outDir>/checkpoint`. */
  resume?: boolean;
  /** Model factory (default: ../models `buildModel`). */
  createModel?: (config: ModelConfig, seed: number) => tfl.LayersModel;
  signal?: AbortSignal;
  onEvent?: (event: TrainingEvent) => void;
  backendReason?: string;
}

/** The state of a run in progress. */
interface Run {
  input: TrainerInput;
  model: tfl.LayersModel;
  step: StepContext;
  rrNorm: RrNormalisation | null;
  trainRr: Float32Array | null;
  validationRr: Float32Array | null;
  stepsPerEpoch: number;
  schedule: LrSchedule;
  counts: { train: number[]; validation: number[] };
  steps: number;
  epochsDone: number;
  earlyStopping: EarlyStoppingState;
  history: EpochSummary[];
  beatsThisRun: number;
  trainSeconds: number;
  validationSeconds: number;
  identity: string;
}

/** Sub-folders of `outDir`. */
export const RUN_FOLDERS = Object.freeze({ best: 'best', checkpoint: 'checkpoint' });

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function scheduleOf(s: TrainingSettings, stepsPerEpoch: number): LrSchedule {
  const warmupSteps = Math.round(s.warmupEpochs * stepsPerEpoch);
  const base = s.learningRate;
  const schedule: LrSchedule =
    s.schedule === 'cosine'
      ? { kind: 'cosine', base, warmupSteps, totalSteps: s.epochs * stepsPerEpoch, minLearningRate: s.minLearningRate }
      : s.schedule === 'step'
        ? { kind: 'step', base, warmupSteps, stepSize: s.stepEpochs * stepsPerEpoch, factor: s.stepFactor }
        : { kind: 'constant', base, warmupSteps };
  checkSchedule(schedule);
  return schedule;
}

/** What a resumed run must share with the run that wrote the checkpoint. */
function identityOf(input: TrainerInput, counts: Run['counts']): string {
  const { epochs: _epochs, patience: _patience, ...settings } = input.settings;
  const { backend: _backend, ...context } = input.context;
  return JSON.stringify({ model: input.model, settings, context, counts });
}

function setUp(input: TrainerInput): Run {
  const { settings, train, validation, model: config } = input;
  const K = config.classes.length;
  if (train.count === 0) throw new TrainingError('no training beats: check the training records and --max-beats-per-record');
  if (validation.count === 0) throw new TrainingError('no validation beats: check the validation records');
  if (train.windowLength !== config.windowLength || validation.windowLength !== config.windowLength) {
    throw new TrainingError(`the beats have ${train.windowLength}-sample windows but the model reads ${config.windowLength}`);
  }
  const counts = { train: countClasses(train.classes, K), validation: countClasses(validation.classes, K) };
  const rrNorm = config.rrFeatures.length > 0 ? fitRrNormalisation(train.rr, config.rrFeatures) : null;
  const model = (input.createModel ?? buildModel)(config, settings.seed);
  const stepsPerEpoch = settings.stepsPerEpoch ?? Math.ceil(train.count / settings.batchSize);
  return {
    input,
    model,
    step: {
      model,
      optimizer: tf.train.adam(settings.learningRate, 0.9, 0.999, 1e-7),
      variables: trainableVariables(model),
      loss: { gamma: settings.loss === 'ce' ? 0 : settings.gamma, classWeights: classWeights(counts.train, settings.classWeighting, settings.classWeightCap) },
      clipNorm: settings.clipNorm,
    },
    rrNorm,
    trainRr: rrNorm === null ? null : normaliseRr(train.rr, rrNorm),
    validationRr: rrNorm === null ? null : normaliseRr(validation.rr, rrNorm),
    stepsPerEpoch,
    schedule: scheduleOf(settings, stepsPerEpoch),
    counts,
    steps: 0,
    epochsDone: 0,
    earlyStopping: initialEarlyStopping(),
    history: [],
    beatsThisRun: 0,
    trainSeconds: 0,
    validationSeconds: 0,
    identity: identityOf(input, counts),
  };
}

async function resumeRun(run: Run, outDir: string): Promise<void> {
  const dir = join(outDir, RUN_FOLDERS.checkpoint);
  const restored = await readCheckpoint(dir, run.identity);
  await restoreInto(dir, restored, run.model, run.step.optimizer);
  run.steps = restored.state.steps;
  run.epochsDone = restored.state.epochsDone;
  run.earlyStopping = restored.state.earlyStopping;
  run.history = restored.state.history;
}

/** Seconds to the end of the run from `stepsLeft` steps before the end of epoch `epoch` (validation of `epoch` still to come when stepsLeft > 0 or `validating`). */
function etaSec(run: Run, epoch: number, stepsLeft: number, validating: boolean): number {
  const perStep = run.trainSeconds / Math.max(1, run.beatsThisRun / run.input.settings.batchSize);
  const perValidation = run.validationSeconds / Math.max(1, run.history.length);
  const epochsAfter = Math.max(0, run.input.settings.epochs - epoch);
  return stepsLeft * perStep + (validating ? perValidation : 0) + epochsAfter * (run.stepsPerEpoch * perStep + perValidation);
}

/** Trains one epoch; returns null when cancelled, else its mean loss and accuracy. */
async function trainEpoch(run: Run, epoch: number): Promise<{ loss: number; accuracy: number; learningRate: number } | null> {
  const { settings, train, signal, onEvent } = run.input;
  const prng = createPrng(deriveSeed(settings.seed, epoch, 'batches'));
  const K = run.input.model.classes.length;
  const indices = sampleEpoch(train.classes, K, settings.sampling, settings.batchSize, run.stepsPerEpoch, prng);
  const rrWidth = run.rrNorm?.features.length ?? 0;
  let [lossSum, correct, seen, learningRate] = [0, 0, 0, 0];
  for (let b = 0; b < run.stepsPerEpoch; b++) {
    if (signal?.aborted) return null;
    const started = performance.now();
    const batch = indices.subarray(b * settings.batchSize, (b + 1) * settings.batchSize);
    learningRate = learningRateAt(run.schedule, run.steps);
    Object.assign(run.step.optimizer, { learningRate });
    const result = trainStep(run.step, {
      beat: gatherWindows(train, train.windowLength, batch, settings.augmentation, prng),
      windowLength: train.windowLength,
      rr: run.trainRr === null ? null : gatherRows(run.trainRr, rrWidth, batch),
      rrWidth,
      labels: Int32Array.from(batch, (i) => train.classes[i]!),
    });
    if (!Number.isFinite(result.loss)) throw new TrainingError(`the loss became ${result.loss} at epoch ${epoch}, batch ${b + 1}: lower the learning rate`);
    run.steps++;
    run.beatsThisRun += batch.length;
    run.trainSeconds += (performance.now() - started) / 1000;
    [lossSum, correct, seen] = [lossSum + result.loss * batch.length, correct + result.correct, seen + batch.length];
    onEvent?.({
      type: 'batch', epoch, epochs: settings.epochs, batch: b + 1, batches: run.stepsPerEpoch,
      loss: lossSum / seen, accuracy: correct / seen, learningRate, gradNorm: result.gradNorm,
      beatsPerSec: run.beatsThisRun / Math.max(1e-9, run.trainSeconds), etaSec: etaSec(run, epoch, run.stepsPerEpoch - b - 1, true),
    });
    await yieldToEvents(); // lets a cancel message reach the worker between batches
  }
  return { loss: lossSum / seen, accuracy: correct / seen, learningRate };
}

/** Writes the best model (when improved) and the checkpoint after `epoch`. */
async function saveAfterEpoch(run: Run, epoch: number, improved: boolean, validation: Validation): Promise<void> {
  const { outDir, onEvent, context, settings, model: config } = run.input;
  if (outDir === null) return;
  const card = trainingCard({
    context, model: config, settings, rrNormalisation: run.rrNorm, beats: run.counts,
    epochs: run.epochsDone, bestEpoch: run.earlyStopping.bestEpoch, parameters: run.model.countParams(),
    validation: { records: context.validationRecords, source: 'reference', metrics: validation.metrics, confusion: validation.summary.confusion, date: new Date().toISOString() },
  });
  if (improved) {
    const dir = join(outDir, RUN_FOLDERS.best);
    await saveModel(dir, run.model, card);
    onEvent?.({ type: 'checkpoint', epoch, kind: 'best', dir });
  }
  const dir = join(outDir, RUN_FOLDERS.checkpoint);
  const { steps, epochsDone, earlyStopping, history, identity } = run;
  await saveCheckpoint(dir, run.model, run.step.optimizer, card, { steps, epochsDone, earlyStopping, history, identity });
  onEvent?.({ type: 'checkpoint', epoch, kind: 'checkpoint', dir });
}

/** One epoch: train, validate, record, save; returns whether to stop, or null when cancelled. */
async function runEpoch(run: Run, epoch: number): Promise<{ stop: boolean } | null> {
  const { settings, onEvent } = run.input;
  const started = performance.now();
  const restoreRandom = seedMathRandom(deriveSeed(settings.seed, epoch, 'dropout'));
  let trained;
  try {
    trained = await trainEpoch(run, epoch);
  } finally {
    restoreRandom();
  }
  if (trained === null) return null;
  const validationStart = performance.now();
  const validation = validate(run.model, run.input.validation, run.validationRr, run.rrNorm?.features.length ?? 0, run.input.model.classes, settings.validationBatchSize);
  run.validationSeconds += (performance.now() - validationStart) / 1000;
  const update = updateEarlyStopping(run.earlyStopping, validation.summary.macroF1 ?? Number.NaN, epoch, settings.patience === null ? null : { patience: settings.patience, minDelta: settings.minDelta });
  run.earlyStopping = update.state;
  run.epochsDone = epoch;
  const summary: EpochSummary = { epoch, trainLoss: trained.loss, trainAccuracy: trained.accuracy, learningRate: trained.learningRate, validation: validation.summary, seconds: (performance.now() - started) / 1000 };
  run.history.push(summary);
  await saveAfterEpoch(run, epoch, update.improved, validation);
  onEvent?.({
    type: 'epoch', ...summary, epochs: settings.epochs, improved: update.improved, bestEpoch: run.earlyStopping.bestEpoch,
    bestMacroF1: Number.isFinite(run.earlyStopping.best) ? run.earlyStopping.best : null,
    beatsPerSec: run.beatsThisRun / Math.max(1e-9, run.trainSeconds), etaSec: update.stop ? 0 : etaSec(run, epoch, 0, false),
  });
  return { stop: update.stop };
}

/**
 * Trains a model (see the file header) and resolves to how the run ended. Resolves (status
 * 'cancelled') rather than rejects when `signal` aborts.
 * @throws TrainingError for unusable data, a checkpoint that does not fit, or a diverging loss.
 */
export async function trainModel(input: TrainerInput): Promise<TrainingResult> {
  const started = performance.now();
  const run = setUp(input);
  try {
    if (input.resume) {
      if (input.outDir === null) throw new TrainingError('resume needs an output folder holding a checkpoint');
      await resumeRun(run, input.outDir);
    }
    emitStart(run);
    let status: TrainingResult['status'] = 'completed';
    for (let epoch = run.epochsDone + 1; epoch <= input.settings.epochs; epoch++) {
      const outcome = await runEpoch(run, epoch);
      if (outcome === null) {
        status = 'cancelled';
        break;
      }
      if (outcome.stop && epoch < input.settings.epochs) {
        status = 'early-stopped';
        break;
      }
    }
    return resultOf(run, status, (performance.now() - started) / 1000);
  } finally {
    run.step.optimizer.dispose();
    run.model.dispose();
  }
}

function emitStart(run: Run): void {
  const { input } = run;
  input.onEvent?.({
    type: 'start', backend: input.context.backend, backendReason: input.backendReason ?? '', classes: [...input.model.classes],
    trainBeats: input.train.count, validationBeats: input.validation.count, trainCounts: run.counts.train, validationCounts: run.counts.validation,
    parameters: run.model.countParams(), epochs: input.settings.epochs, startEpoch: run.epochsDone + 1, stepsPerEpoch: run.stepsPerEpoch, batchSize: input.settings.batchSize,
  });
}

function resultOf(run: Run, status: TrainingResult['status'], seconds: number): TrainingResult {
  const { outDir } = run.input;
  const best = run.earlyStopping;
  return {
    status,
    epochsDone: run.epochsDone,
    bestEpoch: best.bestEpoch,
    bestMacroF1: Number.isFinite(best.best) ? best.best : null,
    history: run.history,
    bestDir: outDir === null || best.bestEpoch < 0 ? null : join(outDir, RUN_FOLDERS.best),
    checkpointDir: outDir === null || run.epochsDone === 0 ? null : join(outDir, RUN_FOLDERS.checkpoint),
    backend: run.input.context.backend,
    beatsPerSec: run.beatsThisRun / Math.max(1e-9, run.trainSeconds),
    seconds,
  };
}
