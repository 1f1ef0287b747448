/**
 * Errors of the analysis. What the WFDB reader, the model loader and the backend selection
 * throw are AppErrors already ('wfdb/…', 'ml/model-load', 'ml/backend') and pass through;
 * anything else (a record without a usable lead, sizes the model refuses, a worker that
 * died) becomes an AnalysisError that names the record's header file.
 */
import { AppError, type ErrorDetail } from '../../shared/errors';

/** The analysis of a record failed for a reason that is not the record's files or the model's. */
export class AnalysisError extends AppError {
  constructor(file: string, problem: string, detail: ErrorDetail = {}) {
    super('ml/analysis', `${file}: ${problem}`, { file, ...detail });
  }
}

/** `error` as an AppError: itself when it is one, else an AnalysisError naming `file`. */
export function asAppError(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AnalysisError(file, message);
}
