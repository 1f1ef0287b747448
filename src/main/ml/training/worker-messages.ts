/**
 * Messages between the main side (./run-worker) and the training worker (./worker), which
 * either trains (`workerData.job`) or evaluates models (`workerData.evaluation`, see
 * ../evaluation/evaluation-task).
 */
import type { ErrorInfo } from '../../../shared/result';
import type { EvaluationProgress, EvaluationTask, ModelEvaluationOutcome } from '../evaluation/evaluation-task';
import type { TrainingJob } from './job';
import type { TrainingEvent, TrainingResult } from './progress';

/** What the worker is started with. */
export type WorkerInput = { job: TrainingJob } | { evaluation: EvaluationTask };

/** Main side → worker. */
export type WorkerRequest = { kind: 'cancel' };

/**
 * Worker → main side: progress (`event` while training, `evaluation-progress` while
 * evaluating), then exactly one `done` (training), `evaluated` (evaluation) or `error`.
 */
export type WorkerReply =
  | { kind: 'event'; event: TrainingEvent }
  | { kind: 'done'; result: TrainingResult }
  | { kind: 'evaluation-progress'; progress: EvaluationProgress }
  | { kind: 'evaluated'; outcomes: ModelEvaluationOutcome[] }
  | { kind: 'error'; error: ErrorInfo; stack: string | null };
