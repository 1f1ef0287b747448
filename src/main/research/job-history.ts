/**
 * A job's state as the workbench shows it, folded from the training event stream
 * (src/main/ml/training/progress): the start (backend and why, beat counts), the latest
 * batch (loss, accuracy, beats/s, ETA) and one curve point per validated epoch.
 */
import type { JobEpoch, JobState } from '../../shared/research';
import type { EpochSummary, TrainingEvent } from '../ml/training/progress';

/** A fresh state for a job that has just been started. */
export function newJobState(id: string, name: string, epochs: number, split: JobState['split'], now: Date): JobState {
  return {
    id, name, status: 'running', startedAt: now.toISOString(), endedAt: null, epochs, classes: [], backend: null, backendReason: null,
    trainBeats: 0, validationBeats: 0, history: [], batch: null, beatsPerSec: null, etaSec: null, fraction: 0, modelId: null, error: null, split,
    evaluation: null, phase: 'training', resumable: false,
  };
}

/** The curve point of an epoch. */
export function epochPoint(e: EpochSummary): JobEpoch {
  return {
    epoch: e.epoch,
    trainLoss: e.trainLoss,
    trainAccuracy: e.trainAccuracy,
    validationLoss: e.validation.loss,
    validationAccuracy: e.validation.accuracy,
    validationMacroF1: e.validation.macroF1,
    validationF1: e.validation.perClass.map((c) => c.f1),
    learningRate: e.learningRate,
    seconds: e.seconds,
  };
}

/** Folds `e` into `state` (in place). */
export function applyEvent(state: JobState, e: TrainingEvent): void {
  switch (e.type) {
    case 'start':
      Object.assign(state, { backend: e.backend, backendReason: e.backendReason, classes: e.classes, trainBeats: e.trainBeats, validationBeats: e.validationBeats, epochs: e.epochs });
      state.fraction = (e.startEpoch - 1) / e.epochs;
      return;
    case 'batch':
      state.batch = { epoch: e.epoch, batch: e.batch, batches: e.batches, loss: e.loss, accuracy: e.accuracy };
      state.beatsPerSec = e.beatsPerSec;
      state.etaSec = e.etaSec;
      state.fraction = (e.epoch - 1 + e.batch / e.batches) / e.epochs;
      return;
    case 'epoch':
      state.history = [...state.history.filter((h) => h.epoch !== e.epoch), epochPoint(e)];
      state.beatsPerSec = e.beatsPerSec;
      state.etaSec = e.etaSec;
      state.fraction = e.epoch / e.epochs;
      return;
    case 'checkpoint':
      return;
  }
}
