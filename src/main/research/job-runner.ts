/**
 * Training jobs of the workbench: one at a time (training saturates the machine), each in a
 * worker thread (src/main/ml/training/run-worker), its events folded into a JobState
 * (./job-history) and forwarded as 'task:progress' (taskId = job id; batch events at most
 * every PROGRESS_INTERVAL_MS). A job's files go to `<jobsDir>/<id>/` (./job-store: state.json,
 * job.json, best/, checkpoint/). A job trains (phase 'training'); its best model is copied
 * into the model manager under the job's name; then it is evaluated against the model active
 * at its start (phase 'evaluating', ./job-evaluation; status still 'running'); then it ends.
 * A cancelled or failed job with a checkpoint resumes from it under the same id.
 *
 * A cancel during the evaluation skips it: the job ends with its training status and no
 * evaluation (the model is saved and usable).
 */
import { randomBytes } from 'node:crypto';
import type { EventSink } from '../../shared/api';
import { toErrorInfo } from '../../shared/errors';
import type { JobState } from '../../shared/research';
import { toTaskProgress, type TrainingEvent, type TrainingResult } from '../ml/training/progress';
import { evaluateInWorker, trainInWorker, type WorkerRunOptions } from '../ml/training/run-worker';
import type { TrainingJob } from '../ml/training/job';
import { buildTrainingJob, type TrainArgs } from './build-job';
import { evaluateJob, type EvaluateFn } from './job-evaluation';
import { applyEvent, newJobState } from './job-history';
import { createJobStore, MAX_JOBS_KEPT, newestFirst, type JobRecord } from './job-store';
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
  /** The training worker's entry (bundled app: out/main/training-worker.js); default: the source via tsx. */
  workerPath?: string;
  /** Replaces trainInWorker (tests). */
  train?: (job: TrainingJob, options: WorkerRunOptions) => Promise<TrainingResult>;
  /** Replaces evaluateInWorker (tests). */
  evaluate?: EvaluateFn;
}

/** The runner. Jobs of earlier launches are read from `jobsDir` when it is created. */
export interface JobRunner {
  start(request: TrainArgs): Promise<JobState>;
  get(id: string): Promise<JobState>;
  /** Every job kept, newest first (at most MAX_JOBS_KEPT). */
  list(): Promise<JobState[]>;
  cancel(id: string): Promise<JobState>;
  /** Continues a cancelled or failed job from its checkpoint. @throws ResearchError when it cannot */
  resume(id: string): Promise<JobState>;
  /** Cancels the running job and waits for it (shutdown). */
  close(): Promise<void>;
}

interface Entry {
  state: JobState;
  controller: AbortController | null;
  done: Promise<void>;
}

