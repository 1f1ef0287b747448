/**
 * Messages between the main side (./worker-pool, ./start-analysis) and the analysis worker
 * (./analysis-worker). One worker runs one analysis at a time; `id` ties every message to
 * its analysis, so a late message of a finished one is recognised and dropped.
 */
import type { ErrorInfo } from '../../shared/result';
import type { BackendPreference } from '../ml/backend/select';
import type { AnalysedChunk, AnalysisModelInfo } from './types';

/** What the worker is asked to analyse. */
export interface WorkerAnalysisRequest {
  headerPath: string;
  modelDir: string;
  backend?: BackendPreference;
  fromSec?: number;
}

/** Main → worker. `warm` loads the backend and the model ahead of the first analysis. */
export type ToWorker =
  | { kind: 'start'; id: number; request: WorkerAnalysisRequest }
  | { kind: 'cancel'; id: number }
  | { kind: 'warm'; modelDir: string; backend?: BackendPreference };

/** Worker → main. Chunks travel with their buffers transferred. */
export type FromWorker =
  | { kind: 'model'; id: number; info: AnalysisModelInfo }
  | { kind: 'progress'; id: number; fraction: number; message: string }
  | { kind: 'chunk'; id: number; chunk: AnalysedChunk }
  | { kind: 'done'; id: number; state: 'done' | 'cancelled' }
  | { kind: 'error'; id: number; error: ErrorInfo }
  | { kind: 'warmed' };
