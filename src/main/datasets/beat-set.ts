/**
 * The beats of one record as the models consume them: columnar typed arrays (one entry per
 * beat, windows and RR features contiguous) plus a per-beat view for code that wants objects.
 */
import { AAMI_CLASSES, type AamiClass } from './aami';
import { RR_FEATURE_COUNT } from '../signal/rr-features';

/** A reference beat that no detection matched (detector mode). */
export interface MissedBeat {
  /** Sample number of the reference annotation. */
  sample: number;
  /** MIT-BIH symbol of the annotation. */
  symbol: string;
  aami: AamiClass;
}

/** Beats of one record. Arrays are indexed by beat, beats in ascending sample order. */
export interface BeatSet {
  record: string;
  /** Where the beats come from: the reference annotations, or a detector matched to them. */
  source: 'reference' | 'detector';
  /** Sample rate of `samples` (the record's signal), Hz. */
  fs: number;
  /** The lead the windows were cut from. */
  lead: { index: number; name: string };
  count: number;
  /** R-peak sample numbers at `fs`. */
  samples: Int32Array;
  /** AAMI class index (0 = N … 4 = Q, as AAMI_CLASSES), −1 for a detection with no reference beat. */
  classes: Int8Array;
  /** Original MIT-BIH symbol, '' for a detection with no reference beat. */
  symbols: string[];
  /** Samples per window and the windows' rate. */
  windowLength: number;
  windowRateHz: number;
  /** count × windowLength values (see ../signal/beat-windows). */
  windows: Float32Array;
  /** WINDOW_FLAGS bits per beat. */
  windowFlags: Uint8Array;
  /** count × windowLength differences from the neighbours' median, when the window config asks for them, else null. */
  differences: Float32Array | null;
  /** count × RR_FEATURE_COUNT values (see ../signal/rr-features). */
  rr: Float32Array;
  /** Reference beats no detection matched (empty in reference mode). */
  missed: MissedBeat[];
  /** False when the record had no annotation file (reference mode then yields no beats). */
  hasAnnotations: boolean;
}

/** One beat, as views into its BeatSet (no copies). */
export interface Beat {
  record: string;
  sample: number;
  /** AAMI class, null for an extra detection. */
  aami: AamiClass | null;
  symbol: string;
  window: Float32Array;
  rr: Float32Array;
  windowFlags: number;
}

/** The beat at `index` of `set`. */
export function beatAt(set: BeatSet, index: number): Beat {
  const L = set.windowLength;
  return {
    record: set.record,
    sample: set.samples[index]!,
    aami: AAMI_CLASSES[set.classes[index]!] ?? null,
    symbol: set.symbols[index] ?? '',
    window: set.windows.subarray(index * L, (index + 1) * L),
    rr: set.rr.subarray(index * RR_FEATURE_COUNT, (index + 1) * RR_FEATURE_COUNT),
    windowFlags: set.windowFlags[index]!,
  };
}

/** Yields every beat of `set` in order. */
export function* beatsOf(set: BeatSet): Generator<Beat> {
  for (let i = 0; i < set.count; i++) yield beatAt(set, i);
}
