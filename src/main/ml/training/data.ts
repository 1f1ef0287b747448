/**
 * Training data from the datasets module: the beats of several records in one set of
 * columnar arrays (windows, raw RR features, classes), optionally thinned to at most N beats
 * per record for quick runs — stratified, so that a record's rare classes survive — and the
 * default model-selection split of DS1.
 */
import type { BeatSet } from '../../datasets';
import { DS1_RECORDS } from '../../datasets';
import { RR_FEATURE_COUNT } from '../../signal/rr-features';
import { createPrng, deriveSeed, shuffleInPlace } from './prng';

/**
 * DS1 records held out for model selection (early stopping, best checkpoint); DS2 is never
 * touched in training (../shared/docs/protocol.md). Chosen to hold about a fifth of DS1's
 * N, S and V beats (N 8,318, S 203 of 944, V 607 of 3,788, F 30 of 415; 9,158 beats, 18%)
 * while leaving 208, which has 373 of DS1's 415 F beats, and 209 (383 S) for training.
 */
export const DS1_VALIDATION_RECORDS: readonly string[] = Object.freeze(['118', '124', '205', '223']);

/** DS1 without the validation records: the default training records. */
export const DS1_TRAIN_RECORDS: readonly string[] = Object.freeze(DS1_RECORDS.filter((r) => !DS1_VALIDATION_RECORDS.includes(r)));

/** Beats of several records, for training or validation. */
export interface BeatArrays {
  count: number;
  windowLength: number;
  /** count × windowLength. */
  windows: Float32Array;
  /** count × windowLength neighbour differences, when the records' windows have them, else null. */
  differences: Float32Array | null;
  /** count × RR_FEATURE_COUNT raw RR features. */
  rr: Float32Array;
  /** Class index per beat, 0 … classes − 1. */
  classes: Int8Array;
  /** The records, in order. */
  records: string[];
}

/**
 * Indices of at most `max` beats of one record, stratified: classes are served from the
 * rarest up, each getting an equal share of what is left (so a record's 30 S beats are kept
 * whole and N fills the rest), drawn at random within a class, returned in sample order.
 */
export function stratifiedSubset(classes: Int8Array, keep: (i: number) => boolean, max: number, seed: number): Int32Array {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < classes.length; i++) {
    if (!keep(i)) continue;
    const list = byClass.get(classes[i]!) ?? [];
    list.push(i);
    byClass.set(classes[i]!, list);
  }
  const groups = [...byClass.entries()].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
  const prng = createPrng(seed);
  const chosen: number[] = [];
  let left = max;
  groups.forEach(([, indices], k) => {
    const take = Math.min(indices.length, Math.floor(left / (groups.length - k)));
    chosen.push(...shuffleInPlace(indices, prng).slice(0, take));
    left -= take;
  });
  return Int32Array.from(chosen).sort();
}

/**
 * Concatenates the labelled beats (class 0 … classes − 1; extra detections, −1, are left out)
 * of `sets`, each record thinned to `maxBeatsPerRecord` when given (seeded by `seed` and the
 * record name). Throws RangeError when the sets differ in window length, or some have
 * neighbour differences and some not.
 */
export function collectBeats(sets: readonly BeatSet[], classes: number, options: { maxBeatsPerRecord?: number | null; seed?: number } = {}): BeatArrays {
  const L = sets[0]?.windowLength ?? 0;
  const withDifferences = sets.length > 0 && sets[0]!.differences !== null;
  const picks = sets.map((set) => {
    if (set.windowLength !== L) throw new RangeError(`record ${set.record} has ${set.windowLength}-sample windows, not ${L}`);
    if ((set.differences !== null) !== withDifferences) throw new RangeError(`record ${set.record} ${withDifferences ? 'lacks' : 'has'} neighbour differences, unlike ${sets[0]!.record}`);
    const keep = (i: number): boolean => set.classes[i]! >= 0 && set.classes[i]! < classes;
    const max = options.maxBeatsPerRecord;
    if (max !== undefined && max !== null) return stratifiedSubset(set.classes, keep, max, deriveSeed(options.seed ?? 0, 'subset', set.record));
    return Int32Array.from({ length: set.count }, (_, i) => i).filter(keep);
  });
  const pairs = picks.flatMap((list, s) => Array.from(list, (i) => [s, i] as const));
  return { ...gatherBeats(sets, pairs), windowLength: L, records: sets.map((s) => s.record) };
}

/** Beats picked from several beat sets: windows, differences when the sets have them, raw RR rows and classes. */
export type PickedBeats = Pick<BeatArrays, 'count' | 'windows' | 'differences' | 'rr' | 'classes'>;

/**
 * The beats `picks` ([set, beat] index pairs, in the order wanted) of `sets`, copied into new
 * arrays; differences when the first set has them (then every picked set must).
 * @throws RangeError for a picked set whose windows differ in length from the first set's or that lacks differences.
 */
export function gatherBeats(sets: readonly Pick<BeatSet, 'record' | 'windowLength' | 'windows' | 'differences' | 'rr' | 'classes'>[], picks: readonly (readonly [number, number])[]): PickedBeats {
  const L = sets[0]?.windowLength ?? 0;
  const withDifferences = sets[0]?.differences != null;
  const count = picks.length;
  const out: PickedBeats = {
    count,
    windows: new Float32Array(count * L),
    differences: withDifferences ? new Float32Array(count * L) : null,
    rr: new Float32Array(count * RR_FEATURE_COUNT),
    classes: new Int8Array(count),
  };
  picks.forEach(([s, i], k) => {
    const set = sets[s]!;
    if (set.windowLength !== L) throw new RangeError(`record ${set.record} has ${set.windowLength}-sample windows, not ${L}`);
    out.windows.set(set.windows.subarray(i * L, (i + 1) * L), k * L);
    if (out.differences !== null) {
      if (set.differences === null) throw new RangeError(`record ${set.record} lacks neighbour differences, unlike ${sets[0]!.record}`);
      out.differences.set(set.differences.subarray(i * L, (i + 1) * L), k * L);
    }
    out.rr.set(set.rr.subarray(i * RR_FEATURE_COUNT, (i + 1) * RR_FEATURE_COUNT), k * RR_FEATURE_COUNT);
    out.classes[k] = set.classes[i]!;
  });
  return out;
}

/** Rows `indices` of a count × width array, gathered into a new array. */
export function gatherRows(values: Float32Array, width: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * width);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    out.set(values.subarray(i * width, (i + 1) * width), k * width);
  }
  return out;
}
