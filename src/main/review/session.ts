/**
 * One recording's review while the app has it open: the document, its background analysis
 * (started, resumed from the saved `analysedSec`, cancelled), autosave and the
 * 'review:changed' / 'task:progress' events. The analysis and the clock are injected, so
 * tests drive a session with hand-made chunks.
 *
 * Opening: a saved review that fits the record is restored (and its analysis resumed if it
 * was interrupted); one for a changed record is renamed aside; a corrupt one is renamed
 * aside and reported in `status.error` while the analysis starts afresh.
 */
import { toErrorInfo } from '../../shared/errors';
import type { TaskProgress } from '../../shared/domain';
import type { ErrorInfo } from '../../shared/result';
import type { AnalysisState, ReviewStatus } from '../../shared/review';
import type { AnalysisCallbacks, AnalysisHandle } from '../analysis';
import { createAutosaver, type Autosaver } from './autosave';
import { ReviewDocument } from './document';
import type { ResolvedEdit } from './edits';
import type { Actor } from './history';
import type { RecordFingerprint } from './persistence';
import { loadReview, saveReview } from './review-file';
import { throttle, type Throttled } from '../../shared/throttle';

/** Longest wait from an analysis step to its save: the analysis resumes from what was saved. */
export const ANALYSIS_SAVE_MS = 5000;

/** What a session needs from its surroundings. */
export interface SessionOptions {
  headerPath: string;
  recordName: string;
  frameRateHz: number;
  durationSec: number;
  /** Where the review is saved (review-file.ts `reviewFilePath`). */
  reviewPath: string;
  fingerprint: RecordFingerprint;
  /** Starts the analysis; beats before `fromSec` are not sent again. */
  analyse(fromSec: number, callbacks: AnalysisCallbacks): AnalysisHandle;
  /** 'review:changed' */
  emit(status: ReviewStatus): void;
  /** 'task:progress' */
  progress(progress: TaskProgress): void;
  now?: () => Date;
  autosaveDelayMs?: number;
  /** Shortest interval between analysis events, ms (default 250: ~4 a second). */
  eventIntervalMs?: number;
}

/** A review being worked on. */
export class ReviewSession {
  state: AnalysisState = 'cancelled';
  message = '';
  restored = false;
  error: ErrorInfo | null = null;
  /** When the restored file was saved (until this session saves). */
  private restoredSavedAt: string | null = null;
  private progressState: AnalysisState | null = null;
  private handle: AnalysisHandle | null = null;
  private finished: Promise<void> = Promise.resolve();
  private readonly autosave: Autosaver;
  private readonly events: Throttled;
  private readonly now: () => Date;

  private constructor(
    private readonly options: SessionOptions,
    readonly doc: ReviewDocument,
    public recordingId: string,
  ) {
    this.now = options.now ?? (() => new Date());
    this.autosave = createAutosaver(() => saveReview(options.reviewPath, doc, options.fingerprint, this.now()), {
      delayMs: options.autosaveDelayMs,
      onSaved: () => this.events.request(),
      onError: () => this.events.request(),
    });
    this.events = throttle(() => this.sendEvents(), options.eventIntervalMs ?? 250);
  }

  /** Opens the review of a record: restored from disk when possible, and its analysis started or resumed. */
  static async open(options: SessionOptions, recordingId: string): Promise<ReviewSession> {
    const loaded = await loadReview(options.reviewPath, options.fingerprint, options.frameRateHz);
    const doc = loaded.kind === 'restored' ? loaded.doc : new ReviewDocument(options.frameRateHz);
    const session = new ReviewSession(options, doc, recordingId);
    if (loaded.kind === 'restored') {
      session.restored = true;
      session.restoredSavedAt = loaded.savedAt;
      session.state = doc.complete ? 'done' : 'cancelled';
      session.message = doc.complete ? 'Review restored' : 'Review restored; resuming the analysis';
    } else if (loaded.kind === 'stale') {
      session.message = `The record changed since its review was saved; the old review was moved to ${loaded.movedTo}. Analysing afresh.`;
    } else if (loaded.kind === 'corrupt') {
      const where = loaded.movedTo ? `; it was moved to ${loaded.movedTo}` : '';
      session.error = { ...toErrorInfo(loaded.error), message: `${loaded.error.message}${where}. Analysing afresh.` };
      session.message = 'The saved review could not be read; analysing afresh';
    }
    session.resume();
    return session;
  }

