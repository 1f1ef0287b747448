/** Errors of the research workbench (bad splits, unknown models or jobs, refused operations). */
import { AppError, type ErrorDetail } from '../../shared/errors';

/** A request the workbench cannot carry out as asked (the message says why). */
export class ResearchError extends AppError {
  constructor(message: string, detail: ErrorDetail = {}) {
    super('research/invalid', message, detail);
  }
}

/** A model, job or folder the request names does not exist. */
export class ResearchNotFoundError extends AppError {
  constructor(message: string, detail: ErrorDetail = {}) {
    super('research/not-found', message, detail);
  }
}
