/**
 * The patient adaptation of one open review (issue 9), for the session (session.ts): it
 * sends the review's shown beats and the reviewer's labels to an adaptation (../adaptation,
 * run in a worker), keeps the running status, and when the adapted model has re-classified
 * the beats, applies the new predictions as ONE undoable history step 'adapt'
 * (./prediction-change; the reviewer's labels are another column and stay). The adapted
 * model is saved beside the review (`<review>.models/<id>/`) and is the review's model from
 * then on (until that step is undone).
 *
 * Beats the analysis adds while the adaptation runs keep their classification; beats the
 * reviewer deletes meanwhile are re-classified all the same (hidden, and exact on undo).
 */
import { join } from 'node:path';
import { AppError, toErrorInfo } from '../../shared/errors';
import type { AdaptationStatus } from '../../shared/review';
import type { AdaptHandle, AdaptOutcome, AdaptProgress, AdaptRequest } from '../adaptation/types';
import type { ReviewDocument } from './document';
import type { HistoryEntry } from './edits';
import type { Actor } from './history';
import { beatsText, labelAt } from './labels';
import { planPredictionChange } from './prediction-change';

/** What the session fills in; the services add the record, the base model and the backend. */
export type SessionAdaptRequest = Pick<AdaptRequest, 'outDir' | 'frames' | 'ids' | 'labels' | 'settings' | 'reviewer'>;

/** Starts an adaptation (services: ../adaptation `startAdaptation` with the record and model filled in). */
export type StartAdaptation = (request: SessionAdaptRequest, onProgress: (progress: AdaptProgress) => void) => AdaptHandle;

/** What the runner needs from its session. */
export interface AdaptationHost {
  doc: ReviewDocument;
  /** The review file's path: adapted models go to `<path without .json>.models/`. */
  reviewPath: string;
  now(): Date;
  /** The status changed (progress): send events soon. */
  onProgress(status: AdaptationStatus): void;
  /** The adaptation step was applied (or the adaptation ended without one): save and send events now. */
  onEnded(applied: boolean): void;
}

/** Folder of the adapted models of the review saved at `reviewPath`. */
export function adaptedModelsDir(reviewPath: string): string {
  return `${reviewPath.replace(/\.json$/i, '')}.models`;
}

/** The shown beats as the adaptation request lists them. */
export function shownBeats(doc: ReviewDocument): { frames: Int32Array; ids: Int32Array; labels: Int8Array; reviewed: number } {
  const c = doc.store.columns;
  const frames: number[] = [];
  const ids: number[] = [];
  const labels: number[] = [];
  let reviewed = 0;
  for (let pos = 0; pos < doc.store.length; pos++) {
    if (c.deleted[pos] === 1) continue;
    frames.push(c.sample[pos] as number);
    ids.push(c.id[pos] as number);
    labels.push(c.reviewerLabel[pos] as number);
    if ((c.reviewerLabel[pos] as number) >= 0) reviewed++;
  }
  return { frames: Int32Array.from(frames), ids: Int32Array.from(ids), labels: Int8Array.from(labels), reviewed };
}

/** "N 40, V 3" */
function countsText(counts: readonly number[]): string {
  return counts.flatMap((n, c) => (n > 0 ? [`${labelAt(c)} ${n.toLocaleString('en-US')}`] : [])).join(', ');
}

/** The adaptation of one review. */
export class AdaptationRunner {
  private handle: AdaptHandle | null = null;
  private current: AdaptationStatus | null = null;

  constructor(
    private readonly host: AdaptationHost,
    private readonly start: StartAdaptation | undefined,
  ) {}

  /** The running adaptation, else the last one that ended (saved with the review), else null. */
  get status(): AdaptationStatus | null {
    return this.current ?? this.host.doc.adaptation;
  }

  get running(): boolean {
    return this.handle !== null;
  }

