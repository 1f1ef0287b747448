/**
 * One recording's review in memory: the beats (beat-store.ts), the edit history and audit
 * trail (history.ts), how far the analysis got, and a revision number that increases with
 * every change. Queries answer from here; the services add the analysis and the disk.
 */
import { BEAT_LABELS, DEFAULT_CONFIDENCE_THRESHOLD, type BeatLabel, type FlaggedFilter, type FlaggedPage, type IrregularSpan, type NoiseSpan, type ReviewBeat, type ReviewSummary, type AdaptationStatus } from '../../shared/review';
import { BeatStore } from './beat-store';
import { planEdit, type HistoryEntry, type ResolvedEdit } from './edits';
import { countFlagged, FlaggedCache, firstAtOrAfter, isFlaggedAt, resolveFilter, stepPosition, type FlaggedSort } from './flagged';
import { EditHistory, type Actor } from './history';
import { labelAt, NO_LABEL } from './labels';
import { noiseInRange, withNoise } from './noise';
import { irregularSpansIn, type BeatSequence } from './rhythm-events';
import { computeSummary, shownSequence } from './summary';
import { applyUncertainty, uncertaintyAt, uncertaintyProgress, type UncertaintyChunk, type UncertaintyProgress } from './uncertainty';

/** A block of classified beats from the analysis (see src/main/analysis AnalysedChunk). */
export interface ChunkInput {
  samples: Int32Array;
  /** samples.length × 5 probabilities, BEAT_LABELS order. */
  probabilities: Float32Array;
  templateIds: Int32Array;
  analysedSec: number;
  fraction: number;
  /** Noise segments of the chunk's span (./noise); absent: none. */
  noise?: NoiseSpan[];
}

/** The model that classified the beats. */
export interface ModelInfo {
  name: string;
  version: string;
  backend: string;
}

/** A beat closer than this to a shown one cannot be added (no QRS follows another within it). */
export const MIN_BEAT_GAP_SEC = 0.05;

/** A review in memory. */
export class ReviewDocument {
  store: BeatStore;
  history = new EditHistory();
  revision = 0;
  analysedSec = 0;
  fraction = 0;
  /** The analysis ran to the end of the record. */
  complete = false;
  model: ModelInfo | null = null;
  /** The adapted model in force (its folder beside the review; patient adaptation), null: the analysis's own. */
  adaptedModelId: string | null = null;
  /** The last patient adaptation that ended (the session shows a running one). */
  adaptation: AdaptationStatus | null = null;
  /** Stretches the analysis marked as noise and kept no beat in, sorted and merged (./noise). */
  noise: NoiseSpan[] = [];
  private flaggedCache = new FlaggedCache();
  private summaryCache: { revision: number; recordingId: string; summary: ReviewSummary } | null = null;
  private flaggedCount: { revision: number; count: number } | null = null;
  private reviewedCache: { revision: number; count: number } | null = null;
  private uncertaintyCache: { revision: number; progress: UncertaintyProgress } | null = null;
  private sequenceCache: { revision: number; seq: BeatSequence } | null = null;

  constructor(
    readonly frameRateHz: number,
    store = new BeatStore(),
  ) {
    this.store = store;
  }

