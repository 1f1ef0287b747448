/**
 * Replacing a file atomically, for the files a user's work lives in (annotation files,
 * settings): a reader sees the old contents or the new, never part of either, and a crash
 * or power cut at any moment leaves one of them whole.
 *
 * The data goes to a temporary file in the target's folder (the same volume, so that
 * `rename` can replace the target in one step: atomic on POSIX, and on NTFS within a
 * volume). The temporary name has a random suffix and is created exclusively (`wx`), so
 * the write never goes through an existing file or link. The file is flushed to the disk
 * (fsync) before the rename: without it a file system with delayed allocation (ext4, XFS)
 * may commit the rename before the data, and a crash then leaves an empty or partial file
 * under the target's name. The folder is flushed after the rename so that the new name
 * itself survives a crash.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` (a string is written as UTF-8) to `path`, replacing any file there
 * atomically. The folder must exist.
 * @throws the file system's error (ENOENT, EACCES, ENOSPC, ...) when the file cannot be
 *   written; `path` is then untouched and no temporary file is left behind.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | null = null;
  let created = false;
  try {
    handle = await open(temp, 'wx');
    created = true;
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Only a file this call created is removed (`wx` fails on a name that exists).
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/**
 * Flushes a folder's entries to the disk. Best effort: the file is already in place, and
 * some systems cannot open a folder for this (Windows), so a failure is not reported.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported here, or the folder went away: the rename has been done either way.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
