/**
 * `ml:backend`: which TensorFlow.js backend the models run on, and why. The selection loads
 * native libraries or wasm binaries, so it happens on the first request (not at start-up)
 * and once per process; later requests get the same answer.
 *
 * Which backend to ask for, first found wins: the caller's explicit choice (a command-line
 * flag), the RA_TF_BACKEND environment variable, the `mlBackend` setting in the data
 * folder's settings.json, else the best that loads ('auto').
 */
import { join } from 'node:path';
import type { MlBackendInfo } from '../../shared/domain';
import { BACKEND_ENV_VAR, resolvePreference, selectBackend, type BackendPreference } from '../ml/backend/select';
import { readJsonOrUndefined } from './json-file';

/** The settings file in the data folder; only `mlBackend` is read here. */
export const SETTINGS_FILE = 'settings.json';

/**
 * The backend preference stored in `<dataDir>/settings.json`, or undefined when the file or
 * the field is absent. An unknown value is refused with the file named, not ignored.
 */
export async function readBackendSetting(dataDir: string): Promise<BackendPreference | undefined> {
  const path = join(dataDir, SETTINGS_FILE);
  const settings = await readJsonOrUndefined(path);
  if (typeof settings !== 'object' || settings === null || !('mlBackend' in settings)) return undefined;
  const value = (settings as { mlBackend: unknown }).mlBackend;
  try {
    return resolvePreference(String(value), {});
  } catch (error) {
    throw Object.assign(error as Error, { message: `${path}: mlBackend: ${(error as Error).message}` });
  }
}

export function createMlBackendHandler(options: {
  dataDir: string;
  preference?: BackendPreference;
  env?: Record<string, string | undefined>;
}): () => Promise<MlBackendInfo> {
  const env = options.env ?? process.env;
  let selection: Promise<MlBackendInfo> | null = null;
  const select = async (): Promise<MlBackendInfo> => {
    const fromEnv = env[BACKEND_ENV_VAR];
    const preference = options.preference ?? (fromEnv ? undefined : await readBackendSetting(options.dataDir));
    const { name, reason, tried } = await selectBackend(preference, { env });
    return { name, reason, tried };
  };
  return () => {
    selection ??= select();
    // A failed selection (an explicit choice that cannot load) is retried on the next call.
    selection.catch(() => {
      selection = null;
    });
    return selection;
  };
}
