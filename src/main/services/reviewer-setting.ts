/**
 * `settings:reviewer`: the reviewer's name that the audit trail records, kept in the data
 * folder's settings.json as `reviewer` (other fields, such as `mlBackend`, are left as they
 * are). Without a stored name, the operating system's user name is used.
 */
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { readJsonOrUndefined, writeJsonAtomic } from './json-file';
import { SETTINGS_FILE } from './ml-backend';

/** Read and write the reviewer's name. */
export interface ReviewerSetting {
  get(): Promise<string>;
  /** Stores `name` (already validated by the contract's schema); resolves to it once on disk. */
  set(name: string): Promise<string>;
}

/** The OS user name, or "reviewer" where the system has none to give. */
export function osUserName(): string {
  try {
    const name = userInfo().username.trim();
    if (name) return name;
  } catch {
    // Some containers have no passwd entry for the user: fall through.
  }
  return process.env['USER'] || process.env['USERNAME'] || 'reviewer';
}

function validName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return name.length > 0 && name.length <= 80 && !/\p{Cc}/u.test(name) ? name : null;
}

/** The setting over `<dataDir>/settings.json`; writes are serialised. */
export function createReviewerSetting(dataDir: string, defaultName: () => string = osUserName): ReviewerSetting {
  const path = join(dataDir, SETTINGS_FILE);
  let cached: string | null = null;
  let writes: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<Record<string, unknown>> => {
    const settings = await readJsonOrUndefined(path);
    return typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
  };

  return {
    async get() {
      cached ??= validName((await read())['reviewer']) ?? defaultName();
      return cached;
    },
    set(name) {
      const write = writes.then(async () => {
        const settings = await read();
        await writeJsonAtomic(path, { ...settings, reviewer: name });
        cached = name;
        return name;
      });
      writes = write.catch(() => undefined);
      return write;
    },
  };
}
