/**
 * Ectopic runs, bigeminy, trigeminy and pauses, found from the sequence of shown beats
 * (labels in force, in time order). The rules, per ectopic class E ∈ {V, S}:
 *
 * - couplet: exactly 2 consecutive E beats;
 * - run: 3 or more consecutive E beats (ventricular run / VT for V, SVT run for S);
 * - bigeminy: at least 3 consecutive cycles of N-E (N E N E N E), each E a single ectopic
 *   beat between N beats;
 * - trigeminy: at least 3 consecutive cycles of N-N-E (N N E N N E N N E);
 * - pause: an RR interval of 2 s or more (between any two shown beats);
 * - irregular: a stretch of at least 3 shown beats that ../signal/irregular-rhythm reads as
 *   irregularly irregular (atrial fibrillation or flutter), with the default model's
 *   threshold and window; the stretch where that model calls no S or F beat.
 *
 * Only N beats fill the N slots of a cycle: F, Q or the other ectopic class break a
 * pattern. Bigeminy and trigeminy start at the N of their first cycle and end at the E of
 * their last; couplets and runs start at their first E. Events come back in time order.
 */
import type { IrregularSpan, RhythmEvent } from '../../shared/review';
import { lowerBound } from '../../shared/sorted';
import { DEFAULT_IRREGULAR_RHYTHM, irregularRhythmBeats } from '../signal/irregular-rhythm';
import { segmentsWithin } from '../signal/quality';
import { computeRrFeatures } from '../signal/rr-features';
import { labelIndex, LABEL_N } from './labels';

/** The shown beats of a review, in time order. */
export interface BeatSequence {
  samples: Int32Array;
  labels: Int8Array;
  ids: Int32Array;
  frameRateHz: number;
}

/** Smallest RR interval reported as a pause, seconds. */
export const PAUSE_MIN_SEC = 2;
/** Cycles that make a bigeminy or trigeminy episode. */
export const MIN_CYCLES = 3;

const ECTOPIC = [
  { label: 'V', index: labelIndex('V') },
  { label: 'S', index: labelIndex('S') },
] as const;

function event(seq: BeatSequence, kind: RhythmEvent['kind'], ectopic: 'V' | 'S' | null, first: number, last: number): RhythmEvent {
  return {
    kind,
    ectopic,
    startSec: (seq.samples[first] as number) / seq.frameRateHz,
    endSec: (seq.samples[last] as number) / seq.frameRateHz,
    beatCount: last - first + 1,
    firstBeatId: seq.ids[first] as number,
  };
}

/** Each maximal stretch [first, last] of consecutive indices below `count` where `holds` is true, in order. */
function stretches(count: number, holds: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < count) {
    if (!holds(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < count && holds(j + 1)) j++;
    out.push([i, j]);
    i = j + 1;
  }
  return out;
}

/** Couplets (2) and runs (≥ 3) of consecutive beats of class `e`. */
function findRuns(seq: BeatSequence, e: (typeof ECTOPIC)[number], out: RhythmEvent[]): void {
  const { labels } = seq;
  for (const [i, j] of stretches(labels.length, (k) => labels[k] === e.index)) {
    const length = j - i + 1;
    if (length === 2) out.push(event(seq, 'couplet', e.label, i, j));
    else if (length >= 3) out.push(event(seq, 'run', e.label, i, j));
  }
}

/** Whether beats [at, at + period) are (period − 1) N beats then one `ectopic` beat. */
function isCycle(labels: Int8Array, at: number, period: number, ectopic: number): boolean {
  for (let k = 0; k < period - 1; k++) if (labels[at + k] !== LABEL_N) return false;
  return labels[at + period - 1] === ectopic;
}

/** Bigeminy (period 2) or trigeminy (period 3) episodes of class `e`. */
function findPatterns(seq: BeatSequence, e: (typeof ECTOPIC)[number], period: 2 | 3, out: RhythmEvent[]): void {
  const { labels } = seq;
  const kind = period === 2 ? 'bigeminy' : 'trigeminy';
  let i = 0;
  while (i + period <= labels.length) {
    let cycles = 0;
    let j = i;
    while (j + period <= labels.length && isCycle(labels, j, period, e.index)) {
      cycles++;
      j += period;
    }
    if (cycles >= MIN_CYCLES) {
      out.push(event(seq, kind, e.label, i, j - 1));
      i = j;
    } else {
      i++;
    }
  }
}

