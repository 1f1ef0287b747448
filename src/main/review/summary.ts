/**
 * The rhythm summary of a review: beat counts and burden per class, heart rate per minute
 * with its minimum, mean and maximum, the RR tachogram and the rhythm events.
 *
 * Heart rate: each RR interval (between consecutive shown beats) belongs to the 1-minute
 * bin of the beat that ends it; a bin's rate is 60 / (mean RR in seconds). An RR longer
 * than `HR_MAX_RR_SEC` is a gap (signal loss, noise, a rhythm without beats such as
 * ventricular flutter), not a heart rate: it stays in the tachogram and the pauses but not
 * in the rate. A bin counts (trend value, min/mean/max) only with enough beats: at least
 * `HR_MIN_INTERVALS` RR intervals covering at least half of it, so a partly analysed or
 * mostly noisy minute does not report a made-up rate. Mean = mean of the bins that count;
 * min/max times are the starts of their bins.
 */
import { BEAT_LABELS, type IrregularSummary, type NoiseSpan, type PerLabel, type ReviewSummary, type RhythmEvent } from '../../shared/review';
import { noiseSummary, overlapsNoise, shareOfAnalysedTime } from './noise';
import type { BeatStore } from './beat-store';
import { findRhythmEvents, type BeatSequence } from './rhythm-events';

/** Width of a heart-rate bin, seconds. */
export const HR_BIN_SEC = 60;
/** Fraction of a bin its RR intervals must cover for its rate to count. */
export const HR_MIN_COVERAGE = 0.5;
/** RR intervals a bin needs for its rate to count. */
export const HR_MIN_INTERVALS = 10;
/** Longest RR that counts towards the heart rate, seconds. */
export const HR_MAX_RR_SEC = 10;
/** Most points the tachogram sends. */
export const MAX_TACHOGRAM_POINTS = 20_000;

/** The shown beats, in time order, with their labels in force. */
export function shownSequence(store: BeatStore, frameRateHz: number): BeatSequence {
  const n = store.liveCount;
  const samples = new Int32Array(n);
  const labels = new Int8Array(n);
  const ids = new Int32Array(n);
  const c = store.columns;
  let k = 0;
  for (let pos = 0; pos < store.length; pos++) {
    if (c.deleted[pos] === 1) continue;
    samples[k] = c.sample[pos] as number;
    labels[k] = store.labelAt(pos);
    ids[k] = c.id[pos] as number;
    k++;
  }
  return { samples, labels, ids, frameRateHz };
}

function perLabel<T>(make: (label: (typeof BEAT_LABELS)[number], index: number) => T): PerLabel<T> {
  return Object.fromEntries(BEAT_LABELS.map((label, index) => [label, make(label, index)])) as PerLabel<T>;
}

/** Heart rate per bin (null where the bin does not count), and min/mean/max. */
export function heartRate(seq: BeatSequence, analysedSec: number): Pick<ReviewSummary, 'heartRate' | 'trend'> {
  const bins = Math.max(0, Math.ceil(analysedSec / HR_BIN_SEC));
  const rrSum = new Float64Array(bins);
  const rrCount = new Uint32Array(bins);
  const { samples, frameRateHz } = seq;
  for (let i = 1; i < samples.length; i++) {
    const bin = Math.floor((samples[i] as number) / frameRateHz / HR_BIN_SEC);
    if (bin >= bins) break;
    const rr = ((samples[i] as number) - (samples[i - 1] as number)) / frameRateHz;
    if (rr > HR_MAX_RR_SEC) continue;
    rrSum[bin] = (rrSum[bin] as number) + rr;
    rrCount[bin] = (rrCount[bin] as number) + 1;
  }
  const bpm: (number | null)[] = [];
  let min = { bpm: Infinity, at: 0 };
  let max = { bpm: -Infinity, at: 0 };
  let total = 0;
  let counted = 0;
  for (let bin = 0; bin < bins; bin++) {
    const sum = rrSum[bin] as number;
    if (sum < HR_BIN_SEC * HR_MIN_COVERAGE || (rrCount[bin] as number) < HR_MIN_INTERVALS) {
      bpm.push(null);
      continue;
    }
    const rate = (60 * (rrCount[bin] as number)) / sum;
    bpm.push(Math.round(rate * 10) / 10);
    if (rate < min.bpm) min = { bpm: rate, at: bin * HR_BIN_SEC };
    if (rate > max.bpm) max = { bpm: rate, at: bin * HR_BIN_SEC };
    total += rate;
    counted++;
  }
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    heartRate:
      counted === 0
        ? null
        : { minBpm: round(min.bpm), minAtSec: min.at, meanBpm: round(total / counted), maxBpm: round(max.bpm), maxAtSec: max.at },
    trend: { stepSec: HR_BIN_SEC, bpm },
  };
}

