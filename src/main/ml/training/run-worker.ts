/**
 * Main side of training in a `worker_threads` Worker (./worker): starts the worker with a
 * TrainingJob, forwards its typed progress stream, cancels it on an AbortSignal, and
 * resolves to the result (or rejects with the worker's error, rebuilt as an AppError with
 * the same code). Training never blocks the calling thread. The same worker evaluates
 * models (`evaluateInWorker`, ../evaluation/evaluation-task), so one bundled entry serves both.
 *
 * Which file the worker runs: by default ./worker.ts beside this file (running from source:
 * CLI, tests, scripts). Node 20 does not apply `--import tsx` given in a worker's execArgv to
 * the worker's own entry ("Unknown file extension .ts"), so a TypeScript entry is started by a
 * two-line bootstrap that registers tsx's ESM hooks (`tsx/esm/api`) inside the worker and
 * then imports it. A bundled app passes the built worker's path instead (electron-vite:
 * `import workerPath from './worker?modulePath'`), which starts directly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { TrainingJob } from './job';
import type { TrainingEvent, TrainingResult } from './progress';
import { TrainingError } from './training-error';
import type { EvaluationProgress, EvaluationTask, ModelEvaluationOutcome } from '../evaluation/evaluation-task';
import type { WorkerInput, WorkerReply, WorkerRequest } from './worker-messages';

/** Options of {@link trainInWorker}. */
export interface WorkerRunOptions {
  signal?: AbortSignal;
  onEvent?: (event: TrainingEvent) => void;
  /** The worker's entry file (default: ./worker.ts, run through tsx). */
  workerPath?: string;
  /** After a cancel, how long to wait for the worker to stop by itself before terminating it (ms, default 120,000). */
  cancelGraceMs?: number;
}

/** The worker entry when running from source. */
export function defaultWorkerPath(): string {
  // Not `new URL('./worker.ts', import.meta.url)`: bundlers rewrite that pattern into an asset.
  return join(dirname(fileURLToPath(import.meta.url)), 'worker.ts');
}

/** file: URL of tsx's ESM registration API, from its package exports. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const entry = pkg.exports['./esm/api']?.import?.default;
  if (entry === undefined) throw new TrainingError('the installed tsx has no ./esm/api export to start a TypeScript worker with');
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/**
 * A worker thread running `path` with `workerData`: directly for JavaScript, through tsx for
 * TypeScript (see the file header). Also used by the analysis worker (../../analysis).
 */
export function startWorkerThread(path: string, workerData: unknown): Worker {
  if (!path.endsWith('.ts')) return new Worker(path, { workerData });
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(path).href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** How {@link runInWorker} treats the worker's replies and a cancel. */
interface WorkerProtocol<R> {
  /** The result in `reply`, or undefined when it is progress (handled here). */
  settle: (reply: WorkerReply) => R | undefined;
  /** Ask the worker to stop and wait for its result (training), or terminate it at once (evaluation). */
  cancel: 'ask' | 'terminate';
  /** What a terminated-at-once run resolves to. */
  cancelled?: () => R;
}

/**
 * Runs the worker `path` with `input` until it posts its result (or error), dies, or is
 * cancelled through `options.signal`.
 */
function runInWorker<R>(path: string, input: WorkerInput, options: WorkerRunOptions, protocol: WorkerProtocol<R>): Promise<R> {
  const worker = startWorkerThread(path, input);
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate().finally(outcome);
    };
    const onAbort = (): void => {
      if (protocol.cancel === 'terminate' && protocol.cancelled) {
        const value = protocol.cancelled();
        finish(() => resolve(value));
        return;
      }
      worker.postMessage({ kind: 'cancel' } satisfies WorkerRequest);
      killTimer = setTimeout(() => finish(() => reject(new TrainingError('the training worker did not stop after cancel; terminated it'))), options.cancelGraceMs ?? 120_000);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerReply) => {
      if (message.kind === 'error') {
        finish(() => reject(new AppError(message.error.code, message.error.message, message.error.detail)));
        return;
      }
      const result = protocol.settle(message);
      if (result !== undefined) finish(() => resolve(result));
    });
    worker.on('error', (error) => finish(() => reject(new TrainingError(`the training worker failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new TrainingError(`the training worker exited (code ${code}) without a result`))));
  });
}

/**
 * Runs `job` in a worker thread; see the file header. A cancelled run resolves with status
 * 'cancelled' (its last checkpoint intact).
 * @throws the worker's error as an AppError (TrainingError when the worker died without one).
 */
export function trainInWorker(job: TrainingJob, options: WorkerRunOptions = {}): Promise<TrainingResult> {
  return runInWorker(options.workerPath ?? defaultWorkerPath(), { job }, options, {
    cancel: 'ask',
    settle: (message) => {
      if (message.kind === 'event') options.onEvent?.(message.event);
      return message.kind === 'done' ? message.result : undefined;
    },
  });
}

/** Options of {@link evaluateInWorker}. */
export interface EvaluationRunOptions extends Omit<WorkerRunOptions, 'onEvent'> {
  onProgress?: (progress: EvaluationProgress) => void;
}

/**
 * Evaluates the task's models in a worker thread (the training worker's entry). Resolves to
 * one outcome per model; a cancel terminates the worker and resolves to null.
 * @throws the worker's error (the backend did not start) as an AppError; TrainingError when the worker died.
 */
export function evaluateInWorker(task: EvaluationTask, options: EvaluationRunOptions = {}): Promise<ModelEvaluationOutcome[] | null> {
  return runInWorker<ModelEvaluationOutcome[] | null>(options.workerPath ?? defaultWorkerPath(), { evaluation: task }, options, {
    cancel: 'terminate',
    cancelled: () => null,
    settle: (message) => {
      if (message.kind === 'evaluation-progress') options.onProgress?.(message.progress);
      return message.kind === 'evaluated' ? message.outcomes : undefined;
    },
  });
}
