/**
 * Entry of the analysis worker (`worker_threads`): waits for `start` messages and runs each
 * analysis (./analyse-record) with the model it names, posting the model, progress and
 * chunks, then `done` or the error (as plain data, see ../../shared/errors `toErrorInfo`).
 * An `uncertainty` message runs the Monte Carlo dropout pass of a classified record
 * (./uncertainty-pass) the same way, posting `uncertainty` blocks instead of chunks.
 * A `cancel` message stops the running analysis before its next chunk; a `warm` message
 * loads the backend and a model ahead of the first analysis.
 *
 * The worker stays alive between analyses (./worker-pool keeps one idle): the tfjs backend
 * and the loaded model (./model-cache) are reused, which saves the start-up of the thread,
 * of TypeScript (from source) and of the backend on the next recording.
 *
 * Kept to this one file so that electron-vite can ship it as its own main entry
 * (`analysis-worker` in electron.vite.config.ts → out/main/analysis-worker.js).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { toErrorInfo } from '../../shared/errors';
import { classifyBeats } from '../ml/inference';
import type { LoadedModel } from '../ml/model-store';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { analyseRecord } from './analyse-record';
import { asAppError } from './analysis-error';
import { cachedModel, ensureBackend } from './model-cache';
import { backgroundYield, reviewerYield, waitWhileAnalysing } from './reviewer-gate';
import { lowerThreadPriority } from './thread-priority';
import type { FromWorker, ToWorker, WorkerAnalysisRequest, WorkerUncertaintyRequest } from './worker-messages';

const cancelled = new Set<number>();

// The analysis gives way to the threads the reviewer waits on (see ./thread-priority).
lowerThreadPriority();

/** One forward pass over a blank beat: the first pass of a model costs ~100 ms of set-up. */
function warmUp(loaded: LoadedModel): void {
  const { windowLength, neighbourDifference } = loaded.card.model;
  const blank = new Float32Array(windowLength);
  classifyBeats(loaded, { windows: blank, differences: neighbourDifference === true ? blank : null, rr: new Float32Array(RR_FEATURE_COUNT).fill(1) });
}

function post(port: MessagePort, message: FromWorker): void {
  if (message.kind === 'chunk') {
    const { samples, probabilities, templateIds } = message.chunk;
    port.postMessage(message, [samples.buffer, probabilities.buffer, templateIds.buffer] as ArrayBuffer[]);
  } else if (message.kind === 'uncertainty') {
    port.postMessage(message, [message.values.samples.buffer, message.values.values.buffer] as ArrayBuffer[]);
  } else {
    port.postMessage(message);
  }
}

/** The backend and model a job asks for, announced with a `model` message. */
async function modelFor(port: MessagePort, id: number, request: WorkerAnalysisRequest | WorkerUncertaintyRequest): Promise<LoadedModel> {
  post(port, { kind: 'progress', id, fraction: 0, message: 'loading the model' });
  const backend = await ensureBackend(request.backend);
  const loaded = await cachedModel(request.modelDir).catch((error: unknown) => {
    throw asAppError(error, request.modelDir);
  });
  post(port, { kind: 'model', id, info: { name: loaded.card.name, version: loaded.card.version, backend: backend.name } });
  return loaded;
}

async function runUncertainty(port: MessagePort, id: number, request: WorkerUncertaintyRequest): Promise<'done' | 'cancelled'> {
  // Loaded on the first pass, not at the worker's start: a cold analysis does not wait for it.
  const { uncertaintyPass } = await import('./uncertainty-pass');
  const loaded = await modelFor(port, id, request);
  return uncertaintyPass(request.headerPath, {
    loaded,
    passes: request.passes,
    fromSample: request.fromSample,
    yieldToReviewer: backgroundYield(request.gate),
    waitForAnalyses: () => waitWhileAnalysing(request.gate, () => cancelled.has(id)),
    isCancelled: () => cancelled.has(id),
    onProgress: (p) => post(port, { kind: 'progress', id, ...p }),
    onValues: (values) => post(port, { kind: 'uncertainty', id, values }),
  });
}

async function run(port: MessagePort, id: number, request: WorkerAnalysisRequest): Promise<'done' | 'cancelled'> {
  const loaded = await modelFor(port, id, request);
  return analyseRecord(request.headerPath, {
    loaded,
    fromSec: request.fromSec,
    yieldToReviewer: reviewerYield(request.gate),
    isCancelled: () => cancelled.has(id),
    onProgress: (p) => post(port, { kind: 'progress', id, ...p }),
    onChunk: (chunk) => post(port, { kind: 'chunk', id, chunk }),
  });
}

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    if (message.kind === 'warm') {
      // Errors surface when an analysis asks for the same backend and model.
      void ensureBackend(message.backend)
        .then(() => cachedModel(message.modelDir))
        .then(warmUp)
        .catch(() => undefined)
        .then(() => post(port, { kind: 'warmed' }));
      return;
    }
    const { id, request } = message;
    const job = message.kind === 'uncertainty' ? runUncertainty(port, id, message.request) : run(port, id, message.request);
    job.then(
      (state) => post(port, { kind: 'done', id, state }),
      (error: unknown) => post(port, { kind: 'error', id, error: toErrorInfo(asAppError(error, request.headerPath)) }),
    ).finally(() => cancelled.delete(id));
  });
}
