/**
 * The research workbench's handlers (issue 8): `research:*` (folder scan, split, training
 * jobs) and `models:*` (the model manager). Built by createServices, which also hands the
 * manager's active model to the review analysis.
 */
import { join } from 'node:path';
import type { CallHandlers, EventSink } from '../../shared/api';
import { createFolderScanner, createJobRunner, planSplit, type JobRunner, type ModelManager } from '../research';

type ResearchChannel =
  | 'research:scanFolder' | 'research:split' | 'research:train' | 'research:job' | 'research:cancel'
  | 'models:list' | 'models:activate' | 'models:delete' | 'models:export' | 'models:import';

/** What the handlers are built from. */
export interface ResearchServiceOptions {
  dataDir: string;
  models: ModelManager;
  events?: EventSink;
  /** Beat cache for training (default `<dataDir>/cache/beats`; null: none). */
  beatCacheDir?: string | null;
  /** The training worker's entry (bundled app); default: the source via tsx. */
  trainingWorkerPath?: string;
}

/** The handlers plus the job runner (to cancel a running job at shutdown). */
export interface ResearchService {
  handlers: Pick<CallHandlers, ResearchChannel>;
  jobs: JobRunner;
}

/** Builds the research handlers. */
export function createResearchService(options: ResearchServiceOptions): ResearchService {
  const scanner = createFolderScanner();
  const { models } = options;
  const jobs = createJobRunner({
    jobsDir: join(options.dataDir, 'research', 'jobs'),
    beatCacheDir: options.beatCacheDir === undefined ? join(options.dataDir, 'cache', 'beats') : options.beatCacheDir,
    models,
    events: options.events,
    workerPath: options.trainingWorkerPath,
  });
  const handlers: ResearchService['handlers'] = {
    'research:scanFolder': ({ path, annotator }) => scanner.scan(path, annotator),
    'research:split': async (request) => planSplit(request, await scanner.scan(request.folder, request.annotator)),
    'research:train': (request) => jobs.start(request),
    'research:job': async ({ id }) => jobs.get(id),
    'research:cancel': ({ id }) => jobs.cancel(id),
    'models:list': () => models.list(),
    'models:activate': ({ id }) => models.activate(id),
    'models:delete': ({ id }) => models.remove(id),
    'models:export': ({ id, to }) => models.exportTo(id, to),
    'models:import': ({ path }) => models.importFrom(path),
  };
  return { handlers, jobs };
}
