/**
 * Messages between the main side (./worker-pool, ./start-analysis) and the analysis worker
 * (./analysis-worker). One worker runs one job at a time — an analysis (`start`) or an
 * uncertainty pass (`uncertainty`, ./uncertainty-pass); `id` ties every message to its job,
 * so a late message of a finished one is recognised and dropped.
 */
import type { ErrorInfo } from '../../shared/result';
import type { BackendPreference } from '../ml/backend/select';
import type { AnalysedChunk, AnalysisModelInfo } from './types';
import type { UncertaintyValues } from './uncertainty-pass';

/** What the worker is asked to analyse. */
export interface WorkerAnalysisRequest {
  headerPath: string;
  modelDir: string;
  backend?: BackendPreference;
  fromSec?: number;
  /** The process's reviewer gate (./reviewer-gate): the worker stands aside while it is held. */
  gate?: SharedArrayBuffer;
}

/** What the worker is asked to estimate the uncertainty of (after its analysis). */
export interface WorkerUncertaintyRequest {
  headerPath: string;
  modelDir: string;
  backend?: BackendPreference;
  /** Beats before this R-peak frame already have a value (resume). */
  fromSample?: number;
  passes?: number;
  /** As WorkerAnalysisRequest.gate. */
  gate?: SharedArrayBuffer;
}

/** Main → worker. `warm` loads the backend and the model ahead of the first analysis. */
export type ToWorker =
  | { kind: 'start'; id: number; request: WorkerAnalysisRequest }
  | { kind: 'uncertainty'; id: number; request: WorkerUncertaintyRequest }
  | { kind: 'cancel'; id: number }
  | { kind: 'warm'; modelDir: string; backend?: BackendPreference };

/** Worker → main. Chunks travel with their buffers transferred. */
export type FromWorker =
  | { kind: 'model'; id: number; info: AnalysisModelInfo }
  | { kind: 'progress'; id: number; fraction: number; message: string }
  | { kind: 'chunk'; id: number; chunk: AnalysedChunk }
  | { kind: 'uncertainty'; id: number; values: UncertaintyValues }
  | { kind: 'done'; id: number; state: 'done' | 'cancelled' }
  | { kind: 'error'; id: number; error: ErrorInfo }
  | { kind: 'warmed' };
