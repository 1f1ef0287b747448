/**
 * Entry of the training worker (`worker_threads`): runs the TrainingJob it is given in
 * `workerData.job` (./job) and posts the progress stream, then the result or the error; or,
 * given `workerData.evaluation`, evaluates models (../evaluation/evaluation-task) and posts
 * each scored record, then the outcomes. A `{ kind: 'cancel' }` message aborts a training
 * run, which then stops within one batch (an evaluation is simply terminated).
 *
 * Kept to this one file so that a bundler can ship it as its own entry (electron-vite:
 * `training-worker` in electron.vite.config.ts → out/main/training-worker.js); ./run-worker
 * starts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import { runEvaluationTask } from '../evaluation/evaluation-task';
import { runTrainingJob } from './job';
import type { WorkerInput, WorkerReply, WorkerRequest } from './worker-messages';

function post(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

function postError(error: unknown): void {
  post({ kind: 'error', error: toErrorInfo(error), stack: error instanceof Error ? (error.stack ?? null) : null });
}

if (parentPort !== null) {
  const controller = new AbortController();
  parentPort.on('message', (message: WorkerRequest) => {
    if (message.kind === 'cancel') controller.abort();
  });
  const input = workerData as WorkerInput;
  if ('evaluation' in input) {
    runEvaluationTask(input.evaluation, { onProgress: (progress) => post({ kind: 'evaluation-progress', progress }) }).then(
      (outcomes) => post({ kind: 'evaluated', outcomes }),
      postError,
    );
  } else {
    runTrainingJob(input.job, { signal: controller.signal, onEvent: (event) => post({ kind: 'event', event }) }).then(
      (result) => post({ kind: 'done', result }),
      postError,
    );
  }
}
