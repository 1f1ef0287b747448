/**
 * The flagged-beat queue. A shown beat is flagged when its label in force is not N, or
 * when the model's confidence is below the threshold and no reviewer has labelled it
 * (shared/review.ts). Queries scan the typed columns (about 1 ms for 100,000 beats); the
 * last query's matches are kept per revision, so paging through a sorted list costs only
 * the page. The 'uncertainty' order is the selective-review queue (issue 9): the beats the
 * model is least sure of first, by the Monte Carlo dropout estimate where the background
 * pass has reached the beat (./uncertainty `uncertaintyAt`).
 */
import { BEAT_LABELS, DEFAULT_CONFIDENCE_THRESHOLD, type FlaggedFilter } from '../../shared/review';
import type { BeatStore } from './beat-store';
import { LABEL_N, labelIndex, NO_LABEL } from './labels';
import { uncertaintyAt } from './uncertainty';

/** A filter with its defaults filled in, in the form the scan uses. */
export interface ResolvedFilter {
  /** Bit i set: label index i passes. */
  labelMask: number;
  maxConfidence: number;
  threshold: number;
  unreviewedOnly: boolean;
}

/**
 * Order of the flagged list: time, least confident first, or most uncertain first (both
 * with ties by time and added beats last).
 */
export type FlaggedSort = 'time' | 'confidence' | 'uncertainty';

/** Fills in a filter's defaults. */
export function resolveFilter(filter: FlaggedFilter): ResolvedFilter {
  let labelMask = (1 << BEAT_LABELS.length) - 1;
  if (filter.labels) labelMask = filter.labels.reduce((mask, label) => mask | (1 << labelIndex(label)), 0);
  return {
    labelMask,
    maxConfidence: filter.maxConfidence ?? Number.POSITIVE_INFINITY,
    threshold: filter.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD,
    unreviewedOnly: filter.unreviewedOnly ?? false,
  };
}

/** Whether the beat at row `pos` is shown and flagged under `threshold`. */
export function isFlaggedAt(store: BeatStore, pos: number, threshold: number): boolean {
  const c = store.columns;
  if (c.deleted[pos] === 1) return false;
  const reviewer = c.reviewerLabel[pos] as number;
  const label = reviewer !== NO_LABEL ? reviewer : (c.predicted[pos] as number);
  if (label !== LABEL_N) return true;
  // NaN (an added beat) is never below a threshold; added beats are reviewed anyway.
  return reviewer === NO_LABEL && (c.confidence[pos] as number) < threshold;
}

/** Whether the beat at row `pos` is flagged and passes the filter. */
export function matchesAt(store: BeatStore, pos: number, f: ResolvedFilter): boolean {
  if (!isFlaggedAt(store, pos, f.threshold)) return false;
  const c = store.columns;
  const reviewer = c.reviewerLabel[pos] as number;
  if (f.unreviewedOnly && reviewer !== NO_LABEL) return false;
  const label = reviewer !== NO_LABEL ? reviewer : (c.predicted[pos] as number);
  if ((f.labelMask & (1 << label)) === 0) return false;
  const confidence = c.confidence[pos] as number;
  return !(confidence > f.maxConfidence);
}

/** Shown beats flagged under `threshold`, counted. */
export function countFlagged(store: BeatStore, threshold = DEFAULT_CONFIDENCE_THRESHOLD): number {
  let n = 0;
  for (let pos = 0; pos < store.length; pos++) if (isFlaggedAt(store, pos, threshold)) n++;
  return n;
}

/**
 * Sorts `rows` (ascending rows = time order) by rising `key`, NaN keys (added beats) last,
 * ties in row order. The keys are read once into an array: the comparator then costs no
 * column lookups or calls, which matters for 10,000+ flagged beats.
 */
function sortByKey(rows: Int32Array, key: (pos: number) => number): void {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const k = key(rows[i] as number);
    keys[i] = Number.isNaN(k) ? Number.POSITIVE_INFINITY : k;
  }
  const order = Uint32Array.from({ length: rows.length }, (_, i) => i);
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const sorted = Int32Array.from(order, (i) => rows[i] as number);
  rows.set(sorted);
}

/** Rows of flagged beats passing `f`, in `sort` order. */
export function flaggedPositions(store: BeatStore, f: ResolvedFilter, sort: FlaggedSort): Int32Array {
  const rows = new Int32Array(store.length);
  let n = 0;
  for (let pos = 0; pos < store.length; pos++) if (matchesAt(store, pos, f)) rows[n++] = pos;
  const matches = rows.slice(0, n);
  const confidence = store.columns.confidence;
  if (sort === 'confidence') sortByKey(matches, (pos) => confidence[pos] as number);
  // Negated so that the most uncertain come first; an added beat's NaN stays NaN (last).
  else if (sort === 'uncertainty') sortByKey(matches, (pos) => -uncertaintyAt(store, pos));
  return matches;
}

/** Keeps the last query's matches for one revision, so that paging does not rescan. */
export class FlaggedCache {
  private key = '';
  private rows: Int32Array = new Int32Array(0);

  /** The rows for (revision, filter, sort), computed once per distinct key. */
  positions(store: BeatStore, revision: number, filter: ResolvedFilter, sort: FlaggedSort): Int32Array {
    const key = `${revision}|${filter.labelMask}|${filter.maxConfidence}|${filter.threshold}|${filter.unreviewedOnly}|${sort}`;
    if (key !== this.key) {
      this.rows = flaggedPositions(store, filter, sort);
      this.key = key;
    }
    return this.rows;
  }
}

/** First row whose time (sample / rate) is ≥ `sec`. */
export function firstAtOrAfter(store: BeatStore, sec: number, frameRateHz: number): number {
  let pos = store.lowerBound(Math.floor(sec * frameRateHz));
  const s = store.columns.sample;
  while (pos < store.length && (s[pos] as number) / frameRateHz < sec) pos++;
  return pos;
}

/**
 * The row of the next (direction 1) or previous (−1) flagged beat passing `f` strictly
 * after / before `fromSec`, or −1. Binary search to the start, then a scan.
 */
export function stepPosition(store: BeatStore, f: ResolvedFilter, fromSec: number, direction: 1 | -1, frameRateHz: number): number {
  const s = store.columns.sample;
  if (direction === 1) {
    let pos = firstAtOrAfter(store, fromSec, frameRateHz);
    while (pos < store.length && (s[pos] as number) / frameRateHz <= fromSec) pos++;
    for (; pos < store.length; pos++) if (matchesAt(store, pos, f)) return pos;
    return -1;
  }
  for (let pos = firstAtOrAfter(store, fromSec, frameRateHz) - 1; pos >= 0; pos--) {
    if (matchesAt(store, pos, f)) return pos;
  }
  return -1;
}
