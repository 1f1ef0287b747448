/**
 * Per-recording helpers that run in the calling thread, on demand: the attention heatmap of
 * the visible beats, R-peak snapping for an added beat, template waveforms.
 *
 * Attention: the model is loaded once per folder in this thread (./model-cache). The beats
 * are grouped into runs (neighbours less than {@link RUN_GAP_SEC} apart), each run windowed
 * from one segment exactly as the analysis does (./segment-windows), and the model's
 * attention view run over them (../ml/inference `classifyBeats` with `attention`). The RR
 * input is computed from the requested beats alone: it cannot change the attention, which
 * the network computes from the beat window before the RR features join (see
 * ../ml/models/rhythm-attention), and only the attention is returned.
 */
import type { BeatAttention } from '../../shared/review';
import { classifyBeats } from '../ml/inference';
import type { BackendPreference } from '../ml/backend/select';
import { computeRrFeatures } from '../signal/rr-features';
import type { WfdbRecord } from '../wfdb';
import { AnalysisError, asAppError } from './analysis-error';
import { mapAttention } from './attention-map';
import { cachedModel, ensureBackend } from './model-cache';
import { analysisLead, windowSegment } from './segment-windows';
import { snapToPeakFrame } from './snap';
import { templateGroups } from './templates';
import type { BeatRef, BeatTools } from './types';

/** Most beats per attention request. */
export const MAX_ATTENTION_BEATS = 400;
/** Beats further apart than this are windowed from separate segments, seconds. */
export const RUN_GAP_SEC = 10;

/** Options of {@link createBeatTools}. */
export interface BeatToolsOptions {
  /** The tfjs backend for attention in this thread (default: RA_TF_BACKEND, else auto). */
  backend?: BackendPreference;
}

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

async function attentionOf(record: WfdbRecord, modelDir: string, beats: readonly BeatRef[], backend?: BackendPreference): Promise<BeatAttention[]> {
  if (beats.length > MAX_ATTENTION_BEATS) throw new RangeError(`attention is computed for at most ${MAX_ATTENTION_BEATS} beats at a time, ${beats.length} asked`);
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
    const { attention } = classifyBeats(loaded, windows, rr, { attention: true });
    if (attention === undefined) throw new AnalysisError(modelDir, 'the model gave no attention weights');
    const L = window.length;
    run.forEach((b, i) => out.push(mapAttention(b.id, attention.subarray(i * L, (i + 1) * L), windowStarts[i]!, window.rateHz, recordSamples)));
  }
  return out;
}

/**
 * The beat tools of one recording. `record` is an open record owned by the caller
 * (services' record cache); it is not closed here. Errors are AppErrors naming the file.
 */
export function createBeatTools(record: WfdbRecord, headerPath: string, modelDir: string, options: BeatToolsOptions = {}): BeatTools {
  const guard = async <T>(work: () => Promise<T>, file = headerPath): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asAppError(error, file);
    }
  };
  return {
    attention: (beats) => guard(() => attentionOf(record, modelDir, beats, options.backend)),
    snapToPeak: (sample) => guard(() => snapToPeakFrame(record, sample)),
    templates: (beats) => guard(() => templateGroups(record, beats)),
  };
}
