/**
 * Plain data of a review: the beats of a recording as the model classified them and the
 * reviewer corrected them, the flagged-beat queue, morphology templates, the rhythm summary
 * and the audit trail. Shared by the services (src/main/review) and the renderer; no
 * Electron, Node or DOM types here. Times are seconds from the start of the record; sample
 * numbers are frames of the record.
 */
import type { ErrorInfo } from './result';

/** The AAMI classes, in the order of every model's output and of every per-class array. */
export const BEAT_LABELS = ['N', 'S', 'V', 'F', 'Q'] as const;
export type BeatLabel = (typeof BEAT_LABELS)[number];

/** Per-class numbers (counts, burden). */
export type PerLabel<T> = Record<BeatLabel, T>;

/**
 * A beat is flagged when its label is not N, or when the model's confidence in it is below
 * this and no reviewer has looked at it. Callers may pass their own threshold.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

/** One beat as the strip and the lists show it. */
export interface ReviewBeat {
  /** Stable within the review; never reused, also after a delete. */
  id: number;
  /** R-peak frame number. */
  sample: number;
  timeSec: number;
  /** The label in force: the reviewer's when set, else the model's. */
  label: BeatLabel;
  /** The model's class; null for a beat the reviewer added. */
  predicted: BeatLabel | null;
  /** The model's probability of `predicted` (0..1); null for an added beat. */
  confidence: number | null;
  /**
   * How unsure the model is of this beat, 0 (sure) .. 1: from Monte Carlo dropout once the
   * background uncertainty pass has reached the beat, else 1 − confidence; null for an
   * added beat. The review queue can be ordered by it (issue 9).
   */
  uncertainty: number | null;
  /** The reviewer set this beat's label (relabelled, confirmed or added it). */
  reviewed: boolean;
  /** The reviewer added this beat (the detector missed it). */
  added: boolean;
  /** Flagged under the threshold the request gave (default {@link DEFAULT_CONFIDENCE_THRESHOLD}). */
  flagged: boolean;
  /** The morphology group the beat belongs to; null for an added beat. */
  templateId: number | null;
}

/** Where the background analysis of a recording stands. */
export type AnalysisState = 'running' | 'done' | 'cancelled' | 'failed';

/** The state of one recording's review, sent after every analysis step and every edit. */
export interface ReviewStatus {
  recordingId: string;
  state: AnalysisState;
  /** Beats before this time are classified (the analysis goes forward from the start). */
  analysedSec: number;
  /** 0..1 of the analysis done. */
  fraction: number;
  /** What the analysis is doing now ("detecting beats", "classifying 12,000 of 98,000 beats"). */
  message: string;
  /** Beats in the review now (deleted ones excluded). */
  beatCount: number;
  /** Flagged beats under the default threshold. */
  flaggedCount: number;
  /** Increases with every analysis step and every edit: a renderer refetches when it changes. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  /** What undo / redo would do, for the menu and the tooltip ("relabel 1 beat V → N"). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** The model that classified the beats. */
  model: { name: string; version: string; backend: string } | null;
  /** The review was read back from the data folder rather than analysed afresh. */
  restored: boolean;
  /** ISO time of the last save to disk, null before the first. */
  savedAt: string | null;
  /** Why the analysis failed (state 'failed'). */
  error: ErrorInfo | null;
  /** The background uncertainty pass (Monte Carlo dropout) after classification. */
  uncertainty: { state: AnalysisState | 'waiting'; fraction: number; passes: number };
  /** The last patient adaptation of this review, or null when none was run. */
  adaptation: AdaptationStatus | null;
  /** Shown beats the reviewer has labelled (relabelled, confirmed or added): what an adaptation tunes on. */
  reviewedCount?: number;
}

/** Where a patient adaptation (fine-tuning a copy of the model on the reviewer's labels) stands. */
export interface AdaptationStatus {
  state: 'running' | 'done' | 'cancelled' | 'failed';
  fraction: number;
  message: string;
  /** Reviewer-labelled beats it was tuned on, and replayed training beats mixed in. */
  reviewedBeats: number;
  replayBeats: number;
  /** Beats whose model label the adaptation changed (done only). */
  changedBeats: number;
  startedAt: string;
  endedAt: string | null;
  /** The adapted model's folder name in the review's data (done only). */
  modelId: string | null;
  error: ErrorInfo | null;
}

/** One reviewer action. Labels are AAMI classes. */
export type ReviewEdit =
  | { kind: 'relabel'; beatIds: number[]; label: BeatLabel }
  | { kind: 'relabel-template'; templateId: number; label: BeatLabel }
  /** Adds a beat near `sample`; the services move it onto the R peak within ±100 ms. */
  | { kind: 'add'; sample: number; label: BeatLabel }
  | { kind: 'delete'; beatIds: number[] };

/** Result of an edit, undo or redo. */
export interface EditOutcome {
  status: ReviewStatus;
  /** The beats the action touched (for an add: the new beat), so the UI can select them. */
  beatIds: number[];
}

/** One line of the audit trail: who did what, when. Undo and redo are lines too. */
export interface AuditEntry {
  seq: number;
  /** ISO 8601 time. */
  at: string;
  reviewer: string;
  action: 'relabel' | 'relabel-template' | 'add' | 'delete' | 'adapt' | 'undo' | 'redo';
  /** Human-readable: "relabelled 1 beat at 00:12:03.412 from V to N". */
  description: string;
  beatCount: number;
  /** The beats touched (the first 1,000). */
  beatIds: number[];
}

