/**
 * The noise segments of a review: the stretches the analysis' signal-quality gate
 * (../signal/quality) marked unreadable, where it kept no beat (issue 11). They arrive with
 * the analysis chunks, clipped to each chunk's span, and are kept sorted and merged, so a
 * segment cut by a chunk boundary is one segment again.
 */
import type { NoiseSpan, NoiseSummary } from '../../shared/review';
import { mergeSegments, secondsInNoise, segmentsWithin } from '../signal/quality';

/** `held` with `added` merged in (both sorted or not; the result is sorted and merged). */
export function withNoise(held: readonly NoiseSpan[], added: readonly NoiseSpan[]): NoiseSpan[] {
  return added.length === 0 ? [...held] : mergeSegments([...held, ...added]);
}

/** The parts of `segments` inside [startSec, endSec), in time order. */
export function noiseInRange(segments: readonly NoiseSpan[], startSec: number, endSec: number): NoiseSpan[] {
  return segmentsWithin(segments, startSec, endSec);
}

/**
 * The stretches (time-ordered, not overlapping: noise, irregular rhythm) within [0,
 * analysedSec): how many, their seconds and their share of that time (percent, two decimals).
 */
export function shareOfAnalysedTime(stretches: readonly NoiseSpan[], analysedSec: number): { count: number; totalSec: number; percent: number } {
  const within = segmentsWithin(stretches, 0, analysedSec);
  const totalSec = secondsInNoise(within);
  return {
    count: within.length,
    totalSec,
    percent: analysedSec > 0 ? Math.round((totalSec / analysedSec) * 10000) / 100 : 0,
  };
}

/** Noise within [0, analysedSec): stretches, seconds and share of that time (percent, two decimals). */
export function noiseSummary(segments: readonly NoiseSpan[], analysedSec: number): NoiseSummary {
  const { count, totalSec, percent } = shareOfAnalysedTime(segments, analysedSec);
  return { segmentCount: count, totalSec, percent };
}

/**
 * Whether a stretch of `segments` (sorted, merged) overlaps (fromSec, toSec): an RR interval
 * that does is the gap the gate left, not a pause of the heart (binary search).
 */
export function overlapsNoise(segments: readonly NoiseSpan[], fromSec: number, toSec: number): boolean {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.endSec <= fromSec) lo = mid + 1;
    else hi = mid;
  }
  const s = segments[lo];
  return s !== undefined && s.startSec < toSec;
}
