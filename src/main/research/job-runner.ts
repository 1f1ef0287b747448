/**
 * Training jobs of the workbench: one at a time (training saturates the machine), each in a
 * worker thread (src/main/ml/training/run-worker), its events folded into a JobState
 * (./job-history) and forwarded as 'task:progress' (taskId = job id; batch events at most
 * every PROGRESS_INTERVAL_MS). A job's files go to `<jobsDir>/<id>/` (best/, checkpoint/);
 * on success the best model is copied into the model manager under the job's name.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EventSink } from '../../shared/api';
import { toErrorInfo } from '../../shared/errors';
import type { JobState } from '../../shared/research';
import { toTaskProgress, type TrainingEvent } from '../ml/training/progress';
import { trainInWorker, type WorkerRunOptions } from '../ml/training/run-worker';
import type { TrainingJob } from '../ml/training/job';
import type { TrainingResult } from '../ml/training/progress';
import { buildTrainingJob, type TrainArgs } from './build-job';
import { applyEvent, newJobState } from './job-history';
import type { ModelManager } from './model-manager';
import { ResearchError, ResearchNotFoundError } from './research-error';

/** Least time between two forwarded batch progress events. */
export const PROGRESS_INTERVAL_MS = 250;

/** What the runner is built from. */
export interface JobRunnerOptions {
  jobsDir: string;
  /** Beat cache folder (null: none). */
  beatCacheDir: string | null;
  models: ModelManager;
  events?: EventSink;
  /** The training worker's entry (bundled app); default: the source via tsx. */
  workerPath?: string;
  /** Replaces trainInWorker (tests). */
  train?: (job: TrainingJob, options: WorkerRunOptions) => Promise<TrainingResult>;
}

/** The runner. */
export interface JobRunner {
  start(request: TrainArgs): Promise<JobState>;
  get(id: string): JobState;
  cancel(id: string): Promise<JobState>;
  /** Cancels the running job and waits for it (shutdown). */
  close(): Promise<void>;
}

interface Running {
  state: JobState;
  controller: AbortController;
  done: Promise<void>;
}

/** A runner over `options`. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const jobs = new Map<string, Running>();
  const train = options.train ?? trainInWorker;
  let current: Running | null = null;
  const copy = (state: JobState): JobState => structuredClone(state);

  const forward = (state: JobState): ((e: TrainingEvent) => void) => {
    let last = 0;
    return (e) => {
      applyEvent(state, e);
      const now = performance.now();
      if (e.type === 'batch' && e.batch !== e.batches && now - last < PROGRESS_INTERVAL_MS) return;
      if (e.type === 'batch') last = now;
      options.events?.('task:progress', toTaskProgress(state.id, e));
    };
  };

  const finish = async (run: Running, job: TrainingJob, result: TrainingResult): Promise<void> => {
    const { state } = run;
    // The model goes into the manager first: a job reads as ended only once its model is listed.
    if (result.status !== 'cancelled' && result.bestDir !== null) state.modelId = await options.models.add(result.bestDir, job.name);
    state.beatsPerSec = result.beatsPerSec;
    state.etaSec = 0;
    state.fraction = result.status === 'cancelled' ? state.fraction : 1;
    state.status = result.status;
  };

  return {
    async start(request) {
      if (current !== null) throw new ResearchError(`training job ${current.state.id} is still running: cancel it or wait for it to end`, { id: current.state.id });
      if (request.annotator !== undefined && request.annotator !== 'atr') throw new ResearchError(`training reads the reference annotations (.atr), not .${request.annotator}`);
      const id = `job-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
      const job = buildTrainingJob(request, join(options.jobsDir, id), options.beatCacheDir);
      const state = newJobState(id, request.name, job.settings.epochs, { train: job.data.trainRecords, validation: job.data.validationRecords, test: [...request.split.test] }, new Date());
      const controller = new AbortController();
      const run: Running = { state, controller, done: Promise.resolve() };
      run.done = train(job, { signal: controller.signal, onEvent: forward(state), ...(options.workerPath ? { workerPath: options.workerPath } : {}) })
        .then((result) => finish(run, job, result))
        .catch((error: unknown) => {
          const info = toErrorInfo(error);
          Object.assign(state, { status: 'failed', error: { code: info.code, message: info.message } });
        })
        .finally(() => {
          state.endedAt = new Date().toISOString();
          if (current === run) current = null;
          options.events?.('task:progress', { taskId: id, label: 'Training', fraction: state.status === 'failed' ? null : state.fraction, message: `training ${state.status}` });
        });
      jobs.set(id, run);
      current = run;
      return copy(state);
    },
    get(id) {
      const run = jobs.get(id);
      if (!run) throw new ResearchNotFoundError(`no training job ${id}`, { id });
      return copy(run.state);
    },
    async cancel(id) {
      const run = jobs.get(id);
      if (!run) throw new ResearchNotFoundError(`no training job ${id}`, { id });
      run.controller.abort();
      await run.done;
      return copy(run.state);
    },
    async close() {
      const run = current;
      if (run === null) return;
      run.controller.abort();
      await run.done;
    },
  };
}