  /** Adds one chunk of the analysis: argmax label and its probability per beat. */
  appendChunk(chunk: ChunkInput): void {
    const n = chunk.samples.length;
    const k = BEAT_LABELS.length;
    const predicted = new Int8Array(n);
    const confidence = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if ((chunk.probabilities[i * k + j] as number) > (chunk.probabilities[i * k + best] as number)) best = j;
      predicted[i] = best;
      confidence[i] = chunk.probabilities[i * k + best] as number;
    }
    this.store.appendModelBeats({ samples: chunk.samples, predicted, confidence, templateIds: chunk.templateIds });
    if (chunk.noise !== undefined && chunk.noise.length > 0) this.noise = withNoise(this.noise, chunk.noise);
    this.analysedSec = Math.max(this.analysedSec, chunk.analysedSec);
    this.fraction = Math.max(this.fraction, chunk.fraction);
    this.revision++;
  }

  /** Stores Monte Carlo dropout values sent by the uncertainty pass (./uncertainty); returns how many beats got one. */
  appendUncertainty(chunk: UncertaintyChunk): number {
    const set = applyUncertainty(this.store, chunk);
    if (set > 0) this.revision++;
    return set;
  }

  /** How far the uncertainty pass got over the model's beats (cached per revision). */
  get uncertaintyProgress(): UncertaintyProgress {
    if (this.uncertaintyCache?.revision !== this.revision) {
      this.uncertaintyCache = { revision: this.revision, progress: uncertaintyProgress(this.store) };
    }
    return this.uncertaintyCache.progress;
  }

  /** One beat as the contract shows it. */
  beatAt(pos: number, threshold = DEFAULT_CONFIDENCE_THRESHOLD): ReviewBeat {
    const c = this.store.columns;
    const predicted = c.predicted[pos] as number;
    const added = predicted === NO_LABEL;
    const sample = c.sample[pos] as number;
    return {
      id: c.id[pos] as number,
      sample,
      timeSec: sample / this.frameRateHz,
      label: labelAt(this.store.labelAt(pos)),
      predicted: added ? null : labelAt(predicted),
      confidence: added ? null : (c.confidence[pos] as number),
      uncertainty: added ? null : uncertaintyAt(this.store, pos),
      reviewed: c.reviewerLabel[pos] !== NO_LABEL,
      added,
      flagged: isFlaggedAt(this.store, pos, threshold),
      templateId: added ? null : (c.templateId[pos] as number),
    };
  }

  /** Shown beats with startSec ≤ time < endSec, in time order (binary search, then the range). */
  beatsInRange(startSec: number, endSec: number, threshold?: number): ReviewBeat[] {
    const from = firstAtOrAfter(this.store, startSec, this.frameRateHz);
    const to = firstAtOrAfter(this.store, endSec, this.frameRateHz);
    const beats: ReviewBeat[] = [];
    for (let pos = from; pos < to; pos++) if (this.store.columns.deleted[pos] === 0) beats.push(this.beatAt(pos, threshold));
    return beats;
  }

  /** Noise stretches overlapping [startSec, endSec), clipped to it. */
  noiseInRange(startSec: number, endSec: number): NoiseSpan[] {
    return noiseInRange(this.noise, startSec, endSec);
  }

  /** Stretches of irregular rhythm (the summary's irregular events, ./rhythm-events) overlapping [startSec, endSec), clipped to it. */
  irregularInRange(startSec: number, endSec: number): IrregularSpan[] {
    if (this.sequenceCache?.revision !== this.revision) this.sequenceCache = { revision: this.revision, seq: shownSequence(this.store, this.frameRateHz) };
    return irregularSpansIn(this.sequenceCache.seq, startSec, endSec);
  }

  /** The shown beat `id`, or null. */
  beatById(id: number): ReviewBeat | null {
    const pos = this.store.positionOf(id);
    return pos < 0 || this.store.columns.deleted[pos] === 1 ? null : this.beatAt(pos);
  }

  /** Shown beats the analysis grouped (added beats have no template), for the template view. */
  templateBeats(): { id: number; sample: number; label: BeatLabel; templateId: number }[] {
    const c = this.store.columns;
    const beats: { id: number; sample: number; label: BeatLabel; templateId: number }[] = [];
    for (let pos = 0; pos < this.store.length; pos++) {
      const templateId = c.templateId[pos] as number;
      if (c.deleted[pos] === 1 || templateId < 0) continue;
      beats.push({ id: c.id[pos] as number, sample: c.sample[pos] as number, label: labelAt(this.store.labelAt(pos)), templateId });
    }
    return beats;
  }

  /** A page of the flagged list. */
  flagged(filter: FlaggedFilter, sort: FlaggedSort, offset: number, limit: number): FlaggedPage {
    const f = resolveFilter(filter);
    const rows = this.flaggedCache.positions(this.store, this.revision, f, sort);
    const beats: ReviewBeat[] = [];
    for (let k = offset; k < Math.min(rows.length, offset + limit); k++) beats.push(this.beatAt(rows[k] as number, f.threshold));
    return { total: rows.length, beats };
  }

  /** The next / previous flagged beat strictly after / before `fromSec`, or null. */
  step(filter: FlaggedFilter, fromSec: number, direction: 1 | -1): ReviewBeat | null {
    const f = resolveFilter(filter);
    const pos = stepPosition(this.store, f, fromSec, direction, this.frameRateHz);
    return pos < 0 ? null : this.beatAt(pos, f.threshold);
  }

  /** Shown beats with a reviewer label (cached per revision): what a patient adaptation tunes on. */
  get reviewedCount(): number {
    if (this.reviewedCache?.revision !== this.revision) {
      const { reviewerLabel, deleted } = this.store.columns;
      let n = 0;
      for (let pos = 0; pos < this.store.length; pos++) if (deleted[pos] === 0 && (reviewerLabel[pos] as number) >= 0) n++;
      this.reviewedCache = { revision: this.revision, count: n };
    }
    return this.reviewedCache.count;
  }

  /** Flagged beats under the default threshold (cached per revision). */
  get flaggedTotal(): number {
    if (this.flaggedCount?.revision !== this.revision) {
      this.flaggedCount = { revision: this.revision, count: countFlagged(this.store) };
    }
    return this.flaggedCount.count;
  }

  /** Applies an edit (an 'add' already snapped); returns the beats it touched. */
  edit(edit: ResolvedEdit, actor: Actor): number[] {
    const entry = planEdit(this.store, edit, {
      frameRateHz: this.frameRateHz,
      minGapSamples: Math.round(MIN_BEAT_GAP_SEC * this.frameRateHz),
      addLimitSample: this.complete ? Number.POSITIVE_INFINITY : this.analysedSec * this.frameRateHz,
    });
    this.history.apply(this.store, entry, actor);
    this.revision++;
    return Array.from(entry.change.ids);
  }

  undo(actor: Actor): number[] {
    const entry = this.history.undo(this.store, actor);
    this.syncAdaptedModel(entry, 'back');
    this.revision++;
    return Array.from(entry.change.ids);
  }

  redo(actor: Actor): number[] {
    const entry = this.history.redo(this.store, actor);
    this.syncAdaptedModel(entry, 'forward');
    this.revision++;
    return Array.from(entry.change.ids);
  }

  /** Applies a patient adaptation's re-classification (./prediction-change) as one undoable step. */
  adapt(entry: HistoryEntry, actor: Actor): number[] {
    this.history.apply(this.store, entry, actor);
    this.syncAdaptedModel(entry, 'forward');
    this.revision++;
    return Array.from(entry.change.ids);
  }

  /** After an adaptation step went `direction`, the adapted model in force is the one it names. */
  private syncAdaptedModel(entry: HistoryEntry, direction: 'forward' | 'back'): void {
    if (entry.change.field === 'prediction') this.adaptedModelId = direction === 'forward' ? entry.change.model.after : entry.change.model.before;
  }

  /** The summary, computed once per revision. */
  summary(recordingId: string): ReviewSummary {
    const cached = this.summaryCache;
    if (cached?.revision === this.revision) return cached.recordingId === recordingId ? cached.summary : { ...cached.summary, recordingId };
    const summary = computeSummary(this.store, {
      recordingId,
      revision: this.revision,
      analysedSec: this.analysedSec,
      frameRateHz: this.frameRateHz,
      noise: this.noise,
    });
    this.summaryCache = { revision: this.revision, recordingId, summary };
    return summary;
  }
}
