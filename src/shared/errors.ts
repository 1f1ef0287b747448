/**
 * Typed errors. Services throw `AppError` subclasses named by domain; each carries a
 * stable `code` (for the UI and tests) and a message that names the file and the
 * problem, so that a user can act on it. `toErrorInfo` turns any thrown value into
 * plain data for a transport.
 */
import type { ErrorInfo } from './result';

export const ERROR_CODES = [
  'wfdb/header-syntax',
  'wfdb/header-field',
  'wfdb/unsupported-format',
  'wfdb/missing-file',
  'wfdb/truncated-signal',
  'wfdb/corrupt-signal',
  'wfdb/annotation',
  'wfdb/range',
  'file/not-found',
  'file/too-large',
  'file/read',
  'file/write',
  'ipc/invalid-argument',
  'ipc/unknown-channel',
  'ipc/unauthorized',
  'ipc/not-available',
  'recording/not-open',
  'ml/invalid-config',
  'ml/backend',
  'ml/model-load',
  'ml/training',
  'ml/analysis',
  'review/not-started',
  'review/invalid-edit',
  'review/corrupt-file',
  'review/incomplete',
  'research/invalid',
  'research/not-found',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetail = NonNullable<ErrorInfo['detail']>;

/** Base class of every error the services throw on purpose. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail;

  constructor(code: ErrorCode, message: string, detail: ErrorDetail = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
  }
}

/**
 * A WFDB file could not be read as the format says. `file` names the file (as given
 * by the caller, usually a path); the message always starts with it.
 */
export class WfdbError extends AppError {
  constructor(code: ErrorCode, file: string, problem: string, detail: ErrorDetail = {}) {
    super(code, `${file}: ${problem}`, { file, ...detail });
  }
}

/** Plain-data form of any thrown value, for a transport or a log line. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, detail: error.detail };
  }
  const message = error instanceof Error ? error.message : describeThrown(error);
  return { code: 'internal', message };
}

/** A thrown non-Error in words; String() itself throws for objects without a usable toString (`{ toString: [] }`, null prototypes). */
function describeThrown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a thrown ${typeof value} that has no text form`;
  }
}
