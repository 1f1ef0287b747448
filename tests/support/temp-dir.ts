/**
 * A temporary folder for the tests of a file or a `describe`, removed after them, so that no
 * two tests share one by accident (style.md: no shared temp folders).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * Registers hooks that make a fresh folder under the OS temp folder (its name starts with
 * `prefix`) before each test (`per: 'test'`, the default) or once before all the tests of
 * the enclosing `describe` or file (`per: 'suite'`), and remove it after. Call it where
 * hooks may be registered; the returned function gives the current folder's path inside
 * tests and hooks.
 */
export function useTempDir(prefix: string, per: 'test' | 'suite' = 'test'): () => string {
  let dir: string | undefined;
  const [before, after] = per === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (dir === undefined) throw new Error(`no temporary folder "${prefix}…" now: use it inside a test`);
    return dir;
  };
}
