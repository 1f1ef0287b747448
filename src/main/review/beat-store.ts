/**
 * The beats of one review as columns of typed arrays, sorted by sample, so that a 24-hour
 * record (~100,000 beats) costs about 2 MB and every range query is a binary search.
 *
 * Rows are never removed: a deleted beat keeps its row with `deleted = 1`, and a beat the
 * reviewer adds is inserted as a hidden row (deleted, with its label) that the edit then
 * shows. So every edit, and its undo, only flips per-row values (see edits.ts), and ids are
 * never reused. Ids are assigned in arrival order; `positionOf` maps an id to its row.
 */
import { lowerBound } from '../../shared/sorted';
import { NO_LABEL } from './labels';

/** The raw columns, for persistence and for fast scans (flagged.ts, summary.ts). */
export interface BeatColumns {
  /** R-peak frame numbers, ascending (equal samples allowed). */
  sample: Int32Array;
  /** Beat ids, unique, < nextId. */
  id: Int32Array;
  /** The model's label index (BEAT_LABELS order); −1 for a beat the reviewer added. */
  predicted: Int8Array;
  /** The model's probability of `predicted`; NaN for an added beat. */
  confidence: Float32Array;
  /** Morphology group; −1 for an added beat. */
  templateId: Int32Array;
  /** The reviewer's label index; −1 when the reviewer has not labelled the beat. */
  reviewerLabel: Int8Array;
  /** 1 when the beat is deleted (or an added beat that is not, or no longer, shown). */
  deleted: Uint8Array;
  /**
   * Monte Carlo dropout uncertainty (1 − mean top probability, ../ml/uncertainty), 0 … 1;
   * NaN until the background uncertainty pass reaches the beat, and always for an added
   * beat. A re-classification of a beat (patient adaptation) must set it back to NaN.
   */
  uncertainty: Float32Array;
}

/** Model output for a block of beats, in time order. */
export interface ModelBeats {
  samples: Int32Array;
  predicted: Int8Array;
  confidence: Float32Array;
  templateIds: Int32Array;
}

const COLUMN_NAMES = ['sample', 'id', 'predicted', 'confidence', 'templateId', 'reviewerLabel', 'deleted', 'uncertainty'] as const;

function grow<T extends Int32Array | Int8Array | Float32Array | Uint8Array>(array: T, capacity: number): T {
  const ctor = array.constructor as new (n: number) => T;
  const bigger = new ctor(capacity);
  bigger.set(array);
  return bigger;
}

