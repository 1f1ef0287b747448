import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from '../../../../src/main/research/job-runner';
import { createModelManager } from '../../../../src/main/research/model-manager';
import { newJobState } from '../../../../src/main/research/job-history';
import { TrainingError } from '../../../../src/main/ml/training/training-error';
import type { TrainingJob } from '../../../../src/main/ml/training/job';
import type { TrainingResult } from '../../../../src/main/ml/training/progress';
import type { WorkerRunOptions } from '../../../../src/main/ml/training/run-worker';
import type { EvaluationTask, ModelEvaluationOutcome } from '../../../../src/main/ml/evaluation/evaluation-task';
import type { TaskProgress } from '../../../../src/shared/domain';
import type { JobState } from '../../../../src/shared/research';
import { useTempDir } from '../../../support/temp-dir';
import { fakeTrain, outcome, result } from './job-fakes';

const BUNDLED = resolve(__dirname, '../../../../models/rhythm-attention-default');
const temp = useTempDir('ra-jobs-');
const request = { name: 'Fake', folder: '/data/mitdb', split: { train: ['101'], validation: ['118'], test: ['100'] }, epochs: 2 };

/** An evaluation fake: every model gets the same 6 beats, one S beat taken for N. */
const evaluateAll = async (task: EvaluationTask): Promise<ModelEvaluationOutcome[]> =>
  task.models.map((m) => outcome(m, task.records, [0, 0, 0, 1, 1, 2], [0, 0, 0, 1, 0, 2]));

function runner(extra: Partial<JobRunnerOptions> & { dataDir?: string; jobsDir?: string } = {}) {
  const dataDir = extra.dataDir ?? join(temp(), 'data');
  const models = createModelManager({ dataDir, bundledDir: BUNDLED });
  const progress: TaskProgress[] = [];
  const jobs = createJobRunner({
    jobsDir: extra.jobsDir ?? join(temp(), 'jobs'), beatCacheDir: null, models, events: (_e, p) => progress.push(p as TaskProgress),
    train: fakeTrain({ end: () => result(BUNDLED) }), evaluate: evaluateAll, ...extra,
  });
  return { jobs, models, progress };
}

