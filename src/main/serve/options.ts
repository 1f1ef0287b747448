/**
 * Command-line options of `src/main/serve/start.ts` and the default data folder.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServeOptions {
  port: number;
  dataDir: string;
}

/** Folder name under the OS's application-data location; the same as Electron's userData. */
export const APP_DATA_NAME = 'rhythm-attention';

/**
 * The OS's per-user application-data folder for the app, where Electron's `userData` is,
 * so both transports share the recent list: `%APPDATA%` on Windows, `~/Library/Application
 * Support` on macOS, `$XDG_CONFIG_HOME` or `~/.config` elsewhere.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_DATA_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DATA_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), APP_DATA_NAME);
}

/**
 * Parses `[--port N] [--data-dir DIR]` (also `--port=N`).
 * @throws Error with a usage message for anything else.
 */
export function parseServeArgs(argv: readonly string[]): ServeOptions {
  const options: ServeOptions = { port: 0, dataDir: defaultDataDir() };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value.`);
      return next;
    };
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer from 0 to 65535.');
      options.port = port;
    } else if (flag === '--data-dir') {
      options.dataDir = resolve(value());
    } else {
      throw new Error(`Unknown option "${flag}".`);
    }
  }
  return options;
}
