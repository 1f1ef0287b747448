/**
 * Argument helpers shared by the ML commands (train, evaluate, predict): numbers, lists and
 * choices checked with a UsageError that names the option, the backend choice, and where a
 * model folder is.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BACKEND_PREFERENCES } from '../../main/ml/backend/select';
import { UsageError } from '../command';

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