/** Which flagged beats to list or step through. */
export interface FlaggedFilter {
  /** Only these labels (default all). */
  labels?: BeatLabel[];
  /** Only beats whose confidence is at most this (beats added by the reviewer have none and pass). */
  maxConfidence?: number;
  /** Threshold that makes an N beat flagged (default {@link DEFAULT_CONFIDENCE_THRESHOLD}). */
  confidenceThreshold?: number;
  /** Leave out beats the reviewer has already labelled. */
  unreviewedOnly?: boolean;
}

/** A page of the flagged list. */
export interface FlaggedPage {
  /** Flagged beats matching the filter, in all. */
  total: number;
  beats: ReviewBeat[];
}

/**
 * How a beat's heatmap is computed: the model's own attention weights ('attention'), or
 * Grad-CAM (the gradient-weighted activations of the model's last convolutional layer for
 * the class it chose), which every architecture has.
 */
export const HEATMAP_METHODS = ['attention', 'grad-cam'] as const;
export type HeatmapMethod = (typeof HEATMAP_METHODS)[number];

/**
 * One beat's heatmap over its input window: the model's attention or its Grad-CAM map
 * (`review:attention`'s `method`), both with this shape.
 */
export interface BeatAttention {
  beatId: number;
  /** Time of the first weight. */
  startSec: number;
  /** Seconds between weights (the model's input rate). */
  stepSec: number;
  /** Attention (or Grad-CAM) per input sample, scaled so that the largest is 1. */
  weights: number[];
}

/** Beats of one shape, superimposed. */
export interface TemplateGroup {
  id: number;
  /** The most common label in force among its beats. */
  label: BeatLabel;
  count: number;
  labelCounts: PerLabel<number>;
  /** The beat closest to the group's mean shape (to jump to). */
  representativeBeatId: number;
  /** Time of that beat, seconds (the strip jumps there). */
  representativeSec: number;
  /** Waveforms: physical units of `signalName`, one value per frame from R − offsetSec. */
  signalName: string;
  units: string;
  frameRateHz: number;
  offsetSec: number;
  /** The group's mean waveform. */
  mean: number[];
  /** Up to 20 member waveforms, spread over the recording, to draw superimposed. */
  members: number[][];
}

/** Kinds of rhythm event the summary lists. */
export type RhythmEventKind = 'couplet' | 'run' | 'bigeminy' | 'trigeminy' | 'pause' | 'irregular';

/** A run of ectopic beats, a pause, or a stretch of irregularly irregular rhythm (atrial fibrillation or flutter, by the RR intervals). */
export interface RhythmEvent {
  kind: RhythmEventKind;
  /** V or S for runs, couplets, bigeminy and trigeminy; null for a pause or an irregular rhythm. */
  ectopic: 'V' | 'S' | null;
  startSec: number;
  endSec: number;
  /** Beats in the event (a pause: the 2 beats around it). */
  beatCount: number;
  /** The first beat of the event, to jump to. */
  firstBeatId: number;
}

/**
 * A stretch the signal-quality gate marked unreadable (noise), seconds from the start of the
 * record, [startSec, endSec): the analysis dropped the beats it detected there and shows
 * none (issue 11); beats the reviewer adds there are kept.
 */
export interface NoiseSpan {
  startSec: number;
  endSec: number;
}

/**
 * A stretch of irregularly irregular rhythm (atrial fibrillation or flutter, by the RR
 * intervals), seconds from the start of the record, from its first beat to its last: the
 * summary's irregular-rhythm event, where the default model calls no S or F beat.
 */
export interface IrregularSpan {
  startSec: number;
  endSec: number;
}

/** How much of the analysed time was marked as noise and left unanalysed. */
export interface NoiseSummary {
  /** Noise stretches up to `analysedSec`. */
  segmentCount: number;
  /** Their total length, seconds. */
  totalSec: number;
  /** Their share of the analysed time, percent (two decimals; 0 before any analysis). */
  percent: number;
}

/** How much of the analysed time the RR intervals read as irregular rhythm (atrial fibrillation or flutter): its burden. */
export interface IrregularSummary {
  /** Stretches of irregular rhythm (the summary's irregular events). */
  stretchCount: number;
  /** Their total length (first beat to last beat of each), seconds. */
  totalSec: number;
  /** Their share of the analysed time, percent (two decimals; 0 before any analysis). */
  percent: number;
}

/** Heart rate and ectopy over the whole recording. */
export interface ReviewSummary {
  recordingId: string;
  revision: number;
  /** Seconds of the record the numbers cover. */
  analysedSec: number;
  total: number;
  counts: PerLabel<number>;
  /** Percent of all beats. */
  burdenPercent: PerLabel<number>;
  /** Over 1-minute bins (beats per minute); null with too few beats. */
  heartRate: { minBpm: number; minAtSec: number; meanBpm: number; maxBpm: number; maxAtSec: number } | null;
  /** Heart rate per bin of `stepSec`, null where the bin has too few beats. */
  trend: { stepSec: number; bpm: (number | null)[] };
  /** RR interval before each beat (decimated to at most 20,000 points for long records). */
  tachogram: { timeSec: number[]; rrMs: number[] };
  /** Runs, couplets, bigeminy, trigeminy, pauses ≥ 2 s and irregular-rhythm stretches, in time order. */
  events: RhythmEvent[];
  /** The longest RR interval. */
  longestRr: { startSec: number; durationSec: number } | null;
  /** Time marked as noise (not analysed) within `analysedSec`. */
  noise: NoiseSummary;
  /** Time in irregular rhythm (atrial fibrillation or flutter by the RR intervals) within `analysedSec`. */
  irregular: IrregularSummary;
}
