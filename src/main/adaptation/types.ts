/**
 * What the review services send to a patient adaptation and get back (./start-adaptation
 * runs it in a worker thread, ./adapt-job is the work itself).
 */
import type { BackendPreference } from '../ml/backend/select';
import type { AdaptSettings } from './fine-tune';

/** One adaptation of one review. */
export interface AdaptRequest {
  headerPath: string;
  /** The review's own model: the copy is made from it, its replay sample is used. */
  baseModelDir: string;
  /** Folder the adapted model is written to (created; must not be the base folder). */
  outDir: string;
  backend?: BackendPreference;
  /** The review's shown beats: R-peak frames (ascending), their ids, and the reviewer's label index (−1: none). */
  frames: Int32Array;
  ids: Int32Array;
  labels: Int8Array;
  settings?: Partial<AdaptSettings>;
  /** For the adapted model's card. */
  recordName: string;
  reviewer: string;
}

/** What an adaptation reports while it runs. */
export interface AdaptProgress {
  fraction: number;
  message: string;
}

/** A finished (or cancelled) adaptation. */
export interface AdaptOutcome {
  state: 'done' | 'cancelled';
  /** The beats re-classified (the request's ids) and their count × classes probabilities (empty when cancelled). */
  ids: Int32Array;
  probabilities: Float32Array;
  classes: number;
  /** Reviewed beats per class (BEAT_LABELS order) and replay beats mixed in. */
  reviewedCounts: number[];
  replayBeats: number;
  epochs: number;
  seconds: number;
}

/** A running adaptation. */
export interface AdaptHandle {
  /** Resolves with the outcome; rejects with an AppError ('ml/training', 'ml/model-load', 'wfdb/…'). */
  readonly done: Promise<AdaptOutcome>;
  /** Stops within one training step; `done` then resolves with state 'cancelled'. */
  cancel(): void;
}
