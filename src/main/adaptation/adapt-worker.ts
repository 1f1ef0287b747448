/**
 * Entry of the adaptation worker (`worker_threads`): runs the AdaptRequest it is given in
 * `workerData.request` (./adapt-job) at a lowered thread priority, posts progress, then the
 * outcome (its arrays transferred) or the error as plain data. A `{ kind: 'cancel' }`
 * message stops the tuning within one step.
 *
 * Kept to this one file so that a bundler can ship it as its own entry (as
 * ../analysis/analysis-worker); ./start-adaptation starts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../shared/errors';
import { ensureBackend } from '../analysis/model-cache';
import { lowerThreadPriority } from '../analysis/thread-priority';
import { runAdaptJob } from './adapt-job';
import type { AdaptRequest } from './types';
import type { FromAdaptWorker, ToAdaptWorker } from './worker-messages';

if (parentPort !== null) {
  const port = parentPort;
  lowerThreadPriority();
  const controller = new AbortController();
  port.on('message', (message: ToAdaptWorker) => {
    if (message.kind === 'cancel') controller.abort();
  });
  const { request } = workerData as { request: AdaptRequest };
  const post = (message: FromAdaptWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  ensureBackend(request.backend)
    .then((backend) => runAdaptJob(request, { signal: controller.signal, backend: backend.name, onProgress: (p) => post({ kind: 'progress', ...p }) }))
    .then(
      (outcome) => post({ kind: 'done', outcome }, [outcome.probabilities.buffer as ArrayBuffer]),
      (error: unknown) => post({ kind: 'error', error: toErrorInfo(error) }),
    );
}
