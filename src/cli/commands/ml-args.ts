/**
 * Argument helpers shared by the ML commands (train, evaluate, predict): numbers, lists and
 * choices checked with a UsageError that names the option, the backend choice, the MIT-BIH
 * folder (which eval-qrs takes too), and where a model folder is.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadModel, type LoadedModel } from '../../main/ml';
import { BACKEND_PREFERENCES, selectBackend, type BackendPreference, type BackendSelection } from '../../main/ml/backend/select';
import { repoRoot } from '../../main/repo-root';
import { UsageError, type CliIo } from '../command';

/** The backend choices of `--backend`. */
export const BACKEND_CHOICES = BACKEND_PREFERENCES;

/** A number option: undefined when absent; UsageError unless finite (and an integer ≥ min when asked). */
export function numberOption(name: string, value: string | undefined, rule: { integer?: boolean; min?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const min = rule.min ?? Number.NEGATIVE_INFINITY;
  if (value.trim() === '' || !Number.isFinite(n) || (rule.integer && !Number.isInteger(n)) || n < min) {
    throw new UsageError(`--${name} must be ${rule.integer ? 'an integer' : 'a number'}${Number.isFinite(min) ? ` ≥ ${min}` : ''}, got "${value}".`);
  }
  return n;
}

/** One of `choices`, or UsageError. */
export function choiceOption<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}".`);
  return value as T;
}

/** A comma-separated list of record names (letters, digits, _ -), or undefined. */
export function recordList(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((r) => !/^[A-Za-z0-9_-]+$/.test(r));
  if (list.length === 0 || bad !== undefined) throw new UsageError(`--${name} must be a comma-separated list of record names, got "${value}".`);
  return list;
}

/** `--backend`: one of BACKEND_CHOICES, or undefined when absent (RA_TF_BACKEND, else auto, decides). */
export function backendOption(value: string | undefined): BackendPreference | undefined {
  return value === undefined ? undefined : choiceOption('backend', value, BACKEND_CHOICES, 'auto');
}

/** Selects the TF.js backend `--backend` asks for (see backendOption), logging the choice to stderr. */
export function selectBackendOption(value: string | undefined, io: CliIo): Promise<BackendSelection> {
  return selectBackend(backendOption(value), { log: (line) => io.err(`${line}\n`) });
}

/** `--data`: the MIT-BIH folder, absolute; by default ../shared/data/mitdb beside the project. */
export function mitdbDirOption(value: string | undefined): string {
  return resolve(value ?? resolve(repoRoot(), '../shared/data/mitdb'));
}

/**
 * The model folder to load: `dir` itself when it holds a model card, else its `best/`
 * sub-folder (a training output folder). Missing both is left to the loader to report.
 */
export async function resolveModelDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  const has = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
  if (!(await has(join(absolute, 'model-card.json'))) && (await has(join(absolute, 'best', 'model-card.json')))) return join(absolute, 'best');
  return absolute;
}

/** Loads the model named on the command line: a model folder or a training output folder (see resolveModelDir). */
export async function loadModelOption(dir: string): Promise<LoadedModel> {
  return loadModel(await resolveModelDir(dir));
}
