/**
 * One recording's review while the app has it open: the document, its background analysis
 * (started, resumed from the saved `analysedSec`, cancelled), autosave and the
 * 'review:changed' / 'task:progress' events. The analysis and the clock are injected, so
 * tests drive a session with hand-made chunks.
 *
 * Once the analysis is done, the background uncertainty pass (Monte Carlo dropout, issue 9)
 * runs in the same way, from the first beat it has not reached: a restored review goes on
 * where the pass stopped. Its values arrive through the same throttled events and autosave.
 *
 * Opening: a saved review that fits the record is restored (and its analysis resumed if it
 * was interrupted); one for a changed record is renamed aside; a corrupt one is renamed
 * aside and reported in `status.error`, and its last good copy is used (review-store.ts).
 * Every change is journalled as it is made (journal.ts): an edit, undo or redo is on the
 * disk before its call returns, so a crash between autosaves loses no acknowledged edit.
 */
import { toErrorInfo } from '../../shared/errors';
import type { TaskProgress } from '../../shared/domain';
import type { ErrorInfo } from '../../shared/result';
import { join } from 'node:path';
import type { AdaptationStatus, AnalysisState, ReviewStatus } from '../../shared/review';
import type { AnalysisCallbacks, AnalysisHandle, UncertaintyCallbacks } from '../analysis';
import { AdaptationRunner, adaptedModelsDir, type StartAdaptation } from './adaptation-runner';
import { createAutosaver, type Autosaver } from './autosave';
import { ReviewDocument } from './document';
import type { ResolvedEdit } from './edits';
import type { JournalOp } from './journal-records';
import { encodePredictionEntry } from './prediction-change';
import type { Actor } from './history';
import type { RecordFingerprint } from './persistence';
import { ReviewStore } from './review-store';
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
  /** Starts the analysis; beats before `fromSec` are not sent again. `modelDir`: the review's adapted model, when it has one. */
  analyse(fromSec: number, callbacks: AnalysisCallbacks, modelDir?: string): AnalysisHandle;
  /** Starts the uncertainty pass of the classified record; beats before `fromSample` are skipped. Absent: no pass. */
  uncertainty?(fromSample: number, callbacks: UncertaintyCallbacks, modelDir?: string): AnalysisHandle;
  /** Starts a patient adaptation (./adaptation-runner.ts). Absent: none. */
  adapt?: StartAdaptation;
  /** Monte Carlo passes per beat of that pass (reported in the status). */
  uncertaintyPasses?: number;
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
  /** The uncertainty pass: 'waiting' until the analysis is done. */
  private uncertaintyState: AnalysisState | 'waiting' = 'waiting';
  private uncertaintyHandle: AnalysisHandle | null = null;
  private uncertaintyFinished: Promise<void> = Promise.resolve();
  private readonly autosave: Autosaver;
  private readonly adaptation: AdaptationRunner;
  private readonly events: Throttled;
  private readonly now: () => Date;

  private constructor(
    private readonly options: SessionOptions,
    readonly doc: ReviewDocument,
    public recordingId: string,
    private readonly store: ReviewStore,
  ) {
    this.now = options.now ?? (() => new Date());
    this.autosave = createAutosaver(() => store.save(doc, this.now()), {
      delayMs: options.autosaveDelayMs,
      onSaved: () => this.events.request(),
      onError: () => this.events.request(),
    });
    this.events = throttle(() => this.sendEvents(), options.eventIntervalMs ?? 250);
    this.adaptation = new AdaptationRunner(
      {
        doc,
        reviewPath: options.reviewPath,
        now: this.now,
        onProgress: (status) => {
          this.events.request();
          this.adaptProgress(status);
        },
        onEnded: (applied) => {
          this.changed(true);
          this.adaptProgress(this.adaptation.status);
          if (applied) {
            this.journalAdaptation();
            this.modelChanged();
          }
        },
      },
      options.adapt,
    );
  }

  /** Opens the review of a record: restored from disk when possible, and its analysis started or resumed. */
  static async open(options: SessionOptions, recordingId: string): Promise<ReviewSession> {
    const { store, opened } = await ReviewStore.open({ path: options.reviewPath, fingerprint: options.fingerprint, frameRateHz: options.frameRateHz });
    const { doc } = opened;
    const session = new ReviewSession(options, doc, recordingId, store);
    const notes = opened.notes.length > 0 ? ` (${opened.notes.join('; ')})` : '';
    if (opened.restored) {
      session.restored = true;
      session.restoredSavedAt = opened.savedAt;
      session.state = doc.complete ? 'done' : 'cancelled';
      session.message = `${doc.complete ? 'Review restored' : 'Review restored; resuming the analysis'}${notes}`;
    } else if (opened.staleMovedTo !== null) {
      session.message = `The record changed since its review was saved; the old review was moved to ${opened.staleMovedTo}. Analysing afresh.`;
    } else if (opened.error !== null) {
      session.message = 'The saved review could not be read; analysing afresh';
    }
    if (opened.error !== null) {
      const what = opened.restored ? `Restored what could be${notes}.` : 'Analysing afresh.';
      session.error = { ...toErrorInfo(opened.error), message: `${opened.error.message} ${what}` };
    }
    session.resume();
    return session;
  }

  /** Journals a change just made in memory (review-store.ts); analysis steps are not flushed. */
  private journal(op: JournalOp, durable: boolean): void {
    if (durable) {
      this.store.record(op, true);
      return;
    }
    try {
      this.store.record(op, false);
    } catch {
      // An analysis step that misses the journal is saved by the autosave or analysed again.
    }
  }

  /**
   * Journals the adaptation step just applied (the newest undo entry), durably as an edit
   * is. Should the journal fail, the snapshot is saved at once instead.
   */
  private journalAdaptation(): void {
    const entry = this.doc.history.undoStack[this.doc.history.undoStack.length - 1];
    const line = this.doc.history.audit[this.doc.history.audit.length - 1];
    if (entry?.action !== 'adapt' || entry.change.field !== 'prediction' || !line) return;
    try {
      const saved = encodePredictionEntry(entry, entry.change);
      this.journal({ op: 'adapt', entry: saved, reviewer: line.reviewer, at: line.at, audit: this.lastAudit() }, true);
    } catch {
      void this.autosave.flush();
    }
  }

  /** The audit line the last edit, undo or redo wrote, for its journal record. */
  private lastAudit(): { seq: number; description: string } {
    const last = this.doc.history.audit[this.doc.history.audit.length - 1];
    return { seq: last?.seq ?? 0, description: last?.description ?? '' };
  }

  /** Starts the analysis where it stopped, unless it runs or is complete; then the uncertainty pass. */
  resume(): void {
    if (this.handle) return;
    if (this.doc.complete) {
      this.state = 'done';
      this.runUncertainty();
      return;
    }
    this.run(this.doc.analysedSec);
  }

  /** Starts the uncertainty pass from the first model beat without a value, unless it runs or has none left. */
  private runUncertainty(): void {
    const start = this.options.uncertainty;
    if (this.uncertaintyHandle || !start) return;
    const { nextSample } = this.doc.uncertaintyProgress;
    if (nextSample === null) {
      this.uncertaintyState = 'done';
      return;
    }
    this.uncertaintyState = 'running';
    const callbacks: UncertaintyCallbacks = {
      onProgress: () => this.events.request(),
      onValues: (values) => {
        if (this.doc.appendUncertainty(values) > 0) this.changed(false);
      },
    };
    let handle: AnalysisHandle;
    try {
      handle = start(nextSample, callbacks, this.modelDir());
    } catch {
      this.uncertaintyState = 'failed';
      return;
    }
    this.uncertaintyHandle = handle;
    const settle = (state: AnalysisState): void => {
      this.uncertaintyHandle = null;
      this.uncertaintyState = state;
      this.events.now();
    };
    this.uncertaintyFinished = handle.done.then(
      ({ state }) => settle(state),
      () => settle('failed'),
    );
  }

  private run(fromSec: number): void {
    this.state = 'running';
    if (this.error?.code !== 'review/corrupt-file') this.error = null;
    const callbacks: AnalysisCallbacks = {
      onModel: (info) => {
        this.doc.model = info;
        this.journal({ op: 'model', model: info }, false);
        this.changed(false);
      },
      onProgress: ({ fraction, message }) => {
        this.doc.fraction = Math.max(this.doc.fraction, fraction);
        this.message = message;
        this.events.request();
      },
      onChunk: (chunk) => {
        this.doc.appendChunk(chunk);
        this.journal({ op: 'chunk', chunk }, false);
        this.changed(false);
      },
    };
    let handle: AnalysisHandle;
    try {
      handle = this.options.analyse(fromSec, callbacks, this.modelDir());
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
    const { analysedSec, fraction, complete } = this.doc;
    this.journal({ op: 'settle', state, analysedSec, fraction, complete }, false);
    this.changed(true);
    if (state === 'done') this.runUncertainty();
  }

  /** Stops the analysis and the uncertainty pass; resolves once both have stopped (beats and values so far stay). */
  async cancel(): Promise<void> {
    this.handle?.cancel();
    this.uncertaintyHandle?.cancel();
    await Promise.all([this.finished, this.uncertaintyFinished]);
  }

  /**
   * Applies an edit, journals it durably and reports it; returns the beats touched.
   * @throws AppError 'review/invalid-edit'; 'file/write' when the journal cannot be written
   *   (the edit stays in memory and is saved by the autosave).
   */
  edit(edit: ResolvedEdit, actor: Actor): number[] {
    const ids = this.doc.edit(edit, actor);
    this.changed(true);
    this.journal({ op: 'edit', edit, reviewer: actor.reviewer, at: actor.at.toISOString(), audit: this.lastAudit() }, true);
    return ids;
  }

  /** Undoes the newest edit, journalled durably as `edit` is. */
  undo(actor: Actor): number[] {
    const model = this.doc.adaptedModelId;
    const ids = this.doc.undo(actor);
    if (model !== this.doc.adaptedModelId) this.modelChanged();
    this.changed(true);
    this.journal({ op: 'undo', reviewer: actor.reviewer, at: actor.at.toISOString(), audit: this.lastAudit() }, true);
    return ids;
  }

  /** Redoes the newest undone edit, journalled durably as `edit` is. */
  redo(actor: Actor): number[] {
    const model = this.doc.adaptedModelId;
    const ids = this.doc.redo(actor);
    if (model !== this.doc.adaptedModelId) this.modelChanged();
    this.changed(true);
    this.journal({ op: 'redo', reviewer: actor.reviewer, at: actor.at.toISOString(), audit: this.lastAudit() }, true);
    return ids;
  }

  /**
   * Starts a patient adaptation of the review's model on the reviewed beats (issue 9).
   * @throws AppError 'review/invalid-edit' when one runs already or no beat is reviewed.
   */
  adapt(actor: Actor, epochs?: number): void {
    this.adaptProgress(this.adaptation.begin(actor, epochs));
    this.events.now();
  }

  /** Stops a running adaptation; resolves once it has stopped. */
  cancelAdaptation(): Promise<void> {
    return this.adaptation.cancel();
  }

  /** The adapted model in force, or undefined for the services' own. */
  private modelDir(): string | undefined {
    const id = this.doc.adaptedModelId;
    return id === null ? undefined : join(adaptedModelsDir(this.options.reviewPath), id);
  }

  /** The model in force changed (adapt, its undo or redo): running background passes go on with it. */
  private modelChanged(): void {
    if (this.handle) {
      this.handle.cancel();
      void this.finished.then(() => this.resume());
    }
    if (this.uncertaintyHandle) {
      this.uncertaintyHandle.cancel();
      void this.uncertaintyFinished.then(() => this.runUncertainty());
    } else if (this.doc.complete) {
      this.runUncertainty();
    }
  }

  /** 'task:progress' of the adaptation (taskId 'adapt:<recordingId>'). */
  private adaptProgress(status: AdaptationStatus | null): void {
    if (status === null) return;
    this.options.progress({ taskId: `adapt:${this.recordingId}`, label: `Adapting the model to ${this.options.recordName}`, fraction: status.fraction, message: status.message });
  }

  /** Stops the analysis and writes what is unsaved; no events follow. */
  async close(): Promise<void> {
    await this.adaptation.cancel();
    await this.cancel();
    await this.autosave.flush();
    this.store.close();
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
      uncertainty: this.uncertaintyStatus(),
      adaptation: this.adaptation.status,
      reviewedCount: doc.reviewedCount,
    };
  }

  private uncertaintyStatus(): ReviewStatus['uncertainty'] {
    const { modelBeats, reached } = this.doc.uncertaintyProgress;
    const fraction = modelBeats === 0 ? (this.uncertaintyState === 'done' ? 1 : 0) : reached / modelBeats;
    return { state: this.uncertaintyState, fraction, passes: this.options.uncertaintyPasses ?? 0 };
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
