/**
 * RR features (../rr-features) of the beats kept after the quality gate dropped those in
 * noise segments. Computed naively over the kept beats, an interval that spans a segment is
 * minutes long, and it inflates the record's mean RR, so every beat looks premature against
 * it (on DS2 under noise this halved the S-class F1). Instead the kept beats are split into
 * runs at each segment; each run gets its own previous / next / local RR, and the record RR
 * is the mean of the intervals inside runs only. A run of one beat takes the record RR for
 * its intervals.
 */
import { computeRrFeatures, RR_COLUMN, RR_FEATURE_COUNT, type RrFeatureOptions } from '../rr-features';
import type { NoiseSegment } from './segments';

/** Splits sorted `samples` where a segment lies between two consecutive beats. */
function runsBetween(samples: ArrayLike<number>, segments: readonly NoiseSegment[], fs: number): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let seg = 0;
  for (let i = 0; i < samples.length; i++) {
    const sec = samples[i]! / fs;
    let crossed = false;
    while (seg < segments.length && segments[seg]!.endSec <= sec) {
      if (run.length > 0 && segments[seg]!.startSec >= samples[i - 1]! / fs) crossed = true;
      seg++;
    }
    if (crossed) { runs.push(run); run = []; }
    run.push(samples[i]!);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * RR features of `samples` (kept beats, ascending, at `fs` Hz) that do not reach across
 * `segments` (sorted, non-overlapping; see the file header). The trailing-window record RR
 * option (`recordWindowSec`) is applied within runs.
 * @returns count × RR_FEATURE_COUNT values, as computeRrFeatures.
 */
export function rrFeaturesAcrossGaps(samples: ArrayLike<number>, segments: readonly NoiseSegment[], fs: number, options: RrFeatureOptions = {}): Float32Array {
  // No gap: the plain features, bit for bit (a clean record is classified as before the gate).
  if (segments.length === 0) return computeRrFeatures(samples, fs, options).data;
  const runs = runsBetween(samples, segments, fs);
  let sum = 0, count = 0;
  for (const run of runs) if (run.length > 1) { sum += (run[run.length - 1]! - run[0]!) / fs; count += run.length - 1; }
  const recordRr = count > 0 ? sum / count : (options.fallbackRrSec ?? 1);
  const out = new Float32Array(samples.length * RR_FEATURE_COUNT);
  let at = 0;
  const windowed = options.recordWindowSec !== undefined && options.recordWindowSec !== null;
  for (const run of runs) {
    const data = computeRrFeatures(run, fs, { ...options, fallbackRrSec: recordRr }).data;
    for (let i = 0; i < run.length; i++) {
      const o = i * RR_FEATURE_COUNT;
      const rec = windowed && run.length > 1 ? data[o + RR_COLUMN.recordRrSec]! : recordRr;
      data[o + RR_COLUMN.recordRrSec] = rec;
      data[o + RR_COLUMN.prevOverRecord] = rec > 0 ? data[o + RR_COLUMN.prevRrSec]! / rec : 1;
      data[o + RR_COLUMN.localOverRecord] = rec > 0 ? data[o + RR_COLUMN.localRrSec]! / rec : 1;
    }
    out.set(data, at * RR_FEATURE_COUNT);
    at += run.length;
  }
  return out;
}
