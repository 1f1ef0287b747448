/**
 * The typed progress stream of a training run (the worker posts these to the main side,
 * the CLI prints them, the UI shows them as TaskProgress), one-line formatting for the
 * CLI, and the mapping onto the contract's TaskProgress. Epochs and batches count from 1.
 */
import type { TaskProgress } from '../../../shared/domain';

/** Se / +P / F1 of one class on the validation records (null where undefined). */
export interface ClassFigures {
  name: string;
  se: number | null;
  ppv: number | null;
  f1: number | null;
}

/** Validation figures after an epoch. */
export interface ValidationSummary {
  /** Mean cross-entropy of the validation beats (unweighted). */
  loss: number;
  accuracy: number | null;
  macroF1: number | null;
  perClass: ClassFigures[];
  confusion: number[][];
}

/** One epoch's record in the history. */
export interface EpochSummary {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  learningRate: number;
  validation: ValidationSummary;
  seconds: number;
}

/** The run has started (data loaded, backend up, model built or restored). */
export interface StartEvent {
  type: 'start';
  backend: string;
  backendReason: string;
  classes: string[];
  trainBeats: number;
  validationBeats: number;
  trainCounts: number[];
  validationCounts: number[];
  parameters: number;
  epochs: number;
  /** First epoch this run trains (> 1 when resumed). */
  startEpoch: number;
  stepsPerEpoch: number;
  batchSize: number;
}

/** A batch was trained. */
export interface BatchEvent {
  type: 'batch';
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Mean focal loss over the epoch's batches so far. */
  loss: number;
  /** Training accuracy over the epoch's batches so far (balanced batches, augmented beats). */
  accuracy: number;
  learningRate: number;
  gradNorm: number;
  /** Training beats per second in this run so far. */
  beatsPerSec: number;
  /** Estimated seconds to the last epoch's end. */
  etaSec: number;
}

/** An epoch ended and was validated. */
export interface EpochEvent extends EpochSummary {
  type: 'epoch';
  epochs: number;
  improved: boolean;
  bestEpoch: number;
  bestMacroF1: number | null;
  beatsPerSec: number;
  etaSec: number;
}

/** A model folder was written. */
export interface CheckpointEvent {
  type: 'checkpoint';
  epoch: number;
  kind: 'best' | 'checkpoint';
  dir: string;
}

/** Every event of the stream. */
export type TrainingEvent = StartEvent | BatchEvent | EpochEvent | CheckpointEvent;

/** How a run ended. */
export interface TrainingResult {
  status: 'completed' | 'early-stopped' | 'cancelled';
  /** Epochs completed in total (resumed runs included). */
  epochsDone: number;
  bestEpoch: number;
  bestMacroF1: number | null;
  history: EpochSummary[];
  /** Folder of the best model (best validation macro F1), null when no epoch completed or no outDir. */
  bestDir: string | null;
  checkpointDir: string | null;
  backend: string;
  /** Training beats per second over the run. */
  beatsPerSec: number;
  seconds: number;
}

const pct = (v: number | null): string => (v === null ? '—' : (100 * v).toFixed(1));
const dur = (s: number): string => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

/** One line for a terminal. */
export function formatEvent(e: TrainingEvent): string {
  switch (e.type) {
    case 'start':
      return `training on ${e.backend} (${e.backendReason}): ${e.trainBeats} train beats [${e.trainCounts.join(' ')}], ${e.validationBeats} validation beats [${e.validationCounts.join(' ')}] (${e.classes.join(' ')}); ${e.parameters} parameters; epochs ${e.startEpoch}–${e.epochs} × ${e.stepsPerEpoch} batches of ${e.batchSize}`;
    case 'batch':
      return `epoch ${e.epoch}/${e.epochs} batch ${e.batch}/${e.batches}  loss ${e.loss.toFixed(4)}  acc ${pct(e.accuracy)}%  lr ${e.learningRate.toExponential(2)}  |g| ${e.gradNorm.toFixed(2)}  ${Math.round(e.beatsPerSec)} beats/s  ETA ${dur(e.etaSec)}`;
    case 'epoch': {
      const classes = e.validation.perClass.map((c) => `${c.name} ${pct(c.se)}/${pct(c.ppv)}`).join('  ');
      const f1 = e.validation.macroF1 === null ? '—' : e.validation.macroF1.toFixed(3);
      return `epoch ${e.epoch}/${e.epochs} done in ${dur(e.seconds)}: loss ${e.trainLoss.toFixed(4)} acc ${pct(e.trainAccuracy)}% | validation loss ${e.validation.loss.toFixed(4)} acc ${pct(e.validation.accuracy)}% macro F1 ${f1}${e.improved ? ' (best)' : ` (best ${e.bestMacroF1?.toFixed(3) ?? '—'} at epoch ${e.bestEpoch})`} | Se/+P % ${classes} | ETA ${dur(e.etaSec)}`;
    }
    case 'checkpoint':
      return `epoch ${e.epoch}: ${e.kind === 'best' ? 'best model' : 'checkpoint'} saved to ${e.dir}`;
  }
}

/** The event as the contract's TaskProgress (fraction over all epochs of the run). */
export function toTaskProgress(taskId: string, e: TrainingEvent): TaskProgress {
  const label = 'Training';
  switch (e.type) {
    case 'start':
      return { taskId, label, fraction: (e.startEpoch - 1) / e.epochs, message: formatEvent(e) };
    case 'batch':
      return { taskId, label, fraction: (e.epoch - 1 + e.batch / e.batches) / e.epochs, message: formatEvent(e) };
    case 'epoch':
      return { taskId, label, fraction: e.epoch / e.epochs, message: formatEvent(e) };
    case 'checkpoint':
      return { taskId, label, fraction: null, message: formatEvent(e) };
  }
}
