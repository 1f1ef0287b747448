/**
 * The model's attention over a beat's input window, placed on the record's time axis for
 * the heatmap. The attention view of the model (../ml/models `withAttention`) gives one
 * weight per input sample (summing to 1 over the window): weight j belongs to model-rate
 * sample `windowStart + j`, i.e. to time (windowStart + j) / rateHz, since the model-rate
 * grid starts at the record's first sample (../signal/resample). Weights of padding beyond
 * the record's ends are dropped, and the rest scaled so that the largest is 1 (what a
 * colour scale needs; the shares between samples are kept).
 */
import type { BeatAttention } from '../../shared/review';

/**
 * One beat's heatmap from its attention row.
 * @param row attention per window sample (≥ 0).
 * @param windowStart model-rate sample of the window's first value, from the record's start.
 * @param rateHz the model's input rate.
 * @param recordSamples the record's length in model-rate samples (weights at or past it are dropped).
 */
export function mapAttention(beatId: number, row: ArrayLike<number>, windowStart: number, rateHz: number, recordSamples: number): BeatAttention {
  const first = Math.max(0, -windowStart);
  const last = Math.min(row.length, recordSamples - windowStart);
  const weights: number[] = [];
  let max = 0;
  for (let j = first; j < last; j++) {
    const w = Math.max(0, row[j]!);
    weights.push(w);
    if (w > max) max = w;
  }
  if (max > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= max;
  return { beatId, startSec: (windowStart + first) / rateHz, stepSec: 1 / rateHz, weights };
}
