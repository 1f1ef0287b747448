/**
 * Typed failure of a training run (bad data, a checkpoint that does not fit the run it
 * should resume, a worker that died), for the CLI and the UI.
 */
import { AppError } from '../../../shared/errors';

/** Training could not start or go on; the message says why. */
export class TrainingError extends AppError {
  constructor(message: string, detail: Record<string, string | number | boolean | null> = {}) {
    super('ml/training', message, detail);
  }
}
