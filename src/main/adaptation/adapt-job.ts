/**
 * One patient adaptation, as the worker (./adapt-worker) runs it; plain async code, so tests
 * can run it in their own thread:
 *
 * 1. a fresh copy of the base model (loaded from its folder), its replay sample;
 * 2. the reviewed beats' windows and RR features, cut exactly as the analysis cuts them
 *    (../analysis/segment-windows, one segment per run of nearby beats) — RR features over
 *    the review's shown beats, so a beat the reviewer deleted or added counts as corrected;
 * 3. fine-tuning (./fine-tune);
 * 4. every shown beat re-classified by the adapted model, run by run;
 * 5. the adapted model saved in `outDir` with a card saying what it was adapted on.
 *
 * The adapted card has no probability calibration: the base model's temperature was fitted
 * to the base network, and the tuned network's own softmax is served instead.
 */
import { basename } from 'node:path';
import { analysisLead, windowPicked, type AnalysisLead } from '../analysis/segment-windows';
import { classifyBeats } from '../ml/inference';
import { irregularFlagsFor } from '../ml/irregular-rhythm-rule';
import { gatherRows } from '../ml/training/data';
import type { ModelCard } from '../ml/model-card';
import { loadModel, saveModel, type LoadedModel } from '../ml/model-store';
import { computeRrFeatures, RR_FEATURE_COUNT } from '../signal/rr-features';
import { openRecord, type WfdbRecord } from '../wfdb';
import { DEFAULT_ADAPT, fineTune, type AdaptSettings, type LabelledBeats } from './fine-tune';
import { readReplaySample, replayBeats } from './replay-sample';
import type { AdaptOutcome, AdaptProgress, AdaptRequest } from './types';

/** Beats further apart than this are windowed from separate segments, seconds. */
const RUN_GAP_SEC = 30;
/** Most beats windowed from one segment (bounds the memory of a segment). */
const RUN_MAX_BEATS = 2000;
const BEAT_LABELS = ['N', 'S', 'V', 'F', 'Q'];

/** Runs of `picks` (indices into `frames`, ascending) with neighbours < `gap` frames apart and ≤ RUN_MAX_BEATS each. */
export function beatRuns(frames: Int32Array, picks: readonly number[], gap: number): number[][] {
  const runs: number[][] = [];
  for (const i of picks) {
    const run = runs.at(-1);
    if (run !== undefined && run.length < RUN_MAX_BEATS && frames[i]! - frames[run.at(-1)!]! < gap) run.push(i);
    else runs.push([i]);
  }
  return runs;
}

/**
 * The beats `picks` as model input, run by run; calls `use` with each run's indices and their
 * windows (and differences, cut with all of `frames` as neighbours).
 */
async function windowsOf(
  record: WfdbRecord,
  lead: AnalysisLead,
  loaded: LoadedModel,
  frames: Int32Array,
  picks: readonly number[],
  use: (run: number[], windows: Float32Array, differences: Float32Array | null) => void,
): Promise<void> {
  for (const run of beatRuns(frames, picks, RUN_GAP_SEC * record.frameRateHz)) {
    const { windows, differences } = await windowPicked(record, lead, frames, loaded.card.input, run);
    use(run, windows, differences);
  }
}

/** The reviewed beats as labelled beats. */
async function reviewedBeats(record: WfdbRecord, lead: AnalysisLead, loaded: LoadedModel, request: AdaptRequest, rr: Float32Array): Promise<LabelledBeats> {
  const picks: number[] = [];
  request.labels.forEach((label, i) => {
    if (label >= 0) picks.push(i);
  });
  const L = loaded.card.model.windowLength;
  const out: LabelledBeats = {
    count: picks.length,
    windows: new Float32Array(picks.length * L),
    differences: loaded.card.model.neighbourDifference === true ? new Float32Array(picks.length * L) : null,
    rr: gatherRows(rr, RR_FEATURE_COUNT, picks),
    classes: Int8Array.from(picks, (i) => request.labels[i]!),
  };
  let at = 0;
  await windowsOf(record, lead, loaded, request.frames, picks, (run, windows, differences) => {
    out.windows.set(windows, at * L);
    if (differences !== null) out.differences?.set(differences, at * L);
    at += run.length;
  });
  return out;
}

