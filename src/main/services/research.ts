/**
 * The research workbench's handlers (issue 8): `research:*` (folder scan, split, training
 * jobs with their history, resume and evaluation, evaluating any model) and `models:*` (the
 * model manager). Built by createServices, which also hands the manager's active model to
 * the review analysis. Jobs are kept in `<dataDir>/research/jobs/` between launches.
 */
import { join } from 'node:path';
import type { CallHandlers, EventSink } from '../../shared/api';
import type { BackendPreference } from '../ml/backend/select';
import { createFolderScanner, createJobRunner, createModelEvaluator, planSplit, type EvaluateFn, type JobRunner, type ModelManager } from '../research';
import type { JobRunnerOptions } from '../research/job-runner';

type ResearchChannel =
  | 'research:scanFolder' | 'research:split' | 'research:train' | 'research:job' | 'research:cancel'
  | 'research:resume' | 'research:jobs' | 'research:evaluate'
  | 'models:list' | 'models:activate' | 'models:delete' | 'models:export' | 'models:import';

/** What the handlers are built from. */
export interface ResearchServiceOptions {
  dataDir: string;
  models: ModelManager;
  events?: EventSink;
  /** Beat cache for training and evaluation (default `<dataDir>/cache/beats`; null: none). */
  beatCacheDir?: string | null;
  /** The training worker's entry (bundled app: out/main/training-worker.js); default: the source via tsx. */
  trainingWorkerPath?: string;
  /** Backend preference of `research:evaluate` (a job uses its own request's). */
  backend?: () => Promise<BackendPreference | undefined>;
  /** Replace the workers (tests). */
  train?: JobRunnerOptions['train'];
  evaluate?: EvaluateFn;
}

/** The handlers plus the job runner (its close() also stops evaluations, at shutdown). */
export interface ResearchService {
  handlers: Pick<CallHandlers, ResearchChannel>;
  jobs: JobRunner;
}

/** Builds the research handlers. */
export function createResearchService(options: ResearchServiceOptions): ResearchService {
  const scanner = createFolderScanner();
  const { models } = options;
  const beatCacheDir = options.beatCacheDir === undefined ? join(options.dataDir, 'cache', 'beats') : options.beatCacheDir;
  const workers = {
    ...(options.trainingWorkerPath === undefined ? {} : { workerPath: options.trainingWorkerPath }),
    ...(options.evaluate === undefined ? {} : { evaluate: options.evaluate }),
  };
  const runner = createJobRunner({
    jobsDir: join(options.dataDir, 'research', 'jobs'), beatCacheDir, models, events: options.events, ...workers,
    ...(options.train === undefined ? {} : { train: options.train }),
  });
  const evaluator = createModelEvaluator({ models, beatCacheDir, events: options.events, ...workers, ...(options.backend === undefined ? {} : { backend: options.backend }) });
  const jobs: JobRunner = {
    ...runner,
    close: async () => {
      evaluator.close();
      await runner.close();
    },
  };
  const handlers: ResearchService['handlers'] = {
    'research:scanFolder': ({ path, annotator }) => scanner.scan(path, annotator),
    'research:split': async (request) => planSplit(request, await scanner.scan(request.folder, request.annotator)),
    'research:train': (request) => jobs.start(request),
    'research:job': ({ id }) => jobs.get(id),
    'research:cancel': ({ id }) => jobs.cancel(id),
    'research:resume': ({ id }) => jobs.resume(id),
    'research:jobs': () => jobs.list(),
    'research:evaluate': (request) => evaluator.evaluate(request),
    'models:list': () => models.list(),
    'models:activate': ({ id }) => models.activate(id),
    'models:delete': ({ id }) => models.remove(id),
    'models:export': ({ id, to }) => models.exportTo(id, to),
    'models:import': ({ path }) => models.importFrom(path),
  };
  return { handlers, jobs };
}