  /** Starts the analysis where it stopped, unless it runs or is complete. */
  resume(): void {
    if (this.handle) return;
    if (this.doc.complete) {
      this.state = 'done';
      return;
    }
    this.run(this.doc.analysedSec);
  }

  private run(fromSec: number): void {
    this.state = 'running';
    if (this.error?.code !== 'review/corrupt-file') this.error = null;
    const callbacks: AnalysisCallbacks = {
      onModel: (info) => {
        this.doc.model = info;
        this.changed(false);
      },
      onProgress: ({ fraction, message }) => {
        this.doc.fraction = Math.max(this.doc.fraction, fraction);
        this.message = message;
        this.events.request();
      },
      onChunk: (chunk) => {
        this.doc.appendChunk(chunk);
        this.changed(false);
      },
    };
    let handle: AnalysisHandle;
    try {
      handle = this.options.analyse(fromSec, callbacks);
    } catch (error) {
      this.settle('failed', error);
      return;
    }
    this.handle = handle;
    this.finished = handle.done.then(
      ({ state }) => this.settle(state, null),
      (error: unknown) => this.settle('failed', error),
    );
  }

  private settle(state: AnalysisState, error: unknown): void {
    this.handle = null;
    this.state = state;
    if (state === 'done') {
      this.doc.complete = true;
      this.doc.fraction = 1;
      this.doc.analysedSec = Math.max(this.doc.analysedSec, this.options.durationSec);
      this.message = 'Analysis complete';
    } else if (state === 'cancelled') {
      this.message = 'Analysis stopped';
    } else {
      this.error = toErrorInfo(error);
      this.message = `Analysis failed: ${this.error.message}`;
    }
    this.doc.revision++;
    this.changed(true);
  }

  /** Stops the analysis; resolves once it has stopped (beats so far stay). */
  async cancel(): Promise<void> {
    this.handle?.cancel();
    await this.finished;
  }

  /** Applies an edit and reports it; returns the beats touched. */
  edit(edit: ResolvedEdit, actor: Actor): number[] {
    const ids = this.doc.edit(edit, actor);
    this.changed(true);
    return ids;
  }

  undo(actor: Actor): number[] {
    const ids = this.doc.undo(actor);
    this.changed(true);
    return ids;
  }

  redo(actor: Actor): number[] {
    const ids = this.doc.redo(actor);
    this.changed(true);
    return ids;
  }

  /** Stops the analysis and writes what is unsaved; no events follow. */
  async close(): Promise<void> {
    await this.cancel();
    await this.autosave.flush();
    // After the flush: its onSaved may have scheduled one more event.
    this.events.cancel();
  }

  /** Writes what is unsaved now. */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  /** The status as the contract sends it. */
  status(): ReviewStatus {
    const { doc } = this;
    const saveError = this.autosave.lastError;
    return {
      recordingId: this.recordingId,
      state: this.state,
      analysedSec: doc.analysedSec,
      fraction: doc.fraction,
      message: this.message,
      beatCount: doc.store.liveCount,
      flaggedCount: doc.flaggedTotal,
      revision: doc.revision,
      canUndo: doc.history.undoStack.length > 0,
      canRedo: doc.history.redoStack.length > 0,
      undoLabel: doc.history.undoLabel,
      redoLabel: doc.history.redoLabel,
      model: doc.model,
      restored: this.restored,
      savedAt: this.autosave.savedAt?.toISOString() ?? this.restoredSavedAt,
      error: this.error ?? (saveError ? toErrorInfo(saveError) : null),
      uncertainty: { state: 'waiting', fraction: 0, passes: 0 },
      adaptation: null,
    };
  }

  /** Schedules a save and the events: at once for edits and state changes, throttled for chunks. */
  private changed(immediately: boolean): void {
    this.autosave.schedule(immediately ? undefined : ANALYSIS_SAVE_MS);
    if (immediately) this.events.now();
    else this.events.request();
  }

  private sendEvents(): void {
    const status = this.status();
    this.options.emit(status);
    // Progress only while the analysis runs, and once when it stops: edits are no task.
    if (status.state !== 'running' && status.state === this.progressState) return;
    this.progressState = status.state;
    this.options.progress({
      taskId: `review:${status.recordingId}`,
      label: `Analysing ${this.options.recordName}`,
      fraction: status.state === 'done' ? 1 : status.fraction,
      message: status.message,
    });
  }
}
