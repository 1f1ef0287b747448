/**
 * Training jobs on disk, so that the workbench's history outlives the app: each job's folder
 * `<jobsDir>/<id>/` holds `state.json` (its JobState, rewritten atomically through
 * ../fs/atomic-write on start, each epoch, each phase change and at the end), `job.json`
 * (the request and the model active at its start: what a resume needs) and the trainer's
 * `best/` and `checkpoint/` folders.
 *
 * Read back at start-up: a job still 'running' on disk was cut off by the app's end (a kill
 * or a crash) and becomes 'cancelled', resumable when its checkpoint exists. Only the newest
 * MAX_JOBS_KEPT jobs are kept; older job folders (their checkpoints with them; saved models
 * live in the model manager, not here) are removed, so the folder does not grow for ever.
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { jobIdSchema, type JobState } from '../../shared/research';
import { writeFileAtomic } from '../fs/atomic-write';
import { CHECKPOINT_FILES } from '../ml/training/checkpoint';
import { RUN_FOLDERS } from '../ml/training/trainer';
import type { TrainArgs } from './build-job';
import { ResearchError } from './research-error';

/** File names in a job's folder. */
export const JOB_FILES = Object.freeze({ state: 'state.json', job: 'job.json' });
/** Jobs kept (and listed), newest first. */
export const MAX_JOBS_KEPT = 50;

/** What `job.json` holds: the request and the model active when the job started. */
export interface JobRecord {
  request: TrainArgs;
  activeAtStart: { id: string; name: string } | null;
}

/** The jobs folder. */
export interface JobStore {
  readonly jobsDir: string;
  dirOf(id: string): string;
  /** Writes `state` (a copy is taken now; writes of one store happen in call order). */
  save(state: JobState): Promise<void>;
  writeRecord(id: string, record: JobRecord): Promise<void>;
  /** @throws ResearchError when the job's job.json is missing or damaged */
  readRecord(id: string): Promise<JobRecord>;
  /** Whether the job's trainer checkpoint exists (it can be resumed from). */
  hasCheckpoint(id: string): Promise<boolean>;
  /** Every readable job, newest first, after the start-up fix (see the file header). */
  loadAll(now?: Date): Promise<JobState[]>;
  /** Removes the folders of `ids`. */
  remove(ids: readonly string[]): Promise<void>;
}

const STATUSES: readonly string[] = ['running', 'completed', 'early-stopped', 'cancelled', 'failed'];

/** `text` as a JobState of job `id`, or null when it is not one (a damaged file is skipped, not fatal). */
export function parseJobState(text: string, id: string): JobState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<JobState>;
  if (s.id !== id || typeof s.name !== 'string' || typeof s.startedAt !== 'string' || !STATUSES.includes(s.status ?? '')) return null;
  if (!Array.isArray(s.history) || typeof s.split !== 'object' || s.split === null) return null;
  // Fields added after a state was written read as their neutral value.
  return { ...(s as JobState), evaluation: s.evaluation ?? null, phase: s.phase ?? 'ended', resumable: s.resumable ?? false };
}

/** `state` after the app ended while it ran: cancelled now, resumable with a checkpoint and no saved model. */
export function interruptedState(state: JobState, checkpoint: boolean, now: Date): JobState {
  if (state.status !== 'running') return state;
  return { ...state, status: 'cancelled', phase: 'ended', endedAt: now.toISOString(), batch: null, etaSec: null, resumable: checkpoint && state.modelId === null };
}

/** Newest first by start time (ids break ties: they start with the time in base 36). */
export function newestFirst(a: JobState, b: JobState): number {
  return b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id);
}

/** A store over `jobsDir` (created on the first write). */
export function createJobStore(jobsDir: string): JobStore {
  let writes: Promise<unknown> = Promise.resolve();
  const dirOf = (id: string): string => join(jobsDir, id);
  const enqueue = (write: () => Promise<void>): Promise<void> => {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  };
  const writeJson = (id: string, file: string, value: unknown): Promise<void> => {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    return enqueue(async () => {
      await mkdir(dirOf(id), { recursive: true });
      await writeFileAtomic(join(dirOf(id), file), text);
    });
  };
  const hasCheckpoint = async (id: string): Promise<boolean> =>
    stat(join(dirOf(id), RUN_FOLDERS.checkpoint, CHECKPOINT_FILES.state)).then((s) => s.isFile(), () => false);

  return {
    jobsDir,
    dirOf,
    save: (state) => writeJson(state.id, JOB_FILES.state, state),
    writeRecord: (id, record) => writeJson(id, JOB_FILES.job, record),
    async readRecord(id) {
      const path = join(dirOf(id), JOB_FILES.job);
      try {
        const record = JSON.parse(await readFile(path, 'utf8')) as JobRecord;
        if (typeof record.request !== 'object' || record.request === null) throw new Error('no request in it');
        return record;
      } catch (error) {
        throw new ResearchError(`job ${id} cannot be resumed: ${path} is missing or damaged (${(error as Error).message})`, { id, file: path });
      }
    },
    hasCheckpoint,
    async loadAll(now = new Date()) {
      const entries = await readdir(jobsDir, { withFileTypes: true }).catch(() => []);
      const ids = entries.filter((e) => e.isDirectory() && jobIdSchema.safeParse(e.name).success).map((e) => e.name);
      const states = await Promise.all(
        ids.map(async (id) => {
          const text = await readFile(join(dirOf(id), JOB_FILES.state), 'utf8').catch(() => null);
          const state = text === null ? null : parseJobState(text, id);
          if (state === null || state.status !== 'running') return state;
          const fixed = interruptedState(state, await hasCheckpoint(id), now);
          await writeJson(id, JOB_FILES.state, fixed).catch(() => undefined);
          return fixed;
        }),
      );
      return states.filter((s): s is JobState => s !== null).sort(newestFirst);
    },
    async remove(ids) {
      await Promise.all(ids.map((id) => rm(dirOf(id), { recursive: true, force: true })));
    },
  };
}
