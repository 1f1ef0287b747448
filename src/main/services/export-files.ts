/**
 * What reports and exports share: the exports folder of the data folder, safe file names,
 * the atomic write that returns an `ExportedFile` (with its bytes for a browser download),
 * and the rule that only a review analysed to the end of its record leaves the app.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportedFile } from '../../shared/report';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ReviewSession } from '../review';
import type { OpenRecording } from './record-cache';

/** The folder of the data folder that exports and reports are written to. */
export const EXPORTS_FOLDER = 'exports';

/** `<dataDir>/exports`. */
export function exportsDir(dataDir: string): string {
  return join(dataDir, EXPORTS_FOLDER);
}

/**
 * A record name as a file name: characters other than letters, digits, `.`, `_` and `-`
 * become `_`, and a leading dot goes, so the name stays inside the exports folder.
 */
export function safeFileStem(recordName: string): string {
  const stem = recordName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return stem === '' ? 'record' : stem;
}

/**
 * Writes `data` to `<dataDir>/exports/<fileName>` atomically and describes it.
 * @throws AppError 'file/write' naming the file when the folder or the file cannot be written
 */
export async function writeExport(dataDir: string, fileName: string, mimeType: string, data: Uint8Array): Promise<ExportedFile> {
  const folder = exportsDir(dataDir);
  const path = join(folder, fileName);
  try {
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(path, data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('file/write', `${path}: cannot write the export: ${reason}`, { file: path });
  }
  return { fileName, path, mimeType, sizeBytes: data.byteLength, dataBase64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
}

/**
 * Refuses a review whose analysis has not covered the whole record: a report or an export
 * of part of a recording would silently leave beats out.
 * @throws AppError 'review/incomplete' saying how far the analysis got and what to do
 */
export function requireCompleteReview(entry: OpenRecording, session: ReviewSession, what: string): void {
  const status = session.status();
  if (status.state === 'done' && session.doc.complete) return;
  const percent = `${Math.floor(status.fraction * 100)} %`;
  const why =
    status.state === 'running'
      ? `its analysis is still running (${percent} done); wait until it has finished`
      : status.state === 'failed'
        ? `its analysis failed (${status.error?.message ?? 'unknown error'}); start the review again`
        : `its analysis stopped at ${percent}; resume it and wait until it has finished`;
  throw new AppError('review/incomplete', `${entry.info.recordName}: cannot make the ${what}: ${why}.`, {
    record: entry.info.recordName,
    state: status.state,
    analysedSec: session.doc.analysedSec,
  });
}
