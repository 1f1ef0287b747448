/**
 * Messages between the main side (./run-worker) and the training worker (./worker).
 */
import type { ErrorInfo } from '../../../shared/result';
import type { TrainingEvent, TrainingResult } from './progress';

/** Main side → worker. */
export type WorkerRequest = { kind: 'cancel' };

/** Worker → main side: progress events, then exactly one `done` or `error`. */
export type WorkerReply =
  | { kind: 'event'; event: TrainingEvent }
  | { kind: 'done'; result: TrainingResult }
  | { kind: 'error'; error: ErrorInfo; stack: string | null };
