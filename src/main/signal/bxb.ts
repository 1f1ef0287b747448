/**
 * Beat-by-beat comparison of detected QRS complexes with reference beat annotations, as
 * WFDB's `bxb` scores them (G. Moody, WFDB `app/bxb.c`, implementing ANSI/AAMI EC38:1998
 * and EC57:1998):
 *
 * - Reference beats are the annotations whose code is a beat (WFDB `isqrs`). Their AAMI
 *   class comes from bxb's `amap`; the one beat code it maps to no class, the ventricular
 *   flutter wave `!`, is a non-beat: it is not counted when missed, and a detection
 *   paired with it counts as a false positive (bxb's `On`).
 * - Everything between a `[` (VFON) and the next `]` (VFOFF) in the reference is skipped,
 *   and detections inside such an episode count neither way (bxb pairs them with its `*`
 *   pseudo-label, which its tally ignores). bxb remembers only the two latest episodes;
 *   this checks all of them, the same for any file whose episodes are apart by more than a
 *   beat.
 * - The comparison starts `startSec` (default 5 minutes) into the record: reference beats
 *   before it are ignored; the last detection before it may still match the first
 *   reference beat, and a detection within the match window after the start that matches
 *   nothing is dropped. It runs to the record's end (`recordLength`), or, when that is not
 *   given, to the last reference beat (bxb with no record length).
 * - A detection and a reference beat match when they are at most the match window apart
 *   (default 150 ms, `strtim(".15")` rounded to samples) and each is the other's nearest:
 *   bxb walks both lists in time order and pairs the earlier of the two current
 *   annotations with the later one only if no next annotation of the earlier one's kind
 *   is closer. Each annotation is paired at most once.
 * - Shutdown (NOISE with subtype bits 4 and 5 set) only changes bxb's labels (X for O);
 *   both count as misses and false positives alike, so it is not tracked here.
 */
import { isBeatCode } from '../wfdb';

/** A reference annotation: sample index and WFDB annotation code. */
export interface ReferenceAnnotation {
  sample: number;
  code: number;
}

/** Options of {@link compareBeats}. */
export interface BxbOptions {
  /** Sampling frequency of the annotation times, in Hz. */
  fs: number;
  /** Match window in seconds (bxb default 0.15). */
  matchWindowSec?: number;
  /** Start of the comparison in seconds (bxb default 300). */
  startSec?: number;
  /** Record length in samples; beats up to it are compared. Omitted: to the last reference beat. */
  recordLength?: number;
}

/** The beat counts of a comparison (one record's, or gross over several) and bxb's two figures. */
export interface BeatCounts {
  /** Reference beats counted (true positives + false negatives). */
  referenceBeats: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  /** Sensitivity TP / (TP + FN) in percent; NaN without reference beats. */
  sensitivityPct: number;
  /** Positive predictivity TP / (TP + FP) in percent; NaN without detections counted. */
  positivePredictivityPct: number;
}

/** {@link BeatCounts} of `truePositives`, `falseNegatives` (missed beats) and `falsePositives`. */
export function beatCounts(truePositives: number, falseNegatives: number, falsePositives: number): BeatCounts {
  return {
    referenceBeats: truePositives + falseNegatives,
    truePositives,
    falseNegatives,
    falsePositives,
    sensitivityPct: percent(truePositives, truePositives + falseNegatives),
    positivePredictivityPct: percent(truePositives, truePositives + falsePositives),
  };
}

/** Result of one record's comparison. */
export interface BxbResult extends BeatCounts {
  /** Signed timing error (detection − reference, samples) of each matched beat. */
  timingErrorsSamples: number[];
  /** Sample indices of the missed reference beats. */
  missedSamples: number[];
  /** Sample indices of the false detections. */
  falseSamples: number[];
}

const HUGE = Number.MAX_SAFE_INTEGER;
/** Pseudo-labels of bxb: O (unmatched), * (inside reference VF: not counted). */
type Label = 'beat' | 'O' | '*';

/** bxb's `amap` reduced to what the QRS statistics need: a beat class or not. */
function referenceLabel(code: number): Label {
  return code === 31 ? 'O' : 'beat'; // 31 = FLWAV '!': amap maps it to 'O'
}

interface RefStream {
  times: number[];
  labels: Label[];
  vf: Array<[number, number]>;
}

