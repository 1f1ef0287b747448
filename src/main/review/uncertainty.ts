/**
 * The review's uncertainty column (beat-store.ts `uncertainty`): what the background Monte
 * Carlo dropout pass (src/main/analysis/uncertainty-pass.ts) sends back, and how far it got.
 * The pass walks the model's beats in time order, so "reached" is a prefix of them: it
 * resumes at the first model beat still NaN. Beats the reviewer added have no model output
 * and are never reached (ReviewBeat.uncertainty null).
 */
import type { BeatStore } from './beat-store';
import { NO_LABEL } from './labels';

/** Uncertainty values of model beats at R-peak frames `samples` (ascending). */
export interface UncertaintyChunk {
  samples: Int32Array;
  /** One per sample, 0 … 1 (1 − the mean top probability of the passes). */
  values: Float32Array;
}

/**
 * The uncertainty shown for row `pos`: the pass's value once it has reached the beat, else
 * 1 − the model's confidence (the one-pass estimate); NaN for an added beat.
 */
export function uncertaintyAt(store: BeatStore, pos: number): number {
  const c = store.columns;
  if (c.predicted[pos] === NO_LABEL) return Number.NaN;
  const value = c.uncertainty[pos] as number;
  return Number.isNaN(value) ? 1 - (c.confidence[pos] as number) : value;
}

/**
 * Stores a chunk's values on the model beats at its samples (a deleted beat keeps its value
 * for an undo). Samples with no model beat (a review changed since) are skipped; values
 * outside 0 … 1 are clamped, NaN ones skipped.
 * @returns how many rows were set.
 */
export function applyUncertainty(store: BeatStore, chunk: UncertaintyChunk): number {
  const c = store.columns;
  let set = 0;
  let pos = 0;
  for (let k = 0; k < chunk.samples.length; k++) {
    const sample = chunk.samples[k] as number;
    const value = chunk.values[k] as number;
    pos = store.lowerBound(sample);
    // Added beats may share the sample; the model beat is the one with a prediction.
    while (pos < store.length && c.sample[pos] === sample && c.predicted[pos] === NO_LABEL) pos++;
    if (pos >= store.length || c.sample[pos] !== sample || Number.isNaN(value)) continue;
    c.uncertainty[pos] = Math.min(1, Math.max(0, value));
    set++;
  }
  return set;
}

/** How far the pass got: model beats in all, those with a value, and the first without. */
export interface UncertaintyProgress {
  modelBeats: number;
  reached: number;
  /** R-peak frame of the first model beat without a value; null when every one has one. */
  nextSample: number | null;
}

/** Counts the model beats and those the pass has reached (one scan of the columns). */
export function uncertaintyProgress(store: BeatStore): UncertaintyProgress {
  const c = store.columns;
  let modelBeats = 0;
  let reached = 0;
  let nextSample: number | null = null;
  for (let pos = 0; pos < store.length; pos++) {
    if (c.predicted[pos] === NO_LABEL) continue;
    modelBeats++;
    if (!Number.isNaN(c.uncertainty[pos] as number)) reached++;
    else if (nextSample === null) nextSample = c.sample[pos] as number;
  }
  return { modelBeats, reached, nextSample };
}