  /**
   * Starts an adaptation on the beats the reviewer has labelled (`epochs`: the tuning's passes).
   * @throws AppError 'review/invalid-edit' when one is running, no beat is reviewed, or adaptation is not available.
   */
  begin(actor: Actor, epochs?: number): AdaptationStatus {
    if (this.handle !== null) throw new AppError('review/invalid-edit', 'A patient adaptation is already running for this review.');
    if (this.start === undefined) throw new AppError('review/invalid-edit', 'Patient adaptation is not available here.');
    const beats = shownBeats(this.host.doc);
    if (beats.reviewed === 0) throw new AppError('review/invalid-edit', 'No beat has been reviewed yet: relabel or confirm some beats, then adapt.');
    const startedAt = this.host.now();
    const modelId = `adapted-${startedAt.toISOString().replace(/[:.]/g, '-')}`;
    const status: AdaptationStatus = {
      state: 'running', fraction: 0, message: 'starting', reviewedBeats: beats.reviewed, replayBeats: 0, changedBeats: 0,
      startedAt: startedAt.toISOString(), endedAt: null, modelId: null, error: null,
    };
    this.current = status;
    const request: SessionAdaptRequest = {
      outDir: join(adaptedModelsDir(this.host.reviewPath), modelId),
      frames: beats.frames, ids: beats.ids, labels: beats.labels, reviewer: actor.reviewer,
      ...(epochs === undefined ? {} : { settings: { epochs } }),
    };
    const handle = this.start(request, (p) => {
      if (this.current !== status) return;
      status.fraction = p.fraction;
      status.message = p.message;
      this.host.onProgress(status);
    });
    this.handle = handle;
    handle.done.then(
      (outcome) => this.finish(status, outcome, modelId, actor.reviewer),
      (error: unknown) => this.end(status, 'failed', `Adaptation failed: ${toErrorInfo(error).message}`, toErrorInfo(error)),
    );
    return { ...status };
  }

  /** Stops a running adaptation; resolves once it has stopped (nothing is applied). */
  async cancel(): Promise<void> {
    const handle = this.handle;
    if (handle === null) return;
    handle.cancel();
    await handle.done.catch(() => undefined);
    // Let `finish` run (it is chained on the same promise) before the caller reads the status.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private finish(status: AdaptationStatus, outcome: AdaptOutcome, modelId: string, reviewer: string): void {
    if (outcome.state === 'cancelled') {
      this.end(status, 'cancelled', 'Adaptation cancelled; the review is unchanged', null);
      return;
    }
    const { doc } = this.host;
    const { change, relabelled } = planPredictionChange(doc.store, outcome.ids, outcome.probabilities, outcome.classes, { before: doc.adaptedModelId, after: modelId });
    const reviewed = countsText(outcome.reviewedCounts);
    const entry: HistoryEntry = {
      action: 'adapt',
      summary: `adapt to patient (${beatsText(relabelled)} changed)`,
      description: `adapted the model to this patient on ${beatsText(status.reviewedBeats)} reviewed (${reviewed}) and ${outcome.replayBeats.toLocaleString('en-US')} replay beats, ${outcome.epochs} epochs; re-classified ${beatsText(change.ids.length)}, ${beatsText(relabelled)} changed class (model ${modelId})`,
      change,
    };
    status.replayBeats = outcome.replayBeats;
    status.changedBeats = relabelled;
    status.modelId = modelId;
    this.handle = null;
    doc.adapt(entry, { reviewer, at: this.host.now() });
    this.end(status, 'done', `Adapted: ${beatsText(relabelled)} changed class`, null, true);
  }

  private end(status: AdaptationStatus, state: AdaptationStatus['state'], message: string, error: AdaptationStatus['error'], applied = false): void {
    this.handle = null;
    status.state = state;
    status.fraction = state === 'done' ? 1 : status.fraction;
    status.message = message;
    status.error = error;
    status.endedAt = this.host.now().toISOString();
    this.host.doc.adaptation = { ...status };
    if (this.current === status) this.current = null;
    this.host.doc.revision++;
    this.host.onEnded(applied);
  }
}