/** A runner over `options`. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { models } = options;
  const store = createJobStore(options.jobsDir);
  const jobs = new Map<string, Entry>();
  const train = options.train ?? trainInWorker;
  const evaluate = options.evaluate ?? evaluateInWorker;
  const workerPath = options.workerPath === undefined ? {} : { workerPath: options.workerPath };
  let current: Entry | null = null;
  const copy = (state: JobState): JobState => structuredClone(state);
  // Persistence is best effort once a job runs: a full disk must not stop the training.
  // Saves go one after another, each of the state as it was when asked for: two writes in
  // flight at once could land out of order and leave an older state (a running job) on disk.
  let saving: Promise<void> = Promise.resolve();
  const saveQuietly = (state: JobState): Promise<void> => {
    const snapshot = copy(state);
    saving = saving.then(() => store.save(snapshot)).catch((error: unknown) => console.warn(`could not save job ${snapshot.id}: ${toErrorInfo(error).message}`));
    return saving;
  };
  const persist = (state: JobState): void => void saveQuietly(state);
  const ready = store.loadAll().then((states) => {
    for (const state of states) jobs.set(state.id, { state, controller: null, done: Promise.resolve() });
    return prune();
  });

  async function prune(): Promise<void> {
    const old = [...jobs.values()].map((e) => e.state).sort(newestFirst).slice(MAX_JOBS_KEPT).filter((s) => s.status !== 'running');
    for (const s of old) jobs.delete(s.id);
    await store.remove(old.map((s) => s.id)).catch(() => undefined);
  }

  const forward = (state: JobState): ((e: TrainingEvent) => void) => {
    let last = 0;
    return (e) => {
      applyEvent(state, e);
      if (e.type === 'start' || e.type === 'epoch') persist(state);
      const now = performance.now();
      if (e.type === 'batch' && e.batch !== e.batches && now - last < PROGRESS_INTERVAL_MS) return;
      if (e.type === 'batch') last = now;
      options.events?.('task:progress', toTaskProgress(state.id, e));
    };
  };

  /** After training: the model into the manager, then the evaluation phase. */
  async function finish(entry: Entry, job: TrainingJob, record: JobRecord, result: TrainingResult, signal: AbortSignal): Promise<void> {
    const { state } = entry;
    Object.assign(state, { beatsPerSec: result.beatsPerSec, etaSec: 0, fraction: result.status === 'cancelled' ? state.fraction : 1 });
    if (result.status !== 'cancelled' && result.bestDir !== null) {
      // The model goes into the manager first: a job reads as ended only once its model is listed.
      state.modelId = await models.add(result.bestDir, job.name);
      if (!signal.aborted) {
        state.phase = 'evaluating';
        persist(state);
        options.events?.('task:progress', { taskId: state.id, label: 'Evaluating', fraction: 0, message: 'evaluating the new model and the active one' });
        state.evaluation = await evaluateJob({
          state, dataDir: job.data.dataDir, cacheDir: options.beatCacheDir, models, activeAtStart: record.activeAtStart, evaluate, signal,
          ...workerPath, ...(job.backend === undefined ? {} : { backend: job.backend }),
          onProgress: (p) => options.events?.('task:progress', p),
        });
      }
    }
    state.status = result.status;
  }

  /** Trains `job` for `entry` (a new job or a resumed one) and ends it. */
  function launch(entry: Entry, job: TrainingJob, record: JobRecord): void {
    const { state } = entry;
    const controller = new AbortController();
    entry.controller = controller;
    current = entry;
    entry.done = train(job, { signal: controller.signal, onEvent: forward(state), ...workerPath })
      .then((result) => finish(entry, job, record, result, controller.signal))
      .catch((error: unknown) => {
        const info = toErrorInfo(error);
        Object.assign(state, { status: 'failed', error: { code: info.code, message: info.message } });
      })
      .then(async () => {
        state.resumable = (state.status === 'cancelled' || state.status === 'failed') && state.modelId === null && (await store.hasCheckpoint(state.id));
      })
      .then(async () => {
        const ended = { endedAt: new Date().toISOString(), phase: 'ended' as const };
        entry.controller = null;
        if (current === entry) current = null;
        // On disk before the job reads as ended, so that whoever sees its end (a cancel or
        // close waiting on `done`, a poll of the job) finds that end in state.json too.
        await saveQuietly({ ...state, ...ended });
        Object.assign(state, ended);
        options.events?.('task:progress', { taskId: state.id, label: 'Training', fraction: state.status === 'failed' ? null : state.fraction, message: `training ${state.status}` });
      });
  }

  const find = (id: string): Entry => {
    const entry = jobs.get(id);
    if (!entry) throw new ResearchNotFoundError(`no training job ${id}`, { id });
    return entry;
  };
  const refuseWhileRunning = (what: string): void => {
    if (current !== null) throw new ResearchError(`training job ${current.state.id} is still running: cancel it or wait for it to end before ${what}`, { id: current.state.id });
  };

  return {
    async start(request) {
      await ready;
      refuseWhileRunning('starting another');
      if (request.annotator !== undefined && request.annotator !== 'atr') throw new ResearchError(`training reads the reference annotations (.atr), not .${request.annotator}`);
      const id = `job-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
      const job = buildTrainingJob(request, store.dirOf(id), options.beatCacheDir);
      const active = (await models.list()).find((m) => m.active);
      const record: JobRecord = { request, activeAtStart: active === undefined ? null : { id: active.id, name: active.name } };
      refuseWhileRunning('starting another'); // checked again: another start may have come in during the await
      const state = newJobState(id, request.name, job.settings.epochs, { train: job.data.trainRecords, validation: job.data.validationRecords, test: [...request.split.test] }, new Date());
      const entry: Entry = { state, controller: null, done: Promise.resolve() };
      jobs.set(id, entry);
      current = entry; // taken now: a start or resume arriving during the writes is refused
      await Promise.all([store.writeRecord(id, record).catch(() => undefined), saveQuietly(state)]);
      const started = copy(state);
      launch(entry, job, record);
      await prune();
      return started;
    },
    async get(id) {
      await ready;
      return copy(find(id).state);
    },
    async list() {
      await ready;
      return [...jobs.values()].map((e) => copy(e.state)).sort(newestFirst).slice(0, MAX_JOBS_KEPT);
    },
    async cancel(id) {
      await ready;
      const entry = find(id);
      entry.controller?.abort();
      await entry.done;
      return copy(entry.state);
    },
    async resume(id) {
      await ready;
      const entry = find(id);
      refuseWhileRunning(`resuming ${id}`);
      const { state } = entry;
      if (state.status !== 'cancelled' && state.status !== 'failed') throw new ResearchError(`job ${id} is ${state.status}: only a cancelled or failed job can be resumed`, { id });
      if (state.modelId !== null) throw new ResearchError(`job ${id} already saved its model "${state.modelId}": there is nothing to resume`, { id });
      if (!(await store.hasCheckpoint(id))) throw new ResearchError(`job ${id} has no checkpoint to resume from (it stopped before its first epoch ended): start it again`, { id });
      const record = await store.readRecord(id);
      const job = { ...buildTrainingJob(record.request, store.dirOf(id), options.beatCacheDir), resume: true };
      refuseWhileRunning(`resuming ${id}`);
      current = entry;
      Object.assign(state, { status: 'running', phase: 'training', endedAt: null, error: null, resumable: false, batch: null, etaSec: null, evaluation: null });
      await saveQuietly(state);
      const resumed = copy(state);
      launch(entry, job, record);
      return resumed;
    },
    async close() {
      await ready.catch(() => undefined);
      current?.controller?.abort();
      // Every job's end, its last state.json write included (a job may have just ended).
      await Promise.all([...jobs.values()].map((e) => e.done));
    },
  };
}
