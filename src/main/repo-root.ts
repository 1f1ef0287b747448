/**
 * The project's root folder, found from this file's place in the source tree. For entry
 * points run from source with tsx (the CLI, the loopback server, scripts), so that defaults
 * such as ../shared/data and out/renderer resolve the same wherever they are started from.
 * Not for the bundled Electron app, whose files move at build time.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
}
