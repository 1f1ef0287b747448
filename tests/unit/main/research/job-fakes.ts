/**
 * Fakes of the training and evaluation workers for the job runner's tests: a trainer that
 * emits the event stream a real run would (and writes a checkpoint file where the real one
 * does), and evaluation outcomes built from hand-made labels through the real confusion code.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { confusionMatrix, metricsOf } from '../../../../src/main/ml/evaluation/confusion';
import { toEvaluationReport, type EvaluationModel, type ModelEvaluationOutcome } from '../../../../src/main/ml/evaluation/evaluation-task';
import { CHECKPOINT_FILES } from '../../../../src/main/ml/training/checkpoint';
import type { TrainingJob } from '../../../../src/main/ml/training/job';
import type { TrainingEvent, TrainingResult, ValidationSummary } from '../../../../src/main/ml/training/progress';
import type { WorkerRunOptions } from '../../../../src/main/ml/training/run-worker';

export const CLASSES = ['N', 'S', 'V', 'F', 'Q'];

const validation: ValidationSummary = {
  loss: 0.5, accuracy: 0.8, macroF1: 0.4, confusion: [],
  perClass: CLASSES.map((name, i) => ({ name, se: null, ppv: null, f1: i / 10 })),
};

export const result = (bestDir: string | null, status: TrainingResult['status'] = 'completed', epochsDone = 2): TrainingResult => ({
  status, epochsDone, bestEpoch: epochsDone, bestMacroF1: 0.4, history: [], bestDir, checkpointDir: null, backend: 'cpu', beatsPerSec: 100, seconds: 2,
});

/** What the fake trainer does. */
export interface FakeTrainOptions {
  /** How the run ends (after its epochs). */
  end: (job: TrainingJob) => TrainingResult | Error;
  /** Stop (cancelled) after this epoch when the job is not a resume. */
  stopAfter?: number;
  /** Each call's job (to check resume). */
  calls?: TrainingJob[];
}

/**
 * A fake trainer: a start (from the checkpoint's next epoch when resuming), 3 batches per
 * epoch, an epoch event and a checkpoint file `<outDir>/checkpoint/trainer-state.json` holding
 * the epoch count after each, then `end` (or 'cancelled' after `stopAfter`).
 */
export function fakeTrain(options: FakeTrainOptions) {
  let checkpointed = 0;
  return async (job: TrainingJob, run: WorkerRunOptions): Promise<TrainingResult> => {
    options.calls?.push(job);
    const emit = (e: TrainingEvent): void => run.onEvent?.(e);
    const epochs = job.settings.epochs;
    const first = job.resume ? checkpointed + 1 : 1;
    emit({ type: 'start', backend: 'cpu', backendReason: 'asked for', classes: CLASSES, trainBeats: 10, validationBeats: 5, trainCounts: [], validationCounts: [], parameters: 1, epochs, startEpoch: first, stepsPerEpoch: 3, batchSize: 4 });
    for (let epoch = first; epoch <= epochs; epoch++) {
      for (let batch = 1; batch <= 3; batch++) emit({ type: 'batch', epoch, epochs, batch, batches: 3, loss: 1 / epoch, accuracy: 0.5, learningRate: 1e-3, gradNorm: 1, beatsPerSec: 100, etaSec: 5 });
      const dir = join(job.outDir, 'checkpoint');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, CHECKPOINT_FILES.state), JSON.stringify({ epochsDone: epoch }));
      checkpointed = epoch;
      emit({ type: 'epoch', epoch, epochs, trainLoss: 1 / epoch, trainAccuracy: 0.5, learningRate: 1e-3, validation, seconds: 1, improved: true, bestEpoch: epoch, bestMacroF1: 0.4, beatsPerSec: 100, etaSec: 0 });
      if (!job.resume && options.stopAfter === epoch) return result(null, 'cancelled', epoch);
    }
    const end = options.end(job);
    if (end instanceof Error) throw end;
    return end;
  };
}

/**
 * A successful outcome for `model` on `records` whose beats are `reference` and `predicted`
 * (class indices), scored by the real confusion code.
 */
export function outcome(model: EvaluationModel, records: string[], reference: number[], predicted: number[]): ModelEvaluationOutcome {
  const matrix = confusionMatrix(CLASSES, reference, predicted);
  const metrics = metricsOf(matrix);
  return {
    ok: true,
    report: toEvaluationReport(model, records, { matrix, metrics }),
    card: { records, source: 'reference', metrics, confusion: matrix.counts, date: '2026-01-01T00:00:00.000Z' },
  };
}