/** The job once it has ended (polls: a cancel would skip its evaluation). */
async function ended(jobs: JobRunner, id: string): Promise<JobState> {
  for (let i = 0; i < 200; i++) {
    const state = await jobs.get(id);
    if (state.phase === 'ended') return jobs.cancel(id); // waits for the end to be on disk
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} did not end`);
}

async function savedState(jobsDir: string, id: string): Promise<JobState> {
  return JSON.parse(await readFile(join(jobsDir, id, 'state.json'), 'utf8')) as JobState;
}

describe('createJobRunner', () => {
  it('folds the events into curves, throttles batch progress and saves the best model', async () => {
    const { jobs, models, progress } = runner();
    const { id } = await jobs.start(request);
    const state = await ended(jobs, id);
    expect(state).toMatchObject({ status: 'completed', phase: 'ended', backend: 'cpu', backendReason: 'asked for', fraction: 1, modelId: 'fake', error: null, resumable: false });
    expect(state.history.map((h) => [h.epoch, h.trainLoss, h.validationMacroF1])).toEqual([[1, 1, 0.4], [2, 0.5, 0.4]]);
    expect(state.history[0]!.validationF1).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    // Batches 1 and 3 of epoch 1 and batch 3 of epoch 2 pass (the first, then each epoch's last); batch 2s fall within 250 ms.
    const batchLines = progress.filter((p) => /^epoch \d+\/\d+ batch/.test(p.message));
    expect(batchLines).toHaveLength(3);
    expect(progress.every((p) => p.taskId === id)).toBe(true);
    expect((await models.list()).map((m) => m.id)).toContain('fake');
  });

  it('records a failure with its code and lets the next job start', async () => {
    let fail = true;
    const { jobs } = runner({ train: fakeTrain({ end: () => (fail ? new TrainingError('no beats of class S') : result(null, 'cancelled')) }) });
    const a = await jobs.start(request);
    expect(await jobs.cancel(a.id)).toMatchObject({ status: 'failed', error: { code: 'ml/training', message: 'no beats of class S' }, resumable: true });
    fail = false;
    const b = await jobs.start(request);
    expect(await jobs.cancel(b.id)).toMatchObject({ status: 'cancelled', modelId: null });
    await expect(jobs.get('job-none')).rejects.toThrow(/no training job/);
  });

  it('refuses a second job while one runs, and another annotator than the reference', async () => {
    const untilAborted = (_job: TrainingJob, options: WorkerRunOptions): Promise<TrainingResult> =>
      new Promise((done) => options.signal?.addEventListener('abort', () => done(result(null, 'cancelled'))));
    const { jobs } = runner({ train: untilAborted });
    await expect(jobs.start({ ...request, annotator: 'qrs' })).rejects.toThrow(/reference annotations/);
    const a = await jobs.start(request);
    await expect(jobs.start(request)).rejects.toThrow(`training job ${a.id} is still running`);
    expect(await jobs.cancel(a.id)).toMatchObject({ status: 'cancelled', resumable: false }); // no epoch, no checkpoint
    await expect(jobs.start(request)).resolves.toMatchObject({ status: 'running' });
    await jobs.close();
  });
});

describe('createJobRunner history', () => {
  it('writes each job to state.json and lists them newest first in a later launch', async () => {
    const jobsDir = join(temp(), 'jobs');
    const first = runner({ jobsDir, dataDir: join(temp(), 'data') });
    const a = await first.jobs.start({ ...request, name: 'First' });
    await ended(first.jobs, a.id);
    const b = await first.jobs.start({ ...request, name: 'Second' });
    const last = await ended(first.jobs, b.id);
    expect(await savedState(jobsDir, b.id)).toEqual(last);
    const again = runner({ jobsDir, dataDir: join(temp(), 'data') });
    const listed = await again.jobs.list();
    expect(listed.map((j) => j.name)).toEqual(['Second', 'First']);
    expect(listed[0]).toEqual(last);
    expect(await again.jobs.get(a.id)).toMatchObject({ name: 'First', status: 'completed', history: [{ epoch: 1 }, { epoch: 2 }] });
  });

  it('reads a job left running by a killed app as cancelled, resumable only with a checkpoint', async () => {
    const jobsDir = join(temp(), 'jobs');
    const split = { train: ['101'], validation: ['118'], test: [] };
    for (const [id, checkpoint] of [['job-a', true], ['job-b', false]] as const) {
      await mkdir(join(jobsDir, id, checkpoint ? 'checkpoint' : ''), { recursive: true });
      if (checkpoint) await writeFile(join(jobsDir, id, 'checkpoint', 'trainer-state.json'), '{}');
      await writeFile(join(jobsDir, id, 'state.json'), JSON.stringify(newJobState(id, id, 5, split, new Date(id === 'job-a' ? 1000 : 2000))));
    }
    await mkdir(join(jobsDir, 'job-c'));
    await writeFile(join(jobsDir, 'job-c', 'state.json'), '{"id": "job-c", "trunc'); // damaged: skipped
    const { jobs } = runner({ jobsDir });
    const listed = await jobs.list();
    expect(listed.map((j) => [j.id, j.status, j.phase, j.resumable])).toEqual([['job-b', 'cancelled', 'ended', false], ['job-a', 'cancelled', 'ended', true]]);
    expect(listed.every((j) => j.endedAt !== null)).toBe(true);
    expect(await savedState(jobsDir, 'job-a')).toMatchObject({ status: 'cancelled', resumable: true });
  });

  it('keeps only the newest 50 jobs', async () => {
    const jobsDir = join(temp(), 'jobs');
    const split = { train: ['101'], validation: ['118'], test: [] };
    for (let i = 0; i < 52; i++) {
      const id = `job-${String(i).padStart(3, '0')}`;
      await mkdir(join(jobsDir, id), { recursive: true });
      await writeFile(join(jobsDir, id, 'state.json'), JSON.stringify({ ...newJobState(id, id, 1, split, new Date(i * 1000)), status: 'completed' }));
    }
    const { jobs } = runner({ jobsDir });
    const listed = await jobs.list();
    expect(listed).toHaveLength(50);
    expect(listed.at(-1)!.id).toBe('job-002');
    await expect(readFile(join(jobsDir, 'job-000', 'state.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('createJobRunner resume', () => {
  it('continues a cancelled job from its checkpoint under the same id to the end', async () => {
    const calls: TrainingJob[] = [];
    const jobsDir = join(temp(), 'jobs');
    const { jobs } = runner({ jobsDir, train: fakeTrain({ end: () => result(BUNDLED), stopAfter: 1, calls }) });
    const { id } = await jobs.start({ ...request, epochs: 3 });
    const stopped = await ended(jobs, id);
    expect(stopped).toMatchObject({ status: 'cancelled', resumable: true, modelId: null });
    expect(stopped.history.map((h) => h.epoch)).toEqual([1]);
    expect(await jobs.resume(id)).toMatchObject({ id, status: 'running', phase: 'training', resumable: false, endedAt: null });
    const done = await ended(jobs, id);
    expect(calls.map((j) => [j.resume, j.outDir])).toEqual([[false, join(jobsDir, id)], [true, join(jobsDir, id)]]);
    expect(done).toMatchObject({ status: 'completed', phase: 'ended', modelId: 'fake', fraction: 1 });
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect((await savedState(jobsDir, id)).history).toHaveLength(3);
    await expect(jobs.resume(id)).rejects.toThrow(/is completed: only a cancelled or failed job/);
  });

  it('resumes a job of an earlier launch, and refuses one without a checkpoint or while another runs', async () => {
    const jobsDir = join(temp(), 'jobs');
    const first = runner({ jobsDir, train: fakeTrain({ end: () => result(null, 'cancelled', 0), stopAfter: 1 }) });
    const withCheckpoint = await first.jobs.start(request);
    await ended(first.jobs, withCheckpoint.id);
    const never = (_job: TrainingJob, o: WorkerRunOptions): Promise<TrainingResult> => new Promise((done) => o.signal?.addEventListener('abort', () => done(result(null, 'cancelled', 0))));
    const second = runner({ jobsDir, train: never });
    const blank = await second.jobs.start(request);
    await expect(second.jobs.resume(withCheckpoint.id)).rejects.toThrow(`training job ${blank.id} is still running`);
    await second.jobs.cancel(blank.id);
    await expect(second.jobs.resume(blank.id)).rejects.toThrow(/has no checkpoint to resume from/);
    const third = runner({ jobsDir, train: fakeTrain({ end: () => result(BUNDLED) }) });
    await third.jobs.resume(withCheckpoint.id);
    expect(await ended(third.jobs, withCheckpoint.id)).toMatchObject({ status: 'completed', history: [{ epoch: 1 }, { epoch: 2 }] });
    await expect(third.jobs.resume('job-zzz')).rejects.toThrow(/no training job job-zzz/);
  });
});

describe('createJobRunner evaluation', () => {
  it('evaluates the new and the previously active model on the test records while still running, then stores the figures', async () => {
    let release: () => void = () => undefined;
    const tasks: EvaluationTask[] = [];
    const evaluate = async (task: EvaluationTask): Promise<ModelEvaluationOutcome[]> => {
      tasks.push(task);
      await new Promise<void>((r) => (release = r));
      return evaluateAll(task);
    };
    const { jobs, models } = runner({ evaluate });
    const { id } = await jobs.start(request);
    for (let i = 0; i < 50 && tasks.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await jobs.get(id)).toMatchObject({ status: 'running', phase: 'evaluating', modelId: 'fake', evaluation: null });
    expect(tasks[0]!.models.map((m) => m.id)).toEqual(['fake', 'rhythm-attention-default']);
    expect(tasks[0]!.records).toEqual(['100']);
    release();
    const done = await ended(jobs, id);
    expect(done).toMatchObject({ status: 'completed', phase: 'ended', evaluation: { set: 'test', note: null, model: { modelId: 'fake', beats: 6 }, active: { modelId: 'rhythm-attention-default' } } });
    expect(done.evaluation!.model.perClass.find((c) => c.name === 'S')).toMatchObject({ support: 2, se: 0.5, ppv: 1 });
    const listed = (await models.list()).find((m) => m.id === 'fake')!;
    expect(listed.test).toMatchObject({ records: ['100'], accuracy: 5 / 6 });
  });

  it('evaluates on the validation records without a test set and notes an active model that failed', async () => {
    const evaluate = async (task: EvaluationTask): Promise<ModelEvaluationOutcome[]> => [
      (await evaluateAll(task))[0]!,
      { ok: false, error: { code: 'ml/model-load', message: 'model "rhythm-attention-default": weights.bin is damaged' } },
    ];
    const { jobs, models } = runner({ evaluate });
    const { id } = await jobs.start({ ...request, split: { ...request.split, test: [] } });
    const done = await ended(jobs, id);
    expect(done.evaluation).toMatchObject({ set: 'validation', model: { records: ['118'] }, active: null, note: expect.stringMatching(/could not be evaluated: .*weights.bin is damaged/) });
    // Validation figures are not test figures: the card keeps the test figures it came with.
    const listed = await models.list();
    const [bundled, fake] = ['rhythm-attention-default', 'fake'].map((id) => listed.find((m) => m.id === id)!.test);
    expect(fake).toEqual(bundled);
  });

  it('fails the job with the evaluation error of its new model, naming the model', async () => {
    const evaluate = async (): Promise<ModelEvaluationOutcome[]> => [{ ok: false, error: { code: 'file/not-found', message: 'model "fake", record 100: no reference beats' } }];
    const { jobs } = runner({ evaluate });
    const { id } = await jobs.start(request);
    expect(await ended(jobs, id)).toMatchObject({ status: 'failed', phase: 'ended', modelId: 'fake', resumable: false, error: { code: 'file/not-found', message: 'model "fake", record 100: no reference beats' } });
  });
});
