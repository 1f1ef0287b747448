/**
 * The heatmaps of the visible beats, computed on demand in the calling thread: the model's
 * attention or its Grad-CAM map (../ml/explain), one way for both. The model is loaded once
 * per folder in this thread (./model-cache). The beats are grouped into runs (neighbours
 * less than {@link RUN_GAP_SEC} apart), each run windowed from one segment exactly as the
 * analysis does (./segment-windows), and each beat's row placed on the record's time axis
 * by ./attention-map (`mapAttention`: one weight per model-rate sample of the window, the
 * largest scaled to 1), so that the strip draws either the same way.
 *
 * The RR input is computed from the requested beats alone (the analysis' RR features, from
 * the whole record, are not at hand here), so a run's first and last beats lack a
 * neighbour. It cannot change the attention, which the network computes from the beat
 * window before the RR features join (../ml/models/rhythm-attention); Grad-CAM follows the
 * class the model chose, which may depend on them. A model that reads neighbour differences
 * takes each beat's neighbours from `neighbours`, the recording's beats around the requested
 * ones (the review passes its beats), so that its input is the analysis' (before any edit);
 * without them the requested beats stand for each other's neighbours.
 */
import type { BeatAttention, HeatmapMethod } from '../../shared/review';
import type { BackendPreference } from '../ml/backend/select';
import { explainBeats } from '../ml/explain';
import { classifyBeats, type ModelBeats } from '../ml/inference';
import type { LoadedModel } from '../ml/model-store';
import { lowerBound } from '../../shared/sorted';
import { computeRrFeatures } from '../signal/rr-features';
import type { WfdbRecord } from '../wfdb';
import { AnalysisError } from './analysis-error';
import { mapAttention } from './attention-map';
import { cachedModel, ensureBackend } from './model-cache';
import { analysisLead, windowPicked, windowSegment, type AnalysisLead, type SegmentWindows } from './segment-windows';
import type { BeatRef } from './types';

/** Most beats per heatmap request. */
export const MAX_ATTENTION_BEATS = 400;
/** Beats further apart than this are windowed from separate segments, seconds. */
export const RUN_GAP_SEC = 10;

/** Sorted beats split into runs whose neighbours are less than `gap` frames apart. */
export function splitRuns<T extends BeatRef>(sorted: readonly T[], gap: number): T[][] {
  const runs: T[][] = [];
  for (const beat of sorted) {
    const run = runs.at(-1);
    if (run !== undefined && beat.sample - run.at(-1)!.sample < gap) run.push(beat);
    else runs.push([beat]);
  }
  return runs;
}

/** count × windowLength rows of `method` for `beats`. */
function rowsOf(method: HeatmapMethod, loaded: LoadedModel, modelDir: string, beats: ModelBeats): Float32Array {
  if (method === 'grad-cam') return explainBeats(loaded, beats).maps;
  const { attention } = classifyBeats(loaded, beats, { attention: true });
  if (attention === undefined) throw new AnalysisError(modelDir, 'the model gave no attention weights');
  return attention;
}

/**
 * Heatmaps by `method` of `beats` (at most MAX_ATTENTION_BEATS) of the open `record`, with
 * the model in `modelDir`; beats outside the record are left out.
 * @throws RangeError for too many beats; model and record errors as they come (the caller
 *   turns them into AppErrors naming its file).
 */
export async function heatmapsOf(
  record: WfdbRecord,
  modelDir: string,
  beats: readonly BeatRef[],
  method: HeatmapMethod,
  options: { backend?: BackendPreference; neighbours?: Int32Array } = {},
): Promise<BeatAttention[]> {
  const { backend } = options;
  if (beats.length > MAX_ATTENTION_BEATS) throw new RangeError(`heatmaps are computed for at most ${MAX_ATTENTION_BEATS} beats at a time, ${beats.length} asked`);
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
    const { windows, differences, windowStarts } = await runWindows(record, lead, loaded, frames, options.neighbours);
    const rr = computeRrFeatures(Array.from(frames, (f) => f * lead.samplesPerFrame), lead.fs, loaded.card.input.rr?.options ?? {}).data;
    const rows = rowsOf(method, loaded, modelDir, { windows, differences, rr });
    const L = window.length;
    run.forEach((b, i) => out.push(mapAttention(b.id, rows.subarray(i * L, (i + 1) * L), windowStarts[i]!, window.rateHz, recordSamples)));
  }
  return out;
}

/**
 * The windows of a run's beats (`frames`, ascending); with neighbour differences and
 * `neighbours` holding every one of them, cut among those neighbours, else among the run's
 * own beats.
 */
async function runWindows(record: WfdbRecord, lead: AnalysisLead, loaded: LoadedModel, frames: Int32Array, neighbours: Int32Array | undefined): Promise<SegmentWindows> {
  const { input } = loaded.card;
  const at = neighbours === undefined || input.window.difference === undefined ? null : Array.from(frames, (f) => indexIn(neighbours, f));
  if (neighbours === undefined || at === null || at.some((i) => i < 0)) return windowSegment(record, lead, frames, input);
  return windowPicked(record, lead, neighbours, input, at);
}

/** Index of `value` in ascending `sorted`, or −1. */
function indexIn(sorted: Int32Array, value: number): number {
  const at = lowerBound(sorted, value);
  return sorted[at] === value ? at : -1;
}
