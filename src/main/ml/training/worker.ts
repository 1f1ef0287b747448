/**
 * Entry of the training worker (`worker_threads`): runs the TrainingJob it is given in
 * `workerData.job` (./job) and posts the progress stream, then the result or the error.
 * A `{ kind: 'cancel' }` message aborts the run, which then stops within one batch.
 *
 * Kept to this one file so that a bundler can ship it as its own entry (electron-vite:
 * `import workerPath from './worker?modulePath'`); ./run-worker starts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import { runTrainingJob, type TrainingJob } from './job';
import type { WorkerReply, WorkerRequest } from './worker-messages';

function post(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

if (parentPort !== null) {
  const controller = new AbortController();
  parentPort.on('message', (message: WorkerRequest) => {
    if (message.kind === 'cancel') controller.abort();
  });
  const { job } = workerData as { job: TrainingJob };
  runTrainingJob(job, { signal: controller.signal, onEvent: (event) => post({ kind: 'event', event }) }).then(
    (result) => post({ kind: 'done', result }),
    (error: unknown) => post({ kind: 'error', error: toErrorInfo(error), stack: error instanceof Error ? (error.stack ?? null) : null }),
  );
}
