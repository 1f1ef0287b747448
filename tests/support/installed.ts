/**
 * Whether an optional package is installed here, for tests that depend on it (the native
 * TensorFlow.js backends install only where libtensorflow can be downloaded, so not on the
 * CI machines).
 */
import { createRequire } from 'node:module';

/** True when `pkg` resolves from the project (its package.json is found). */
export function isInstalled(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}
