/**
 * Noise segments — stretches of a recording marked unreadable — and what to do with the beats
 * inside them: a detection there is more likely noise than a heartbeat, so it is dropped
 * rather than shown as an invented beat.
 */

/** An unreadable stretch of a recording, seconds from its start: [startSec, endSec). */
export interface NoiseSegment {
  startSec: number;
  endSec: number;
}

/** Whether time `sec` lies in one of `segments` (sorted, non-overlapping; binary search). */
export function inNoise(segments: readonly NoiseSegment[], sec: number): boolean {
  let lo = 0, hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (sec < s.startSec) hi = mid - 1;
    else if (sec >= s.endSec) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The beats of `samples` (sample numbers at `fs` Hz, e.g. the analysis' detected frames)
 * that lie outside every segment, in their order; an Int32Array as the detector gives.
 * `segments` must be sorted and non-overlapping, as {@link mergeSegments} and markNoise give them.
 */
export function dropBeatsInNoise(samples: ArrayLike<number>, segments: readonly NoiseSegment[], fs: number): Int32Array {
  if (segments.length === 0) return Int32Array.from(samples);
  return Int32Array.from(Array.prototype.filter.call(samples, (s: number) => !inNoise(segments, s / fs)) as number[]);
}

/** Sorted union of `segments`: overlapping or touching ones (gap ≤ `joinSec`) become one. */
export function mergeSegments(segments: readonly NoiseSegment[], joinSec = 0): NoiseSegment[] {
  const sorted = segments.filter((s) => s.endSec > s.startSec).sort((a, b) => a.startSec - b.startSec);
  const out: NoiseSegment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.startSec - last.endSec <= joinSec) last.endSec = Math.max(last.endSec, s.endSec);
    else out.push({ ...s });
  }
  return out;
}

/** Seconds of [fromSec, toSec) covered by `segments` (sorted, non-overlapping). */
export function secondsInNoise(segments: readonly NoiseSegment[], fromSec = 0, toSec = Infinity): number {
  let total = 0;
  for (const s of segments) total += Math.max(0, Math.min(toSec, s.endSec) - Math.max(fromSec, s.startSec));
  return total;
}

/** The parts of `segments` inside [fromSec, toSec), clipped to it, in order. */
export function segmentsWithin(segments: readonly NoiseSegment[], fromSec: number, toSec: number): NoiseSegment[] {
  const out: NoiseSegment[] = [];
  for (const s of segments) {
    const startSec = Math.max(fromSec, s.startSec);
    const endSec = Math.min(toSec, s.endSec);
    if (endSec > startSec) out.push({ startSec, endSec });
  }
  return out;
}