/** Collects reference beats and VF episodes in file order (bxb `getref`). */
function readReference(reference: readonly ReferenceAnnotation[]): RefStream {
  const times: number[] = [];
  const labels: Label[] = [];
  const vf: Array<[number, number]> = [];
  for (let i = 0; i < reference.length; i++) {
    const a = reference[i]!;
    if (isBeatCode(a.code)) {
      times.push(a.sample);
      labels.push(referenceLabel(a.code));
    } else if (a.code === 32) {
      // VFON: skip everything up to the VFOFF (or the end of the file).
      let j = i + 1;
      while (j < reference.length && reference[j]!.code !== 33) j++;
      vf.push([a.sample, j < reference.length ? reference[j]!.sample : HUGE]);
      i = j;
    }
  }
  return { times, labels, vf };
}

/**
 * Compares detections with reference annotations beat by beat as WFDB `bxb` does (see the
 * file header for the rules). Detections must be sample indices in increasing order.
 * @returns counts, Se/+P in percent, the timing errors of matched beats and the samples of
 * misses and false detections.
 */
export function compareBeats(
  reference: readonly ReferenceAnnotation[],
  detections: ArrayLike<number>,
  options: BxbOptions,
): BxbResult {
  const matchDt = Math.round((options.matchWindowSec ?? 0.15) * options.fs);
  const start = Math.round((options.startSec ?? 300) * options.fs);
  const endTime = options.recordLength ?? -1;
  const ref = readReference(reference);
  const inVf = (time: number): boolean => ref.vf.some(([on, off]) => on <= time && time <= off);
  const res: BxbResult = {
    referenceBeats: 0, truePositives: 0, falseNegatives: 0, falsePositives: 0,
    sensitivityPct: NaN, positivePredictivityPct: NaN,
    timingErrorsSamples: [], missedSamples: [], falseSamples: [],
  };
  // Cursor state mirrors bxb: (T, A) current and Tp next reference; (t) and tp for tests.
  let ri = 0;
  let ti = 0;
  let T = 0, A: Label | null = null, Tp = 0, Ap: Label | null = null;
  let t = 0, hasT = false, tp = 0, hasTp = false;
  const getref = (): void => {
    T = Tp; A = Ap;
    if (ri < ref.times.length) { Tp = ref.times[ri]!; Ap = ref.labels[ri]!; ri++; } else { Tp = HUGE; Ap = null; }
  };
  const gettest = (): void => {
    t = tp; hasT = hasTp;
    if (ti < detections.length) { tp = detections[ti]!; hasTp = true; ti++; } else { tp = HUGE; hasTp = false; }
  };
  const pair = (refLabel: Label | null, matched: boolean): void => {
    // refLabel null: no reference (an extra detection, labelled by rpann).
    if (refLabel === null) {
      if (!inVf(t)) { res.falsePositives++; res.falseSamples.push(t); }
    } else if (refLabel === 'O') {
      if (matched) { res.falsePositives++; res.falseSamples.push(t); }
    } else if (matched) {
      res.truePositives++;
      res.timingErrorsSamples.push(t - T);
    } else {
      res.falseNegatives++;
      res.missedSamples.push(T);
    }
  };
  do getref(); while (T < start && T !== HUGE);
  do gettest(); while (tp < start && tp !== HUGE);
  if (hasT && T - t < Math.abs(T - tp) && T - t <= matchDt) {
    pair(A, true);
    getref(); gettest();
  } else {
    gettest();
    if (t - start <= matchDt && Math.abs(T - tp) < Math.abs(T - t)) gettest();
  }
  const more = (): boolean =>
    endTime > 0 ? (T <= endTime || t <= endTime) && (T !== HUGE || t !== HUGE) : T !== HUGE;
  while (more()) {
    if (t < T) {
      if (T - t <= matchDt && T - t < Math.abs(T - tp)) { pair(A, true); getref(); gettest(); }
      else { pair(null, false); gettest(); }
    } else if (t - T <= matchDt && t - T < Math.abs(t - Tp)) { pair(A, true); gettest(); getref(); }
    else { pair(A, false); getref(); }
  }
  return Object.assign(res, beatCounts(res.truePositives, res.falseNegatives, res.falsePositives));
}

function percent(a: number, b: number): number {
  return b > 0 ? (100 * a) / b : NaN;
}
