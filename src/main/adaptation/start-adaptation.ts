/**
 * `startAdaptation`: runs a patient adaptation (./adapt-job) in its own worker thread
 * (./adapt-worker, started like the training worker: ../ml/training/run-worker
 * `startWorkerThread`, through tsx from source or the bundled file), forwards its progress
 * and resolves with the outcome. The calling thread only receives messages.
 *
 * Cancel: the worker stops within one training step and the outcome is 'cancelled'; a
 * worker that has not stopped after {@link ADAPT_CANCEL_GRACE_MS} is terminated.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { startWorkerThread } from '../ml/training/run-worker';
import { TrainingError } from '../ml/training/training-error';
import type { AdaptHandle, AdaptOutcome, AdaptProgress, AdaptRequest } from './types';
import type { FromAdaptWorker, ToAdaptWorker } from './worker-messages';

/** How long a cancelled adaptation may take to stop before its worker is terminated (ms). */
export const ADAPT_CANCEL_GRACE_MS = 10_000;

/** The worker entry when running from source: ./adapt-worker.ts. */
export function sourceAdaptWorkerPath(): string {
  // Not `new URL(…, import.meta.url)`: bundlers rewrite that pattern into an asset.
  return join(dirname(fileURLToPath(import.meta.url)), 'adapt-worker.ts');
}

/** The bundled worker beside the bundled main script (electron-vite entry `adapt-worker`). */
export function bundledAdaptWorkerPath(mainDir: string): string {
  return join(mainDir, 'adapt-worker.js');
}

/**
 * Starts `request` in a worker; see the file header.
 * @returns a handle whose `done` rejects with the worker's AppError (TrainingError when the worker died without one).
 */
export function startAdaptation(request: AdaptRequest, onProgress: (progress: AdaptProgress) => void, workerPath = sourceAdaptWorkerPath()): AdaptHandle {
  let worker: Worker;
  try {
    worker = startWorkerThread(workerPath, { request });
  } catch (error) {
    return { done: Promise.reject(new TrainingError(`cannot start the adaptation worker ${workerPath}: ${(error as Error).message}`)), cancel: () => undefined };
  }
  let settled = false;
  let cancelRequested = false;
  let timer: NodeJS.Timeout | undefined;
  let armGrace: () => void = () => undefined;
  const cancelledOutcome: AdaptOutcome = { state: 'cancelled', ids: new Int32Array(0), probabilities: new Float32Array(0), classes: 0, reviewedCounts: [], replayBeats: 0, epochs: 0, seconds: 0 };
  const done = new Promise<AdaptOutcome>((resolve, reject) => {
    const finish = (outcome: AdaptOutcome | AppError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.removeAllListeners();
      void worker.terminate();
      if (outcome instanceof AppError) reject(outcome);
      else resolve(cancelRequested ? cancelledOutcome : outcome);
    };
    worker.on('message', (message: FromAdaptWorker) => {
      if (message.kind === 'progress') {
        if (!cancelRequested) onProgress({ fraction: message.fraction, message: message.message });
      } else if (message.kind === 'done') finish(message.outcome);
      else finish(new AppError(message.error.code, message.error.message, message.error.detail ?? {}));
    });
    worker.on('error', (error) => finish(new TrainingError(`the adaptation worker failed: ${error.message}`)));
    worker.on('exit', (code) => finish(cancelRequested ? cancelledOutcome : new TrainingError(`the adaptation worker exited (code ${code}) before it finished`)));
    armGrace = () => {
      timer = setTimeout(() => finish(cancelledOutcome), ADAPT_CANCEL_GRACE_MS);
    };
  });
  return {
    done,
    cancel: () => {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      worker.postMessage({ kind: 'cancel' } satisfies ToAdaptWorker);
      armGrace();
    },
  };
}
