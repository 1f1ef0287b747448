/**
 * Chooses the TensorFlow.js backend for training and inference (agreed ML API, issue 4):
 *
 *   tensorflow-gpu  @tensorflow/tfjs-node-gpu: libtensorflow 2.9.1 with CUDA 11.2 / cuDNN 8.1
 *   tensorflow      @tensorflow/tfjs-node: libtensorflow on the CPU
 *   wasm            @tensorflow/tfjs-backend-wasm + our training kernels (./wasm-training-kernels)
 *   cpu             @tensorflow/tfjs-backend-cpu, pure JavaScript (slow: a last resort)
 *
 * The two native ones are optional dependencies whose install downloads libtensorflow; where
 * that fails (as on machines without internet) npm drops them, so they are loaded by dynamic
 * import and their absence is an expected outcome, recorded with its reason. The choice comes
 * from the argument, else the environment variable RA_TF_BACKEND, else 'auto' (the first that
 * loads, in the order above). An explicit choice that cannot load is an error, not a silent
 * fallback: whoever asked for the GPU should learn that they did not get it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { AppError } from '../../../shared/errors';
import { initWasmBackend } from './wasm-threads';
import { registerWasmTrainingKernels } from './wasm-training-kernels';

/** What a caller may ask for. */
export type BackendPreference = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Every accepted preference, for argument checks and help texts. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** Environment variable that overrides 'auto' when no argument is given. */
export const BACKEND_ENV_VAR = 'RA_TF_BACKEND';

/** One backend we tried, and why it did or did not load. */
export interface BackendAttempt {
  name: string;
  ok: boolean;
  why: string;
}

/** The backend in use, why, and what was tried before it. */
export interface BackendSelection {
  /** The tfjs backend name now active ('tensorflow' for both native packages). */
  name: string;
  reason: string;
  tried: BackendAttempt[];
}

/** Options of {@link selectBackend}; the defaults suit the app. */
export interface SelectBackendOptions {
  /** Environment to read RA_TF_BACKEND from (default process.env). */
  env?: Record<string, string | undefined>;
  /** XNNPACK threads for wasm (default 1: on a busy 2-core machine a second thread slows it down). */
  wasmThreads?: number;
  /** Where the selection is logged, once per process (default console.info). */
  log?: (line: string) => void;
  /** Loads a package (default: dynamic import); tests substitute failures here. */
  importModule?: (specifier: string) => Promise<unknown>;
}

/** The backend could not be chosen or started. */
export class BackendError extends AppError {
  constructor(message: string, tried: BackendAttempt[] = []) {
    super('ml/backend', message, { tried: tried.map((t) => `${t.name}: ${t.why}`).join('; ') });
  }
}

const NATIVE_PACKAGES = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' } as const;
const AUTO_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
type Candidate = (typeof AUTO_ORDER)[number];

const nodeRequire = createRequire(import.meta.url);
let logged = false;

