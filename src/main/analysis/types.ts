/**
 * The analysis interface the review services (src/main/review, services/review.ts) use:
 * background analysis of a recording (QRS detection, classification, morphology grouping)
 * delivered chunk by chunk, and per-recording helpers run on demand in the calling thread
 * (attention or Grad-CAM heatmap, R-peak snapping, template waveforms).
 */
import type { BeatAttention, BeatLabel, NoiseSpan, TemplateGroup } from '../../shared/review';
import type { BackendPreference } from '../ml/backend/select';
import type { UncertaintyValues } from './uncertainty-pass';

/** The model that classifies the beats, as the review status shows it. */
export interface AnalysisModelInfo {
  name: string;
  version: string;
  /** The tfjs backend in use ('wasm', 'tensorflow', 'cpu'). */
  backend: string;
}

/** A block of newly classified beats, in time order; chunks arrive in time order and never overlap. */
export interface AnalysedChunk {
  /** R-peak frame numbers of the record (NOT model-rate samples), ascending. */
  samples: Int32Array;
  /** samples.length × 5 probabilities, BEAT_LABELS order. */
  probabilities: Float32Array;
  /** Morphology group per beat (stable ids, assigned incrementally, >= 0). */
  templateIds: Int32Array;
  /** Every beat before this time is now classified (end of this chunk's span). */
  analysedSec: number;
  /** 0..1 of the whole analysis. */
  fraction: number;
  /**
   * Noise segments (../signal/quality) within this chunk's span, from the previous chunk's
   * `analysedSec` to this one's, clipped to it: no beat was kept there. Absent: none.
   */
  noise?: NoiseSpan[];
}

/** What the analysis reports while it runs; called in the thread that started it. */
export interface AnalysisCallbacks {
  onModel(info: AnalysisModelInfo): void;
  onProgress(progress: { fraction: number; message: string }): void;
  onChunk(chunk: AnalysedChunk): void;
}

/** Which recording to analyse, with which model. */
export interface AnalysisRequest {
  headerPath: string;
  modelDir: string;
  backend?: BackendPreference;
  /** Resume: beats before this time are not sent again (detection still covers the whole record). */
  fromSec?: number;
  /** The worker entry (Electron passes the bundled one); default: the .ts source via tsx. */
  workerPath?: string;
}

/** Which classified recording to estimate the uncertainty of (./uncertainty-pass). */
export interface UncertaintyRequest {
  headerPath: string;
  modelDir: string;
  backend?: BackendPreference;
  /** Resume: beats before this R-peak frame are skipped. */
  fromSample?: number;
  /** Monte Carlo passes (default UNCERTAINTY_PASSES). */
  passes?: number;
  workerPath?: string;
}

/** What the uncertainty pass reports while it runs; called in the thread that started it. */
export interface UncertaintyCallbacks {
  onProgress(progress: { fraction: number; message: string }): void;
  onValues(values: UncertaintyValues): void;
}

/** A running analysis. */
export interface AnalysisHandle {
  /** Resolves when the worker is finished; rejects with an AppError (code 'ml/…' or 'wfdb/…'). */
  readonly done: Promise<{ state: 'done' | 'cancelled' }>;
  /** Stops the analysis within one chunk; `done` then resolves with state 'cancelled'. */
  cancel(): void;
}

/** A beat as the review knows it: its id and R-peak frame number. */
export interface BeatRef {
  id: number;
  sample: number;
}

/** Per-recording helpers that run in the calling thread (cheap, on demand). */
export interface BeatTools {
  /**
   * Attention heatmap of these beats (≤ 400), computed on demand with the model (main
   * thread). `neighbours`: the R-peak samples of the recording's beats around them
   * (ascending, theirs among them), where a model that reads neighbour differences finds
   * each beat's neighbours; without it, the requested beats are each other's neighbours.
   */
  attention(beats: readonly BeatRef[], neighbours?: Int32Array): Promise<BeatAttention[]>;
  /** Grad-CAM heatmap of these beats (≤ 400), the same shape as `attention`, for the class the model chose (main thread). */
  gradCam(beats: readonly BeatRef[], neighbours?: Int32Array): Promise<BeatAttention[]>;
  /** The R peak nearest `sample` within ±100 ms on the lead the detector uses (for 'add'). */
  snapToPeak(sample: number): Promise<number>;
  /** Template groups for display: waveforms read from the record around the member beats. */
  templates(beats: readonly (BeatRef & { label: BeatLabel; templateId: number })[]): Promise<TemplateGroup[]>;
}
