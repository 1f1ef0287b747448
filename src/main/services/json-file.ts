/**
 * Small JSON files in the data folder (the recent list, settings), written atomically
 * (`writeFileAtomic`), so a crash mid-write leaves the old file whole rather than a
 * truncated one.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * Writes `value` as pretty JSON to `path` atomically, creating the folder.
 * @throws what JSON.stringify throws (a BigInt, a cycle; nothing is written then), or the
 *   file system's error; the old file is left whole either way.
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
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