/** RR intervals of `PAUSE_MIN_SEC` or more. */
function findPauses(seq: BeatSequence, out: RhythmEvent[]): void {
  const minSamples = PAUSE_MIN_SEC * seq.frameRateHz;
  const { samples } = seq;
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i] as number) - (samples[i - 1] as number) >= minSamples) out.push(event(seq, 'pause', null, i - 1, i));
  }
}

/** Beats a stretch of irregular rhythm must hold to be listed. */
export const IRREGULAR_MIN_BEATS = 3;

/**
 * The flags of the last beat times asked for. They depend on the times alone, which a
 * relabel (the usual edit) leaves as they were, and the RR irregularity costs about 0.2 s for
 * a 24-hour record, more than a summary after an edit may take.
 */
let lastFlags: { samples: Int32Array; frameRateHz: number; flags: Uint8Array } | null = null;

/** Irregular-rhythm flags of the beats at `seq`'s times (../signal/irregular-rhythm). */
function irregularFlags(seq: BeatSequence): Uint8Array {
  const { samples, frameRateHz } = seq;
  const last = lastFlags;
  if (last !== null && last.frameRateHz === frameRateHz && last.samples.length === samples.length && last.samples.every((v, i) => v === samples[i])) return last.flags;
  const flags = irregularRhythmBeats(computeRrFeatures(samples, frameRateHz).data, DEFAULT_IRREGULAR_RHYTHM);
  lastFlags = { samples: samples.slice(), frameRateHz, flags };
  return flags;
}

/** Stretches of irregularly irregular rhythm (file header), as events of `seq`, given its flags. */
function irregularEvents(seq: BeatSequence, flags: Uint8Array): RhythmEvent[] {
  return stretches(flags.length, (k) => flags[k] === 1)
    .filter(([i, j]) => j - i + 1 >= IRREGULAR_MIN_BEATS)
    .map(([i, j]) => event(seq, 'irregular', null, i, j));
}

/**
 * Beats on each side of a time range whose RR intervals decide the flags inside it: a
 * beat's irregularity reads the 16 intervals around it and its flag the median of 61 beats'
 * (../signal/irregular-rhythm), so beyond 8 + 30 beats out the rest of the record changes
 * nothing; with this margin the flags, and the stretches, are the whole record's.
 */
const RANGE_MARGIN_BEATS = 100;

/**
 * The stretches of irregular rhythm overlapping [startSec, endSec), clipped to it: the same
 * as the summary's irregular events (see RANGE_MARGIN_BEATS), from the beats around the range
 * alone, so that a strip page costs no pass over the record.
 */
export function irregularSpansIn(seq: BeatSequence, startSec: number, endSec: number): IrregularSpan[] {
  const fs = seq.frameRateHz;
  const from = Math.max(0, lowerBound(seq.samples, startSec * fs) - RANGE_MARGIN_BEATS);
  const to = Math.min(seq.samples.length, lowerBound(seq.samples, endSec * fs) + RANGE_MARGIN_BEATS);
  const part: BeatSequence = { samples: seq.samples.subarray(from, to), labels: seq.labels.subarray(from, to), ids: seq.ids.subarray(from, to), frameRateHz: fs };
  const flags = irregularRhythmBeats(computeRrFeatures(part.samples, fs).data, DEFAULT_IRREGULAR_RHYTHM);
  return segmentsWithin(irregularEvents(part, flags), startSec, endSec);
}

/** Every rhythm event of the sequence, in time order (ties: longer first). */
export function findRhythmEvents(seq: BeatSequence): RhythmEvent[] {
  const events: RhythmEvent[] = [];
  for (const e of ECTOPIC) {
    findRuns(seq, e, events);
    findPatterns(seq, e, 2, events);
    findPatterns(seq, e, 3, events);
  }
  findPauses(seq, events);
  events.push(...irregularEvents(seq, irregularFlags(seq)));
  return events.sort((a, b) => a.startSec - b.startSec || b.endSec - a.endSec);
}
