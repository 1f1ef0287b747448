/**
 * Small JSON files in the data folder (the recent list, settings), written atomically:
 * the text goes to a temporary file beside the target, then `rename` replaces the target
 * in one step (atomic on POSIX and on NTFS within a volume), so a crash mid-write leaves
 * the old file whole rather than a truncated one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** Writes `value` as pretty JSON to `path` via temp file + rename, creating the folder. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Reads JSON from `path`; `undefined` when the file does not exist or does not parse
 * (a damaged preferences file must not stop the app: the caller starts afresh).
 */
export async function readJsonOrUndefined(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