/** The adapted model's card: the base card, renamed, uncalibrated, with what it was adapted on. */
export function adaptedCard(base: ModelCard, request: AdaptRequest, facts: { reviewedCounts: number[]; replayBeats: number; settings: AdaptSettings; seconds: number; backend: string }): ModelCard & { adaptation: Record<string, unknown> } {
  const { calibration: _dropped, ...rest } = base;
  const adaptation = {
    baseModel: { name: base.name, version: base.version, folder: basename(request.baseModelDir) },
    recording: request.recordName,
    headerPath: request.headerPath,
    reviewer: request.reviewer,
    reviewedBeats: Object.fromEntries(BEAT_LABELS.map((name, c) => [name, facts.reviewedCounts[c] ?? 0])),
    replayBeats: facts.replayBeats,
    replaySource: 'MIT-BIH Arrhythmia Database DS1 (ODC-By 1.0), replay-ds1.bin of the base model',
    epochs: facts.settings.epochs,
    settings: { ...facts.settings, augmentation: facts.settings.augmentation !== null },
    seconds: Math.round(facts.seconds * 10) / 10,
  };
  return {
    ...rest,
    name: `${base.name}-adapted`,
    version: `${base.version}+${basename(request.outDir)}`,
    training: { ...base.training, dataset: `${base.training.dataset} + reviewed beats of ${request.recordName}`, hyperParameters: { ...base.training.hyperParameters, adaptation } },
    metrics: { validation: null, test: null },
    backend: facts.backend,
    date: new Date().toISOString(),
    adaptation,
  };
}

/**
 * Runs the adaptation `request` (see the file header). Resolves with state 'cancelled' when
 * `signal` aborts (nothing is saved).
 * @throws WfdbError for the record, ModelLoadError for the models, TrainingError for the tuning.
 */
export async function runAdaptJob(request: AdaptRequest, hooks: { signal?: AbortSignal; backend: string; onProgress: (p: AdaptProgress) => void }): Promise<AdaptOutcome> {
  const started = performance.now();
  const settings: AdaptSettings = { ...DEFAULT_ADAPT, ...request.settings };
  const cancelled = (): AdaptOutcome => ({ state: 'cancelled', ids: new Int32Array(0), probabilities: new Float32Array(0), classes: 0, reviewedCounts: [], replayBeats: 0, epochs: 0, seconds: (performance.now() - started) / 1000 });
  hooks.onProgress({ fraction: 0, message: 'reading the reviewed beats' });
  const copy = await loadModel(request.baseModelDir);
  const record = await openRecord(request.headerPath);
  try {
    const replay = await readReplaySample(request.baseModelDir);
    const usable = replay !== null && replay.header.windowLength === copy.card.model.windowLength && replay.header.windowRateHz === copy.card.model.windowRateHz;
    const lead = analysisLead(record);
    const rr = computeRrFeatures(Array.from(request.frames, (f) => f * lead.samplesPerFrame), lead.fs, copy.card.input.rr?.options ?? {}).data;
    const reviewed = await reviewedBeats(record, lead, copy, request, rr);
    const tuned = await fineTune(copy, reviewed, usable ? replayBeats(replay) : null, settings, {
      signal: hooks.signal,
      onProgress: ({ fraction, epoch }) => hooks.onProgress({ fraction: 0.05 + 0.8 * fraction, message: `tuning on ${reviewed.count} reviewed beats, epoch ${epoch} of ${settings.epochs}` }),
    });
    if (tuned.state === 'cancelled' || hooks.signal?.aborted) return cancelled();
    const seconds = (performance.now() - started) / 1000;
    copy.card = adaptedCard(copy.card, request, { reviewedCounts: tuned.reviewedCounts, replayBeats: tuned.replayBeats, settings, seconds, backend: hooks.backend });
    const K = copy.card.model.classes.length;
    const probabilities = new Float32Array(request.frames.length * K);
    const all = Array.from(request.frames, (_, i) => i);
    // Drawn over the whole record, as the analysis draws them, before the runs are cut.
    const irregular = irregularFlagsFor(copy.card, { rr });
    let done = 0;
    await windowsOf(record, lead, copy, request.frames, all, (run, windows, differences) => {
      const flags = irregular === null ? null : Uint8Array.from(run, (i) => irregular[i]!);
      probabilities.set(classifyBeats(copy, { windows, differences, rr: gatherRows(rr, RR_FEATURE_COUNT, run), irregular: flags }).probabilities, run[0]! * K);
      done += run.length;
      hooks.onProgress({ fraction: 0.85 + (0.12 * done) / Math.max(1, all.length), message: `re-classifying ${done.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} beats` });
    });
    if (hooks.signal?.aborted) return cancelled();
    await saveModel(request.outDir, copy.model, copy.card);
    return { state: 'done', ids: request.ids, probabilities, classes: K, reviewedCounts: tuned.reviewedCounts, replayBeats: tuned.replayBeats, epochs: settings.epochs, seconds: (performance.now() - started) / 1000 };
  } finally {
    await record.close();
    copy.model.dispose();
  }
}