/** Beat columns plus the id index. All positions are row numbers in sample order. */
export class BeatStore {
  /** Rows in use (deleted rows included). */
  length = 0;
  /** Rows not deleted. */
  liveCount = 0;
  /** The id the next beat gets. */
  nextId = 0;
  /** Largest sample of a model beat so far (−1 before any): later model beats must be past it. */
  modelHorizon = -1;
  columns: BeatColumns;
  private posOfId = new Int32Array(1024).fill(-1);

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.columns = {
      sample: new Int32Array(n),
      id: new Int32Array(n),
      predicted: new Int8Array(n),
      confidence: new Float32Array(n),
      templateId: new Int32Array(n),
      reviewerLabel: new Int8Array(n),
      deleted: new Uint8Array(n),
      uncertainty: new Float32Array(n),
    };
  }

  /**
   * Rebuilds a store from saved columns (already validated by the caller: same lengths,
   * sorted samples, unique ids below `nextId`).
   */
  static fromColumns(columns: BeatColumns, length: number, nextId: number, modelHorizon: number): BeatStore {
    const store = new BeatStore(length);
    for (const name of COLUMN_NAMES) {
      (store.columns[name] as { set(values: ArrayLike<number>): void }).set(columns[name].subarray(0, length));
    }
    store.length = length;
    store.nextId = nextId;
    store.modelHorizon = modelHorizon;
    let live = 0;
    for (let i = 0; i < length; i++) live += store.columns.deleted[i] === 0 ? 1 : 0;
    store.liveCount = live;
    store.reindex(0);
    return store;
  }

  /** Row of beat `id`, or −1 when no such beat was ever made. */
  positionOf(id: number): number {
    return Number.isInteger(id) && id >= 0 && id < this.nextId ? (this.posOfId[id] ?? -1) : -1;
  }

  /** First row whose sample is ≥ `sample` (`length` when none). */
  lowerBound(sample: number): number {
    return lowerBound(this.columns.sample, sample, this.length);
  }

  /** First row whose sample is > `sample` (`length` when none). */
  upperBound(sample: number): number {
    const s = this.columns.sample;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((s[mid] as number) <= sample) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The label index in force at `pos`: the reviewer's when set, else the model's. */
  labelAt(pos: number): number {
    const reviewer = this.columns.reviewerLabel[pos] as number;
    return reviewer !== NO_LABEL ? reviewer : (this.columns.predicted[pos] as number);
  }

  /**
   * Appends the model's beats of one chunk. Beats at or before `modelHorizon` are dropped:
   * chunks never overlap, so such a beat can only be a repeat (e.g. at a resume boundary).
   * Beats land after any added beat with the same sample.
   * @returns how many beats were added.
   */
  appendModelBeats(beats: ModelBeats): number {
    let added = 0;
    for (let k = 0; k < beats.samples.length; k++) {
      const sample = beats.samples[k] as number;
      if (sample <= this.modelHorizon) continue;
      const pos = this.insertRow(sample);
      const c = this.columns;
      c.predicted[pos] = beats.predicted[k] as number;
      c.confidence[pos] = beats.confidence[k] as number;
      c.templateId[pos] = beats.templateIds[k] as number;
      c.reviewerLabel[pos] = NO_LABEL;
      c.deleted[pos] = 0;
      c.uncertainty[pos] = Number.NaN;
      this.liveCount++;
      this.modelHorizon = sample;
      added++;
    }
    return added;
  }

  /**
   * Inserts a hidden row for a beat the reviewer adds (deleted, with the reviewer's label);
   * the 'add' edit then shows it. @returns the new beat's id.
   */
  insertAddedBeat(sample: number, label: number): number {
    const pos = this.insertRow(sample);
    const c = this.columns;
    c.predicted[pos] = NO_LABEL;
    c.confidence[pos] = Number.NaN;
    c.templateId[pos] = -1;
    c.reviewerLabel[pos] = label;
    c.deleted[pos] = 1;
    c.uncertainty[pos] = Number.NaN;
    return c.id[pos] as number;
  }

  /** Sets the deleted flag of row `pos`, keeping `liveCount` right. */
  setDeleted(pos: number, deleted: number): void {
    const was = this.columns.deleted[pos] as number;
    if (was === deleted) return;
    this.columns.deleted[pos] = deleted;
    this.liveCount += deleted ? -1 : 1;
  }

  /** A row for `sample` after any rows with the same sample, with a fresh id; returns its position. */
  private insertRow(sample: number): number {
    this.ensureCapacity(this.length + 1);
    const id = this.nextId++;
    if (id >= this.posOfId.length) this.posOfId = grow(this.posOfId, Math.max(id + 1, this.posOfId.length * 2)).fill(-1, this.posOfId.length);
    const last = this.length > 0 ? (this.columns.sample[this.length - 1] as number) : -Infinity;
    const pos = sample >= last ? this.length : this.upperBound(sample);
    if (pos < this.length) {
      for (const name of COLUMN_NAMES) {
        const column = this.columns[name];
        column.copyWithin(pos + 1, pos, this.length);
      }
    }
    this.columns.sample[pos] = sample;
    this.columns.id[pos] = id;
    this.length++;
    this.reindex(pos);
    return pos;
  }

  private reindex(from: number): void {
    const ids = this.columns.id;
    if (this.posOfId.length < this.nextId) this.posOfId = grow(this.posOfId, this.nextId).fill(-1, this.posOfId.length);
    for (let pos = from; pos < this.length; pos++) this.posOfId[ids[pos] as number] = pos;
  }

  private ensureCapacity(needed: number): void {
    const capacity = this.columns.sample.length;
    if (needed <= capacity) return;
    const next = Math.max(needed, capacity * 2);
    for (const name of COLUMN_NAMES) {
      (this.columns as unknown as Record<string, Int32Array>)[name] = grow(this.columns[name] as Int32Array, next);
    }
  }
}
