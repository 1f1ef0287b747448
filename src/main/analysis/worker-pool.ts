/**
 * The analysis workers of this process. An analysis takes an idle worker of its entry file
 * or starts a new one; when it ends, the worker is kept (one idle per entry file) for the
 * next recording, since starting one costs the thread, TypeScript through tsx (from source)
 * and the tfjs backend with its model (bench/analysis.ts measures both). An idle worker is
 * unref'd, so it never keeps the process alive; `disposeAnalysisWorkers` ends them (at
 * shutdown, and after tests).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BackendPreference } from '../ml/backend/select';
import { startWorkerThread } from '../ml/training/run-worker';
import type { FromWorker, ToWorker } from './worker-messages';

/** Idle workers kept per entry file. */
export const MAX_IDLE_WORKERS = 1;

const idle = new Map<string, Worker[]>();

/** The worker entry when running from source: ./analysis-worker.ts, started through tsx. */
export function sourceAnalysisWorkerPath(): string {
  // Not `new URL('./analysis-worker.ts', import.meta.url)`: bundlers rewrite that into an asset.
  return join(dirname(fileURLToPath(import.meta.url)), 'analysis-worker.ts');
}

/** An idle worker of `path` (taken out of the pool), or a new one; `fresh` tells which. */
export function acquireWorker(path: string): { worker: Worker; fresh: boolean } {
  const list = idle.get(path);
  const kept = list?.pop();
  if (kept !== undefined) {
    kept.off('exit', dropIdle);
    kept.ref();
    return { worker: kept, fresh: false };
  }
  return { worker: startWorkerThread(path, {}), fresh: true };
}

function dropIdle(this: Worker): void {
  for (const list of idle.values()) {
    const at = list.indexOf(this);
    if (at >= 0) list.splice(at, 1);
  }
}

/**
 * Gives a worker back after its analysis ended normally: kept idle when the pool has room,
 * else terminated. A worker that failed or was stopped is terminated by the caller instead.
 */
export function releaseWorker(path: string, worker: Worker): void {
  const list = idle.get(path) ?? [];
  if (list.length >= MAX_IDLE_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  worker.on('error', () => undefined); // an idle worker that crashes is dropped below
  worker.on('exit', dropIdle);
  worker.unref();
  list.push(worker);
  idle.set(path, list);
}

/**
 * Starts a worker of `path` ahead of the first analysis (unless one is idle already) and has
 * it load the backend and the model, so that the first recording opened does not wait for
 * the thread, module and backend start-up (about 1–2 s from source, see bench/analysis.ts).
 * Resolves when the worker is ready (or has ended); it never rejects.
 */
export function prewarmWorker(path: string, modelDir: string, backend?: BackendPreference): Promise<void> {
  if ((idle.get(path)?.length ?? 0) > 0) return Promise.resolve();
  const worker = startWorkerThread(path, {});
  worker.postMessage({ kind: 'warm', modelDir, backend } satisfies ToWorker);
  releaseWorker(path, worker);
  return new Promise((resolve) => {
    const onMessage = (message: FromWorker): void => {
      if (message.kind !== 'warmed') return;
      worker.off('message', onMessage).off('exit', onExit);
      resolve();
    };
    const onExit = (): void => {
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage).once('exit', onExit);
  });
}

/** Terminates every idle worker (at shutdown, after tests). Running analyses are not touched. */
export async function disposeAnalysisWorkers(): Promise<void> {
  const all = [...idle.values()].flat();
  idle.clear();
  await Promise.all(all.map((w) => w.terminate()));
}
