/**
 * The services behind every transport: `createServices` returns one handler per call
 * channel of the contract. Plain TypeScript with no Electron, so the Electron IPC, the
 * loopback HTTP server, the CLI and the tests all run the same code. Paths and
 * transport-specific pieces (the native file dialog) arrive as options.
 */
import { resolve } from 'node:path';
import type { CallHandlers, EventSink } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { listSamples } from './library';
import { createRecentStore } from './recent-store';
import { createRecordingCache, DEFAULT_CACHE_CAPACITY } from './record-cache';
import { createRecordingHandlers, openRecordingAt } from './recordings';
import { receiveUpload } from './upload';
import { createMlBackendHandler } from './ml-backend';
import { BACKEND_ENV_VAR, type BackendPreference } from '../ml/backend/select';
import { defaultModelDir, disposeAnalysisWorkers, prepareAnalysis } from '../analysis';
import { readBackendSetting } from './ml-backend';
import { createReviewService, type AnalysisApi } from './review';
import { reviewerFirst } from './reviewer-first';
import { createExportHandlers } from './export';
import { createReportHandlers } from './report';
import { createResearchService } from './research';
import { createModelManager } from '../research';

export interface ServicesOptions {
  /** Writable folder for the recent list and uploads (Electron: userData). */
  dataDir: string;
  /** Folder holding `samples/` (dev: <repo>/resources; packaged: the app's resources). */
  resourcesDir: string;
  /** Which transport serves these handlers, reported by `app:info`. */
  transport: 'electron' | 'loopback';
  /** App version for `app:info`. */
  version: string;
  /** The native open dialog (Electron only); resolves to a header path or null when cancelled. */
  openDialog?: () => Promise<string | null>;
  /** The TensorFlow.js backend to use (default: RA_TF_BACKEND, then settings.json, then the best that loads). */
  mlBackend?: BackendPreference;
  /** Records kept open at once (default 8). */
  cacheCapacity?: number;
  /** Where events ('review:changed', 'task:progress') go; none are sent without it. */
  events?: EventSink;
  /** The model the review analysis uses (default: defaultModelDir(resourcesDir)). */
  modelDir?: string;
  /** The bundled analysis worker (Electron passes out/main/analysis-worker.js); default: the source via tsx. */
  analysisWorkerPath?: string;
  /** The bundled adaptation worker (Electron: out/main/adapt-worker.js, ../adaptation bundledAdaptWorkerPath); default: the source via tsx. */
  adaptWorkerPath?: string;
  /** The bundled training worker (out/main/training-worker.js: training and evaluation); default: the source via tsx. */
  trainingWorkerPath?: string;
  /** Replaces src/main/analysis (tests feed the review hand-made chunks). */
  analysis?: AnalysisApi;
  /** Longest wait from a review change to its save, ms (default 300). */
  autosaveDelayMs?: number;
  /**
   * Start the analysis worker (and load the model in it) now rather than at the first
   * review, so that the first recording does not wait for TensorFlow.js to start. The app
   * entries set it; tests leave it off so that they do not load a model they never use.
   */
  prewarmAnalysis?: boolean;
}

/** The handlers plus what their owner needs to shut them down. */
export interface Services {
  readonly handlers: CallHandlers;
  /** Stops every analysis, saves every review and closes every open record (at shutdown, or at the end of a test). */
  close(): Promise<void>;
}

/** Builds the services for one process. */
export function createServices(options: ServicesOptions): Services {
  const dataDir = resolve(options.dataDir);
  const resourcesDir = resolve(options.resourcesDir);
  // The review service needs the cache and the cache reports evictions to it: bound late.
  let onEvict: (headerPath: string) => void = () => undefined;
  const cache = createRecordingCache(options.cacheCapacity ?? DEFAULT_CACHE_CAPACITY, (entry) => onEvict(entry.headerPath));
  // The review analysis uses the model manager's active model (settings.json activeModel), read per analysis.
  const models = createModelManager({ dataDir, bundledDir: options.modelDir ?? defaultModelDir(resourcesDir) });
  // As for ml:backend: the caller's choice, else RA_TF_BACKEND (read by the analysis), else settings.json.
  const backend = async (): Promise<BackendPreference | undefined> =>
    options.mlBackend ?? (process.env[BACKEND_ENV_VAR] ? undefined : await readBackendSetting(dataDir).catch(() => undefined));
  const review = createReviewService({
    cache,
    dataDir,
    get modelDir() {
      return models.activeDir();
    },
    events: options.events,
    backend,
    workerPath: options.analysisWorkerPath,
    adaptWorkerPath: options.adaptWorkerPath,
    analysis: options.analysis,
    autosaveDelayMs: options.autosaveDelayMs,
  });
  onEvict = (headerPath) => void review.onEvicted(headerPath);
  const realAnalysis = options.analysis === undefined;
  if (realAnalysis && options.prewarmAnalysis) {
    void backend().then((preference) => prepareAnalysis({ modelDir: models.activeDir(), backend: preference, workerPath: options.analysisWorkerPath }));
  }
  const recent = createRecentStore(dataDir);
  const onOpened = async (info: { path: string; recordName: string }): Promise<void> => {
    await recent.add({ path: info.path, recordName: info.recordName });
  };
  const { openDialog } = options;
  const research = createResearchService({ dataDir, models, events: options.events, trainingWorkerPath: options.trainingWorkerPath, backend });

  const handlers: CallHandlers = {
    'app:info': async () => ({
      name: 'RhythmAttention',
      version: options.version,
      transport: options.transport,
      hasNativeDialog: openDialog !== undefined,
    }),
    'library:samples': () => listSamples(resourcesDir),
    'library:recent': () => recent.list(),
    'dialog:openRecording': async () => {
      if (!openDialog) {
        throw new AppError('ipc/not-available', 'There is no native file dialog in the browser; upload the record\'s files instead.');
      }
      return { path: await openDialog() };
    },
    'ml:backend': createMlBackendHandler({ dataDir, preference: options.mlBackend }),
    ...createRecordingHandlers(cache, onOpened),
    'recording:upload': ({ files }) =>
      receiveUpload(dataDir, files, (headerPath) => openRecordingAt(cache, headerPath, onOpened)),
    ...review.handlers,
    ...createExportHandlers({ dataDir, review }),
    ...createReportHandlers({ dataDir, review, version: options.version }),
    ...research.handlers,
  };
  return {
    handlers: reviewerFirst(handlers),
    close: async () => {
      await research.jobs.close();
      await review.close();
      await cache.closeAll();
      if (realAnalysis) await disposeAnalysisWorkers();
    },
  };
}
