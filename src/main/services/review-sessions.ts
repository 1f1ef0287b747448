/**
 * The reviews the services hold: one per record header path (a recording id changes when a
 * record is re-opened; its review does not), each opened from disk or started afresh on
 * `review:start`, with the record's beat tools, and closed (analysis cancelled, review
 * saved) when its record leaves the record cache or the services close.
 */
import type { EventSink } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { BackendPreference } from '../ml/backend/select';
import { createBeatTools, startAnalysis, startUncertaintyPass, UNCERTAINTY_PASSES, type BeatTools } from '../analysis';
import { startAdaptation } from '../adaptation/start-adaptation';
import { recordFingerprint, reviewFilePath, ReviewSession } from '../review';
import type { OpenRecording, RecordingCache } from './record-cache';

/** The analysis functions the reviews use (src/main/analysis; tests pass fakes). */
export interface AnalysisApi {
  startAnalysis: typeof startAnalysis;
  createBeatTools: typeof createBeatTools;
  /** The uncertainty pass after the analysis (absent: none, e.g. in tests with a fake analysis). */
  startUncertaintyPass?: typeof startUncertaintyPass;
  /** Patient adaptation (absent: review:adapt is refused, e.g. in tests with a fake analysis). */
  startAdaptation?: typeof startAdaptation;
}

/** What the review services are built from. */
export interface ReviewServiceOptions {
  cache: RecordingCache;
  dataDir: string;
  /** The model the analysis uses. */
  modelDir: string;
  events?: EventSink;
  /** The TensorFlow.js backend for the analysis (default: the analysis decides). */
  backend?: () => Promise<BackendPreference | undefined>;
  /** The bundled analysis worker (Electron); default: the worker source via tsx. */
  workerPath?: string;
  /** The bundled adaptation worker (Electron: ../adaptation bundledAdaptWorkerPath); default: the source via tsx. */
  adaptWorkerPath?: string;
  analysis?: AnalysisApi;
  now?: () => Date;
  autosaveDelayMs?: number;
  eventIntervalMs?: number;
}

/** The open reviews, keyed by header path. */
export class ReviewSessions {
  private readonly sessions = new Map<string, Promise<ReviewSession>>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly tools = new WeakMap<OpenRecording, BeatTools>();
  private readonly analysis: AnalysisApi;
  private backendChoice: Promise<BackendPreference | undefined> | null = null;

  constructor(private readonly options: ReviewServiceOptions) {
    this.analysis = options.analysis ?? { startAnalysis, createBeatTools, startUncertaintyPass, startAdaptation };
  }

  /** The backend preference, resolved once. */
  private backend(): Promise<BackendPreference | undefined> {
    this.backendChoice ??= (this.options.backend?.() ?? Promise.resolve(undefined)).catch(() => undefined);
    return this.backendChoice;
  }

  private async open(entry: OpenRecording): Promise<ReviewSession> {
    await this.closing.get(entry.headerPath);
    const { record, headerPath } = entry;
    const { options, analysis } = this;
    const backend = await this.backend();
    const emit: EventSink = (event, payload) => options.events?.(event, payload);
    return ReviewSession.open(
      {
        headerPath,
        recordName: entry.info.recordName,
        frameRateHz: record.frameRateHz,
        durationSec: record.frameCount / record.frameRateHz,
        reviewPath: reviewFilePath(options.dataDir, headerPath),
        fingerprint: await recordFingerprint(headerPath, record.signals.map((s) => s.fileName)),
        analyse: (fromSec, callbacks, modelDir) =>
          analysis.startAnalysis(
            { headerPath, modelDir: modelDir ?? options.modelDir, backend, fromSec: fromSec > 0 ? fromSec : undefined, workerPath: options.workerPath },
            callbacks,
          ),
        uncertainty: analysis.startUncertaintyPass
          ? (fromSample, callbacks, modelDir) =>
              analysis.startUncertaintyPass!({ headerPath, modelDir: modelDir ?? options.modelDir, backend, fromSample, workerPath: options.workerPath }, callbacks)
          : undefined,
        uncertaintyPasses: UNCERTAINTY_PASSES,
        // Adapts a copy of the analysis's own model (not an earlier adapted one): no drift over repeated adaptations.
        adapt: analysis.startAdaptation
          ? (request, onProgress) => analysis.startAdaptation!({ ...request, headerPath, baseModelDir: options.modelDir, backend, recordName: entry.info.recordName }, onProgress, options.adaptWorkerPath)
          : undefined,
        emit: (status) => emit('review:changed', status),
        progress: (progress) => emit('task:progress', progress),
        now: options.now,
        autosaveDelayMs: options.autosaveDelayMs,
        eventIntervalMs: options.eventIntervalMs,
      },
      entry.id,
    );
  }

  /** The review of `entry`'s record, opened (restored or started) on first use. */
  sessionFor(entry: OpenRecording): Promise<ReviewSession> {
    let session = this.sessions.get(entry.headerPath);
    if (!session) {
      session = this.open(entry);
      this.sessions.set(entry.headerPath, session);
      session.catch(() => this.sessions.delete(entry.headerPath));
    }
    return session;
  }

  /** The open record and its started review. @throws 'recording/not-open', 'review/not-started' */
  async started(recordingId: string): Promise<{ entry: OpenRecording; session: ReviewSession }> {
    const entry = this.options.cache.get(recordingId);
    const pending = this.sessions.get(entry.headerPath);
    if (!pending) {
      throw new AppError('review/not-started', `${entry.headerPath}: its review has not been started (call review:start first).`, { recordingId });
    }
    const session = await pending;
    session.recordingId = recordingId;
    return { entry, session };
  }

  /** The beat tools (attention, snapping, templates) of an open record, made once. */
  async toolsOf(entry: OpenRecording): Promise<BeatTools> {
    let tools = this.tools.get(entry);
    if (!tools) {
      tools = this.analysis.createBeatTools(entry.record, entry.headerPath, this.options.modelDir, { backend: await this.backend() });
      this.tools.set(entry, tools);
    }
    return tools;
  }

  /** Stops the analysis of the review of `headerPath` and saves it; a later start re-reads it. */
  async close(headerPath: string): Promise<void> {
    const pending = this.sessions.get(headerPath);
    if (!pending) return;
    this.sessions.delete(headerPath);
    const done = pending.then((s) => s.close()).catch(() => undefined);
    this.closing.set(headerPath, done);
    await done;
    if (this.closing.get(headerPath) === done) this.closing.delete(headerPath);
  }

  /** Closes every review. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((path) => this.close(path)));
  }
}
