/** Messages between the main side (./start-adaptation) and the adaptation worker (./adapt-worker). */
import type { ErrorInfo } from '../../shared/result';
import type { AdaptOutcome } from './types';

/** Main side → worker. */
export type ToAdaptWorker = { kind: 'cancel' };

/** Worker → main side: progress, then exactly one `done` or `error`. */
export type FromAdaptWorker =
  | { kind: 'progress'; fraction: number; message: string }
  | { kind: 'done'; outcome: AdaptOutcome }
  | { kind: 'error'; error: ErrorInfo };
