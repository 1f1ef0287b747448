/**
 * The Grad-CAM heatmap of the visible beats (../ml/explain), the alternative to the
 * attention heatmap of ./beat-tools: computed on demand in the calling thread with the same
 * cached model, the same runs of beats windowed from one segment exactly as the analysis
 * windows them (./segment-windows), and placed on the record's time axis by the same
 * ./attention-map (`mapAttention`), so that it has the attention heatmap's shape —
 * BeatAttention, one weight per model-rate sample of the window, the largest scaled to 1 —
 * and the strip can draw either. Unlike the attention, Grad-CAM follows the class the model
 * chose, which depends on the RR features: they are computed from the requested beats, so a
 * run's first and last beats lack a neighbour (the analysis' RR features, from the whole
 * record, are not at hand here).
 */
import type { BeatAttention } from '../../shared/review';
import type { BackendPreference } from '../ml/backend/select';
import { explainBeats } from '../ml/explain';
import { computeRrFeatures } from '../signal/rr-features';
import type { WfdbRecord } from '../wfdb';
import { asAppError } from './analysis-error';
import { mapAttention } from './attention-map';
import { MAX_ATTENTION_BEATS, RUN_GAP_SEC, splitRuns } from './beat-tools';
import { cachedModel, ensureBackend } from './model-cache';
import { analysisLead, windowSegment } from './segment-windows';
import type { BeatRef } from './types';

/**
 * Grad-CAM heatmaps of `beats` (at most MAX_ATTENTION_BEATS) of the open `record`, with the
 * model in `modelDir`. Errors are AppErrors naming `headerPath` (or the model's file).
 */
export async function gradCamHeatmaps(record: WfdbRecord, headerPath: string, modelDir: string, beats: readonly BeatRef[], backend?: BackendPreference): Promise<BeatAttention[]> {
  try {
    if (beats.length > MAX_ATTENTION_BEATS) throw new RangeError(`Grad-CAM is computed for at most ${MAX_ATTENTION_BEATS} beats at a time, ${beats.length} asked`);
    if (beats.length === 0) return [];
    await ensureBackend(backend);
    const loaded = await cachedModel(modelDir);
    const { window } = loaded.card.input;
    const lead = analysisLead(record);
    const recordSamples = Math.floor((record.frameCount * lead.samplesPerFrame * window.rateHz) / lead.fs);
    const inside = beats.filter((b) => b.sample >= 0 && b.sample < record.frameCount).sort((a, b) => a.sample - b.sample);
    const out: BeatAttention[] = [];
    for (const run of splitRuns(inside, RUN_GAP_SEC * record.frameRateHz)) {
      const frames = Int32Array.from(run, (b) => b.sample);
      const { windows, windowStarts } = await windowSegment(record, lead, frames, loaded.card.input);
      const rr = computeRrFeatures(Array.from(frames, (f) => f * lead.samplesPerFrame), lead.fs, loaded.card.input.rr?.options ?? {}).data;
      const { maps } = explainBeats(loaded, windows, rr);
      const L = window.length;
      run.forEach((b, i) => out.push(mapAttention(b.id, maps.subarray(i * L, (i + 1) * L), windowStarts[i]!, window.rateHz, recordSamples)));
    }
    return out;
  } catch (error) {
    throw asAppError(error, headerPath);
  }
}
