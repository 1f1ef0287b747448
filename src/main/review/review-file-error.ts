/**
 * The error of a saved review that cannot be used. Its own module so that the checks
 * (persistence-checks.ts) and the codec (persistence.ts) share it without a cycle.
 */
import { AppError } from '../../shared/errors';

/** A review file that cannot be used: unreadable, not JSON, or not a consistent review. */
export class ReviewFileError extends AppError {
  /** `file` starts the message, then the problem. */
  constructor(file: string, problem: string) {
    super('review/corrupt-file', `${file}: ${problem}`, { file });
  }
}
