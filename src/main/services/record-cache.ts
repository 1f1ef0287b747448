/**
 * Open recordings, keyed by an opaque random id that the renderer passes back on later
 * calls. The cache is bounded: opening one more than `capacity` closes the least recently
 * used record, whose id then answers 'recording/not-open' (the renderer re-opens by path).
 * Each entry also caches what is costly to recompute: parsed annotation files and
 * overview envelopes.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { RecordingInfo, SignalOverview } from '../../shared/domain';
import type { WfdbRecord } from '../wfdb';
import type { IndexedAnnotations } from './annotations';

/** One open recording and its caches. */
export interface OpenRecording {
  readonly id: string;
  /** Absolute path of the header, the key for re-opening the same record. */
  readonly headerPath: string;
  readonly record: WfdbRecord;
  readonly info: RecordingInfo;
  /** Parsed annotation files by annotator (promises, so concurrent calls share one read). */
  readonly annotations: Map<string, Promise<IndexedAnnotations>>;
  /** Overview envelopes by `${signalIndex}:${bins}`. */
  readonly overviews: Map<string, Promise<SignalOverview>>;
}

export interface RecordingCache {
  /** A fresh id for a record about to be added. */
  newId(): string;
  /** The entry for `id`, marked most recently used. @throws AppError 'recording/not-open' */
  get(id: string): OpenRecording;
  /** The entry already open for this header path, if any (marked most recently used). */
  findByPath(headerPath: string): OpenRecording | undefined;
  /** Adds an entry, closing the least recently used ones beyond capacity. */
  add(entry: OpenRecording): Promise<void>;
  /** Closes every record. */
  closeAll(): Promise<void>;
}

/** How many records stay open at once by default. */
export const DEFAULT_CACHE_CAPACITY = 8;

/**
 * Creates an empty cache holding at most `capacity` records. `onEvict` hears of each record
 * closed to make room (not of `closeAll`) and is not awaited: the review of that record
 * stops its analysis and saves in the background.
 */
export function createRecordingCache(
  capacity = DEFAULT_CACHE_CAPACITY,
  onEvict?: (entry: OpenRecording) => void,
): RecordingCache {
  // A Map iterates in insertion order; re-inserting on use keeps the LRU entry first.
  const entries = new Map<string, OpenRecording>();

  function touch(entry: OpenRecording): OpenRecording {
    entries.delete(entry.id);
    entries.set(entry.id, entry);
    return entry;
  }

  return {
    newId: () => randomUUID(),
    get(id) {
      const entry = entries.get(id);
      if (!entry) {
        throw new AppError('recording/not-open', `Recording ${id} is not open (it was closed to free memory, or the app restarted); open it again.`, { recordingId: id });
      }
      return touch(entry);
    },
    findByPath(headerPath) {
      for (const entry of entries.values()) {
        if (entry.headerPath === headerPath) return touch(entry);
      }
      return undefined;
    },
    async add(entry) {
      entries.set(entry.id, entry);
      while (entries.size > capacity) {
        const oldest = entries.values().next().value;
        if (!oldest) break;
        entries.delete(oldest.id);
        onEvict?.(oldest);
        await oldest.record.close().catch(() => undefined);
      }
    },
    async closeAll() {
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map((e) => e.record.close().catch(() => undefined)));
    },
  };
}
