/**
 * `startAnalysis`: runs the analysis of a recording (./analyse-record) in a worker thread
 * (./analysis-worker, from ./worker-pool) and calls the caller's callbacks in the calling
 * thread as the model, progress and chunks arrive; the calling thread only receives
 * messages, so the UI stays responsive.
 *
 * `startUncertaintyPass` runs the later Monte Carlo dropout pass (./uncertainty-pass) the
 * same way.
 *
 * Cancel: the worker is asked to stop and does so before its next chunk (a few hundred ms);
 * nothing more is reported after `cancel()`, and `done` resolves to 'cancelled'. A worker
 * that has not stopped after {@link CANCEL_GRACE_MS} is terminated.
 */
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { AnalysisError } from './analysis-error';
import { reviewerGate } from './reviewer-gate';
import type { FromWorker, ToWorker } from './worker-messages';
import { acquireWorker, prewarmWorker, releaseWorker, sourceAnalysisWorkerPath } from './worker-pool';
import type { AnalysisCallbacks, AnalysisHandle, AnalysisRequest, UncertaintyCallbacks, UncertaintyRequest } from './types';

/** How long a cancelled analysis may take to stop before its worker is terminated (ms). */
export const CANCEL_GRACE_MS = 10_000;

let nextId = 1;

type Outcome = { state: 'done' | 'cancelled' };

/** A job's messages other than `done` and `error`, before any cancel. */
type Deliver = (message: Exclude<FromWorker, { kind: 'warmed' | 'done' | 'error' }>) => void;

/**
 * Runs one job in a worker of `path` (see the file header): posts what `start` makes of
 * the job's id, hands its messages to `deliver` until a cancel, and settles on `done`,
 * `error`, a crash or the cancel grace.
 */
function runJob(path: string, headerPath: string, start: (id: number) => ToWorker, deliver: Deliver): AnalysisHandle {
  const id = nextId++;
  let worker: Worker;
  try {
    worker = acquireWorker(path).worker;
  } catch (error) {
    return { done: Promise.reject(new AnalysisError(headerPath, `cannot start the analysis worker ${path}: ${(error as Error).message}`)), cancel: () => undefined };
  }
  let cancelRequested = false;
  let settled = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveDone!: (outcome: Outcome) => void;
  let rejectDone!: (error: AppError) => void;
  const done = new Promise<Outcome>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

  const finish = (outcome: Outcome | AppError, keepWorker: boolean): void => {
    if (settled) return;
    settled = true;
    clearTimeout(graceTimer);
    if (keepWorker) releaseWorker(path, worker);
    else {
      worker.removeAllListeners();
      void worker.terminate();
    }
    if (outcome instanceof AppError) rejectDone(outcome);
    else resolveDone(outcome);
  };

  const onMessage = (message: FromWorker): void => {
    if (message.kind === 'warmed' || message.id !== id || settled) return;
    if (message.kind === 'done') finish({ state: cancelRequested ? 'cancelled' : message.state }, true);
    else if (message.kind === 'error') finish(new AppError(message.error.code, message.error.message, message.error.detail ?? {}), true);
    else if (!cancelRequested) deliver(message);
  };
  worker.on('message', onMessage);
  worker.on('error', (error) => finish(new AnalysisError(headerPath, `the analysis worker failed: ${error.message}`), false));
  worker.on('exit', (code) => finish(new AnalysisError(headerPath, `the analysis worker exited (code ${code}) before it finished`), false));
  worker.postMessage(start(id));

  return {
    done,
    cancel: () => {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      worker.postMessage({ kind: 'cancel', id } satisfies ToWorker);
      graceTimer = setTimeout(() => finish({ state: 'cancelled' }, false), CANCEL_GRACE_MS);
    },
  };
}

/**
 * Runs detection + classification + template grouping in a worker_threads Worker (see the
 * file header).
 * @returns a handle whose `done` resolves when the worker is finished, or rejects with an
 *   AppError ('wfdb/…' for the record's files, 'ml/model-load', 'ml/backend', 'ml/analysis').
 */
export function startAnalysis(request: AnalysisRequest, callbacks: AnalysisCallbacks): AnalysisHandle {
  const { headerPath, modelDir, backend, fromSec } = request;
  reviewerGate.analysisStarted();
  const handle = runJob(request.workerPath ?? sourceAnalysisWorkerPath(), headerPath, (id) => ({ kind: 'start', id, request: { headerPath, modelDir, backend, fromSec, gate: reviewerGate.buffer } }), (message) => {
    if (message.kind === 'model') callbacks.onModel(message.info);
    else if (message.kind === 'progress') callbacks.onProgress({ fraction: message.fraction, message: message.message });
    else if (message.kind === 'chunk') callbacks.onChunk(message.chunk);
  });
  void handle.done.catch(() => undefined).finally(() => reviewerGate.analysisEnded());
  return handle;
}

/**
 * Runs the Monte Carlo dropout uncertainty pass of a classified record (./uncertainty-pass)
 * in a worker, like {@link startAnalysis}: values arrive in time order through
 * `callbacks.onValues`; `cancel` stops it within one block.
 */
export function startUncertaintyPass(request: UncertaintyRequest, callbacks: UncertaintyCallbacks): AnalysisHandle {
  const { headerPath, modelDir, backend, fromSample, passes } = request;
  return runJob(request.workerPath ?? sourceAnalysisWorkerPath(), headerPath, (id) => ({ kind: 'uncertainty', id, request: { headerPath, modelDir, backend, fromSample, passes, gate: reviewerGate.buffer } }), (message) => {
    if (message.kind === 'progress') callbacks.onProgress({ fraction: message.fraction, message: message.message });
    else if (message.kind === 'uncertainty') callbacks.onValues(message.values);
  });
}

/**
 * Gets a worker ready before the first analysis: started, its backend selected and the
 * model loaded (call it at start-up or when a recording opens, without awaiting; nothing
 * happens when a worker is idle already). Resolves when it is ready; never rejects:
 * failures surface in the analysis itself.
 */
export function prepareAnalysis(request: Pick<AnalysisRequest, 'modelDir' | 'backend' | 'workerPath'>): Promise<void> {
  return prewarmWorker(request.workerPath ?? sourceAnalysisWorkerPath(), request.modelDir, request.backend);
}