/**
 * RR before each beat. With more than `MAX_TACHOGRAM_POINTS` intervals, the intervals are
 * split into MAX/2 equal buckets and each keeps its shortest and longest (in time order),
 * so pauses and bursts survive the decimation.
 */
export function tachogram(seq: BeatSequence): ReviewSummary['tachogram'] {
  const { samples, frameRateHz } = seq;
  const n = Math.max(0, samples.length - 1);
  const timeSec: number[] = [];
  const rrMs: number[] = [];
  const push = (i: number): void => {
    timeSec.push((samples[i] as number) / frameRateHz);
    rrMs.push((((samples[i] as number) - (samples[i - 1] as number)) * 1000) / frameRateHz);
  };
  if (n <= MAX_TACHOGRAM_POINTS) {
    for (let i = 1; i <= n; i++) push(i);
    return { timeSec, rrMs };
  }
  const buckets = MAX_TACHOGRAM_POINTS / 2;
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * n) / buckets);
    const to = 1 + Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      const rr = (samples[i] as number) - (samples[i - 1] as number);
      if (rr < (samples[lo] as number) - (samples[lo - 1] as number)) lo = i;
      if (rr > (samples[hi] as number) - (samples[hi - 1] as number)) hi = i;
    }
    push(Math.min(lo, hi));
    if (lo !== hi) push(Math.max(lo, hi));
  }
  return { timeSec, rrMs };
}

/** The longest RR interval that does not span a noise stretch (`noise`, sorted and merged). */
function longestRr(seq: BeatSequence, noise: readonly NoiseSpan[]): ReviewSummary['longestRr'] {
  const { samples, frameRateHz } = seq;
  let best = -1;
  for (let i = 1; i < samples.length; i++) {
    if (noise.length > 0 && overlapsNoise(noise, (samples[i - 1] as number) / frameRateHz, (samples[i] as number) / frameRateHz)) continue;
    const rr = (samples[i] as number) - (samples[i - 1] as number);
    if (best < 0 || rr > (samples[best] as number) - (samples[best - 1] as number)) best = i;
  }
  if (best < 0) return null;
  const start = samples[best - 1] as number;
  return { startSec: start / frameRateHz, durationSec: ((samples[best] as number) - start) / frameRateHz };
}

/**
 * The whole summary of the shown beats; `analysedSec` bounds the heart-rate bins and the
 * noise share (`noise`: the review's noise segments, none when absent). An RR interval across
 * a noise stretch is neither a pause nor the longest RR (the heart was not seen there); it
 * stays in the tachogram, and the heart rate leaves it out as every RR over 10 s.
 */
export function computeSummary(
  store: BeatStore,
  meta: { recordingId: string; revision: number; analysedSec: number; frameRateHz: number; noise?: readonly NoiseSpan[] },
): ReviewSummary {
  const seq = shownSequence(store, meta.frameRateHz);
  const noise = meta.noise ?? [];
  const countsArray = new Array<number>(BEAT_LABELS.length).fill(0);
  for (const label of seq.labels) countsArray[label] = (countsArray[label] ?? 0) + 1;
  const total = seq.labels.length;
  const counts = perLabel((_, i) => countsArray[i] ?? 0);
  // A gap the quality gate left is no pause: the heart was not seen there.
  const events = findRhythmEvents(seq).filter((e) => e.kind !== 'pause' || !overlapsNoise(noise, e.startSec, e.endSec));
  return {
    recordingId: meta.recordingId,
    revision: meta.revision,
    analysedSec: meta.analysedSec,
    total,
    counts,
    burdenPercent: perLabel((_, i) => (total === 0 ? 0 : Math.round(((countsArray[i] ?? 0) * 10000) / total) / 100)),
    ...heartRate(seq, meta.analysedSec),
    tachogram: tachogram(seq),
    events,
    longestRr: longestRr(seq, noise),
    noise: noiseSummary(noise, meta.analysedSec),
    irregular: irregularSummary(events, meta.analysedSec),
  };
}

/** The irregular-rhythm burden: the irregular events' stretches within [0, analysedSec). */
export function irregularSummary(events: readonly RhythmEvent[], analysedSec: number): IrregularSummary {
  const { count, totalSec, percent } = shareOfAnalysedTime(events.filter((e) => e.kind === 'irregular'), analysedSec);
  return { stretchCount: count, totalSec, percent };
}
