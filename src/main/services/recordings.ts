/**
 * The `recording:*` handlers over open WFDB records: open by header path, windows of
 * samples, overview envelopes and annotation ranges. Open records live in a bounded cache
 * (record-cache.ts); each successful open is reported to `onOpened` (the recent list).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { CallHandlers } from '../../shared/api';
import type { RecordingInfo } from '../../shared/domain';
import { openRecord } from '../wfdb';
import { findAnnotators, loadAnnotator, marksInRange, type IndexedAnnotations } from './annotations';
import { describeRecord } from './describe-record';
import { computeOverview } from './overview';
import type { OpenRecording, RecordingCache } from './record-cache';
import { readWindow } from './signal-window';

/** The handlers this module provides. */
export type RecordingHandlers = Pick<
  CallHandlers,
  'recording:open' | 'recording:window' | 'recording:overview' | 'recording:annotations'
>;

/**
 * The header path for what a user typed: a `.hea` path as is, a record path without
 * extension (`…/100`) with `.hea` added. Relative paths resolve against the process's folder.
 */
export function toHeaderPath(path: string): string {
  const absolute = resolve(path);
  return absolute.toLowerCase().endsWith('.hea') ? absolute : `${absolute}.hea`;
}

/** Opens the record whose header is at `path`, reusing an open one for the same header. */
export async function openRecordingAt(
  cache: RecordingCache,
  path: string,
  onOpened: (info: RecordingInfo) => Promise<void>,
): Promise<RecordingInfo> {
  const headerPath = toHeaderPath(path);
  let entry = cache.findByPath(headerPath);
  if (!entry) {
    try {
      await stat(headerPath);
    } catch {
      throw new AppError('file/not-found', `${headerPath}: no such header file.`, { file: headerPath });
    }
    const record = await openRecord(headerPath);
    try {
      const found = await findAnnotators(record, headerPath);
      const id = cache.newId();
      entry = {
        id,
        headerPath,
        record,
        info: describeRecord(id, record, found.map((f) => f.info)),
        annotations: new Map(found.map((f) => [f.info.name, Promise.resolve(f.indexed)])),
        overviews: new Map(),
      };
    } catch (error) {
      await record.close().catch(() => undefined);
      throw error;
    }
    await cache.add(entry);
  }
  // The recent list is a convenience: failing to save it must not fail the open.
  await onOpened(entry.info).catch(() => undefined);
  return entry.info;
}

/** Caches a promise under `key` in `map`, dropping it again if it rejects (so a retry re-reads). */
function cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let promise = map.get(key);
  if (!promise) {
    promise = make();
    map.set(key, promise);
    promise.catch(() => map.delete(key));
  }
  return promise;
}

function annotationsOf(entry: OpenRecording, annotator: string): Promise<IndexedAnnotations> {
  return cached(entry.annotations, annotator, () => loadAnnotator(entry.headerPath, annotator));
}

/** Builds the recording handlers over `cache`. */
export function createRecordingHandlers(
  cache: RecordingCache,
  onOpened: (info: RecordingInfo) => Promise<void>,
): RecordingHandlers {
  return {
    'recording:open': ({ path }) => openRecordingAt(cache, path, onOpened),
    'recording:window': async (request) => {
      const entry = cache.get(request.recordingId);
      return readWindow(entry.id, entry.record, request);
    },
    'recording:overview': async ({ recordingId, signalIndex, bins }) => {
      const entry = cache.get(recordingId);
      return cached(entry.overviews, `${signalIndex}:${bins}`, () =>
        computeOverview(entry.id, entry.record, signalIndex, bins),
      );
    },
    'recording:annotations': async ({ recordingId, annotator, startSec, endSec }) => {
      const entry = cache.get(recordingId);
      const indexed = await annotationsOf(entry, annotator);
      return marksInRange(indexed, entry.record.frameRateHz, startSec, endSec);
    },
  };
}
