/**
 * The recent-recordings list: at most `RECENT_LIMIT` entries, most recent first, one entry
 * per header path, persisted as JSON in the data folder (atomic write, see json-file.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { RecentRecording } from '../../shared/domain';
import { readJsonOrUndefined, writeJsonAtomic } from './json-file';

/** How many recordings the list keeps. */
export const RECENT_LIMIT = 20;

/** File name of the list inside the data folder. */
export const RECENT_FILE = 'recent-recordings.json';

const storedList = z.array(
  z.object({ path: z.string().min(1), recordName: z.string(), openedAt: z.string() }),
);

export interface RecentStore {
  /** The list, most recent first. */
  list(): Promise<RecentRecording[]>;
  /** Puts `path` at the top (removing an older entry for it), trims, persists. */
  add(entry: { path: string; recordName: string }, now?: Date): Promise<RecentRecording[]>;
}

/** A store persisted in `<dataDir>/recent-recordings.json`. */
export function createRecentStore(dataDir: string): RecentStore {
  const file = join(dataDir, RECENT_FILE);
  // Writes are chained so that two opens in quick succession cannot interleave
  // read-modify-write and lose an entry.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<RecentRecording[]> {
    const parsed = storedList.safeParse(await readJsonOrUndefined(file));
    return parsed.success ? parsed.data.slice(0, RECENT_LIMIT) : [];
  }

  function add(entry: { path: string; recordName: string }, now = new Date()): Promise<RecentRecording[]> {
    const next = queue.then(async () => {
      const current = await load();
      const updated = [
        { path: entry.path, recordName: entry.recordName, openedAt: now.toISOString() },
        ...current.filter((item) => item.path !== entry.path),
      ].slice(0, RECENT_LIMIT);
      await writeJsonAtomic(file, updated);
      return updated;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return { list: load, add };
}
