/**
 * The value every call across a transport returns. Errors thrown in Electron's
 * `ipcMain.handle` lose their class and fields on the way to the renderer
 * (electron/electron#24427), so handlers never throw across the bridge: they return
 * a `Result` whose error carries a stable code and the facts needed to fix it.
 */
import type { ErrorCode } from './errors';

/** Plain-data description of a failure, safe to serialise. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Extra facts: file, line, field, expected vs. found. */
  detail?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}