/** Whether `pkg` is installed where Node would find it (without loading it). */
function isInstalled(pkg: string): boolean {
  try {
    nodeRequire.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** A load failure of a native package in words: which library was missing, if we can tell. */
export function describeNativeLoadFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  if (/lib(cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse|cudnn|cuda)\b[^ ]*\.so/i.test(message)) {
    return `CUDA libraries failed to load (libtensorflow 2.9.1 needs CUDA 11.2 and cuDNN 8.1): ${firstLine}`;
  }
  if (/libtensorflow|tfjs_binding|\.node\b|napi/i.test(message)) return `libtensorflow failed to load: ${firstLine}`;
  return `failed to load: ${firstLine}`;
}

async function tryNative(candidate: 'tensorflow-gpu' | 'tensorflow', importModule: (s: string) => Promise<unknown>): Promise<BackendAttempt> {
  const pkg = NATIVE_PACKAGES[candidate];
  if (!isInstalled(pkg)) {
    return { name: candidate, ok: false, why: `${pkg} is not installed (an optional dependency; npm drops it when its libtensorflow download fails)` };
  }
  try {
    await importModule(pkg);
    if (!(await tf.setBackend('tensorflow'))) return { name: candidate, ok: false, why: `${pkg} loaded but its 'tensorflow' backend did not start` };
    return { name: candidate, ok: true, why: `${pkg} loaded (libtensorflow)` };
  } catch (error) {
    return { name: candidate, ok: false, why: describeNativeLoadFailure(error) };
  }
}

async function tryWasm(threads: number): Promise<BackendAttempt> {
  try {
    // Load the binaries from the installed package on disk, not relative to a script URL.
    if (tf.findBackend('wasm') === null) {
      setWasmPaths(`${path.join(path.dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}${path.sep}`);
    }
    const actual = await initWasmBackend({ threads });
    const kernels = registerWasmTrainingKernels();
    return { name: 'wasm', ok: true, why: `WebAssembly, ${actual} thread(s), ${kernels.length} training kernels registered` };
  } catch (error) {
    return { name: 'wasm', ok: false, why: `failed to start: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function tryCpu(): Promise<BackendAttempt> {
  const ok = await tf.setBackend('cpu');
  if (ok) Object.assign(tf.backend(), { firstUse: false }); // its console advert for tfjs-node
  return { name: 'cpu', ok, why: ok ? 'pure JavaScript (slow: training runs at a few beats/s)' : 'failed to start' };
}

/** The preference from the argument, else the environment, else 'auto'; refuses unknown values. */
export function resolvePreference(preference: string | undefined, env: Record<string, string | undefined>): BackendPreference {
  const fromEnv = env[BACKEND_ENV_VAR];
  const raw = preference ?? (fromEnv === undefined || fromEnv === '' ? 'auto' : fromEnv);
  if (!(BACKEND_PREFERENCES as readonly string[]).includes(raw)) {
    const source = preference === undefined ? `from ${BACKEND_ENV_VAR}` : 'as argument';
    throw new BackendError(`unknown TensorFlow.js backend '${raw}' (${source}); choose one of ${BACKEND_PREFERENCES.join(', ')}`);
  }
  return raw as BackendPreference;
}

/**
 * Makes the best available (or the requested) backend the active one; see the file comment.
 * @returns which backend is in use, why, and each one tried with the reason it failed.
 * @throws BackendError for an unknown preference, or when the requested backend (or, on
 *   'auto', every backend) fails to start.
 */
export async function selectBackend(preference?: BackendPreference, options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const env = options.env ?? process.env;
  const chosen = resolvePreference(preference, env);
  const importModule = options.importModule ?? ((specifier: string) => import(/* @vite-ignore */ specifier));
  const candidates: readonly Candidate[] = chosen === 'auto' ? AUTO_ORDER : [chosen];
  const tried: BackendAttempt[] = [];
  for (const candidate of candidates) {
    const attempt =
      candidate === 'wasm'
        ? await tryWasm(options.wasmThreads ?? 1)
        : candidate === 'cpu'
          ? await tryCpu()
          : await tryNative(candidate, importModule);
    tried.push(attempt);
    if (!attempt.ok) continue;
    const source = preference !== undefined ? 'requested' : chosen === 'auto' ? 'auto' : `${BACKEND_ENV_VAR}=${chosen}`;
    const skipped = tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.why}`);
    const reason = `${source}: ${attempt.why}${skipped.length > 0 ? `; not used: ${skipped.join('; ')}` : ''}`;
    const selection: BackendSelection = { name: tf.getBackend(), reason, tried };
    if (!logged) {
      logged = true;
      (options.log ?? console.info)(`TensorFlow.js backend: ${selection.name} (${reason})`);
    }
    return selection;
  }
  throw new BackendError(`no TensorFlow.js backend could start (${chosen}): ${tried.map((t) => `${t.name}: ${t.why}`).join('; ')}`, tried);
}
