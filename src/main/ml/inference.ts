/**
 * Beat classification with a trained model: beat windows (+ RR features) in, per-beat class
 * probabilities, the arg-max class and optionally the attention over each window out, in
 * batches inside `tf.tidy` (no tensor outlives a batch). `predictRecord` runs the whole
 * pipeline on a WFDB record: QRS detection on its ECG leads (../signal/qrs), the
 * signal-quality gate (../signal/quality: detections in noise segments dropped, no RR
 * interval across a segment — as the app's analysis does), windows cut and RR features
 * computed exactly as the model's card says (../datasets), classification.
 */
import { basename, dirname, extname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadRecordBeats, type BeatSet, type MissedBeat } from '../datasets';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { detectRecordQrs } from '../signal/qrs';
import { dropBeatsInNoise, markRecordNoise, rrFeaturesAcrossGaps, type NoiseSegment } from '../signal/quality';
import { openRecord } from '../wfdb';
import type { ModelCard } from './model-card';
import type { LoadedModel } from './model-store';
import { calibratedProbabilities, servedClasses } from './calibration/apply';
import { applyIrregularRhythmRule, irregularFlagsFor } from './irregular-rhythm-rule';
import { withAttention } from './models';
import { normaliseRr } from './training/rr-normalisation';

/** Default beats per forward pass. */
export const INFERENCE_BATCH = 512;

/** Per-beat results. */
export interface ClassifiedBeats {
  /** count × classes probabilities, beat after beat. */
  probabilities: Float32Array;
  /** The class the card decides per beat (the arg-max, after the card's irregular-rhythm rule). */
  classes: Int8Array;
  /** count × windowLength attention over the input samples (sums to 1 per beat), when asked. */
  attention?: Float32Array;
}

const attentionModels = new WeakMap<tfl.LayersModel, tfl.LayersModel>();

/** The attention view of `model`, built once per model. */
function attentionModelOf(model: tfl.LayersModel): tfl.LayersModel {
  let view = attentionModels.get(model);
  if (view === undefined) {
    view = withAttention(model);
    attentionModels.set(model, view);
  }
  return view;
}

/**
 * Beats as a model reads them: count × windowLength windows, the count × windowLength
 * neighbour differences (null when the model does not read them), count × RR_FEATURE_COUNT
 * raw RR features. A BeatSet is one. `irregular`: the beats' irregular-rhythm flags drawn
 * over their whole record, for beats that are part of one (./irregular-rhythm-rule); absent,
 * they are drawn from these beats' own RR features when the card has the rule.
 */
export interface ModelBeats {
  windows: Float32Array;
  differences: Float32Array | null;
  rr: Float32Array;
  irregular?: Uint8Array | null;
}

/** Beats [start, end) of `beats`, as views (no copies); `windowLength` samples per window. */
export function beatsBetween(beats: ModelBeats, windowLength: number, start: number, end: number): ModelBeats {
  const L = windowLength;
  return {
    windows: beats.windows.subarray(start * L, end * L),
    differences: beats.differences?.subarray(start * L, end * L) ?? null,
    rr: beats.rr.subarray(start * RR_FEATURE_COUNT, end * RR_FEATURE_COUNT),
    irregular: beats.irregular?.subarray(start, end) ?? null,
  };
}

/** Batch tensors, one per kind of model input. */
export interface FeedTensors {
  beat: tf.Tensor;
  difference: tf.Tensor | null;
  rr: tf.Tensor | null;
}

/** Model inputs in the model's order: the beat windows and, when it has them, the 'difference' and 'rr' inputs. */
export function modelFeed(model: tfl.LayersModel, feed: FeedTensors): tf.Tensor[] {
  return model.inputNames.map((name, i) => {
    if (name.startsWith('rr')) {
      if (feed.rr === null) throw new RangeError(`model input '${name}' needs RR features, none given`);
      return feed.rr;
    }
    if (name.startsWith('difference')) {
      if (feed.difference === null) throw new RangeError(`model input '${name}' needs neighbour differences, none given`);
      return feed.difference;
    }
    if (name.startsWith('beat') || i === 0) return feed.beat;
    throw new RangeError(`model input '${name}' is neither 'beat', 'difference' nor 'rr'`);
  });
}

/**
 * Checks that the arrays of `input` hold `count` beats each.
 * @throws RangeError naming the array that does not.
 */
export function checkModelInputs(input: ModelInputs): void {
  const { windows, windowLength: L, differences, rr, rrWidth, count } = input;
  if (!Number.isInteger(count) || windows.length !== count * L) throw new RangeError(`${windows.length} window samples are not ${count} windows of ${L}`);
  if (differences !== null && differences.length !== count * L) throw new RangeError(`${differences.length} difference samples for ${count} windows of ${L}`);
  if (rr !== null && rr.length !== count * rrWidth) throw new RangeError(`${rr.length / rrWidth} RR rows for ${count} beats`);
}

/** The tensors of beats [start, start + n) of model-ready `input` (call inside tf.tidy). */
export function feedTensors(input: ModelInputs, start: number, n: number): FeedTensors {
  const { windowLength: L, rrWidth } = input;
  return {
    beat: tf.tensor3d(input.windows.subarray(start * L, (start + n) * L), [n, L, 1]),
    difference: input.differences === null ? null : tf.tensor3d(input.differences.subarray(start * L, (start + n) * L), [n, L, 1]),
    rr: input.rr === null ? null : tf.tensor2d(input.rr.subarray(start * rrWidth, (start + n) * rrWidth), [n, rrWidth]),
  };
}

/**
 * Forward passes of `model` over `count` beats: `windows` count × windowLength, `rr` count ×
 * rrWidth model-ready (normalised) features or null. With `attention`, the model's attention
 * view supplies count × windowLength attention too.
 */
export function predictBatches(
  model: tfl.LayersModel,
  input: ModelInputs,
  options: { batchSize?: number; attention?: boolean } = {},
): { probabilities: Float32Array; attention?: Float32Array } {
  checkModelInputs(input);
  const { windowLength: L, count } = input;
  const runner = options.attention ? attentionModelOf(model) : model;
  const classes = model.outputs[0]!.shape.at(-1) as number;
  const probabilities = new Float32Array(count * classes);
  const attention = options.attention ? new Float32Array(count * L) : undefined;
  const batch = Math.max(1, options.batchSize ?? INFERENCE_BATCH);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    tf.tidy(() => {
      const out = runner.predict(modelFeed(model, feedTensors(input, start, n)), { batchSize: n });
      const [p, a] = Array.isArray(out) ? out : [out];
      probabilities.set(p!.dataSync() as Float32Array, start * classes);
      if (attention !== undefined && a !== undefined) attention.set(a.dataSync() as Float32Array, start * L);
    });
  }
  return attention === undefined ? { probabilities } : { probabilities, attention };
}

/** Beats as the model takes them: windows, differences when it reads them, and the RR features its card selects and normalises. */
export interface ModelInputs {
  windows: Float32Array;
  windowLength: number;
  /** count × windowLength neighbour differences, or null for a model without the 'difference' input. */
  differences: Float32Array | null;
  /** count × rrWidth normalised features, or null for a model without the RR input. */
  rr: Float32Array | null;
  rrWidth: number;
  count: number;
}

/**
 * `beats` as `loaded`'s network takes them (classification, Monte Carlo dropout and Grad-CAM
 * alike): the differences only when the model reads them, the RR features selected and
 * normalised.
 * @throws RangeError on sizes that do not fit the model, or differences it needs missing.
 */
export function modelInputs(loaded: LoadedModel, beats: ModelBeats): ModelInputs {
  const { model: config, input } = loaded.card;
  const { windows, rr } = beats;
  const L = config.windowLength;
  const count = windows.length / L;
  if (!Number.isInteger(count)) throw new RangeError(`the model reads ${L}-sample windows; ${windows.length} samples are not a whole number of them`);
  if (rr.length !== count * RR_FEATURE_COUNT) throw new RangeError(`${rr.length / RR_FEATURE_COUNT} RR feature rows for ${count} beats`);
  const needsDifferences = config.neighbourDifference === true;
  if (needsDifferences && beats.differences?.length !== windows.length) {
    throw new RangeError(`the model reads each beat's difference from its neighbours; ${beats.differences === null ? 'none were given' : `${beats.differences.length} values were given for ${count} beats`}`);
  }
  const norm = input.rr?.normalisation ?? null;
  return {
    windows,
    windowLength: L,
    differences: needsDifferences ? beats.differences : null,
    rr: norm === null ? null : normaliseRr(rr, norm),
    rrWidth: norm?.features.length ?? 0,
    count,
  };
}

/**
 * Classifies beats with a loaded model: windows (and differences) count × windowLength as the
 * card's input window describes, count × RR_FEATURE_COUNT raw RR features (../signal/rr-features;
 * selected and normalised here with the card's statistics). The probabilities are calibrated
 * as the card's `calibration` says (./calibration; the attention is unchanged, and so is the
 * arg-max unless the card has a log-prior shift) unless `calibrated` is false, which gives the
 * network's own softmax (what a calibration is fitted on); then, where the card has one, its
 * irregular-rhythm rule moves probability on the beats inside atrial fibrillation
 * (./irregular-rhythm-rule). The classes are always the ones the card decides, rule
 * included. Throws RangeError on sizes that do not fit the model.
 */
export function classifyBeats(
  loaded: LoadedModel,
  beats: ModelBeats,
  options: { batchSize?: number; attention?: boolean; calibrated?: boolean } = {},
): ClassifiedBeats {
  const out = predictBatches(loaded.model, modelInputs(loaded, beats), options);
  const served = servedDecisions(loaded.card, out.probabilities, irregularFlagsFor(loaded.card, beats));
  return { ...out, probabilities: options.calibrated === false ? out.probabilities : served.probabilities, classes: served.classes };
}

/**
 * What `card` serves for the network's `probabilities` (count × classes): calibrated
 * (./calibration), then the irregular-rhythm rule on the beats `irregular` flags; and the
 * classes it decides. Classes come from the raw outputs (./calibration servedClasses: a
 * temperature keeps the order, but float32 rounding of the rescaled values could tie two
 * close ones; a prior shift is applied in float64), re-decided on the beats the rule
 * flags.
 */
export function servedDecisions(card: LoadedModel['card'], probabilities: Float32Array, irregular: Uint8Array | null): { probabilities: Float32Array; classes: Int8Array } {
  return applyIrregularRhythmRule(card, calibratedProbabilities(card, probabilities), servedClasses(card, probabilities), irregular);
}

/** Peak sample numbers at frame rate moved onto a lead with `factor` samples per frame. */
function atRate(peaks: Int32Array, factor: number): Int32Array {
  return factor === 1 ? peaks : peaks.map((p) => Math.round(p * factor));
}

/** Beats of one record, classified. */
export interface RecordPrediction {
  /** Stretches the quality gate marked unreadable, seconds; no beat was kept there. */
  noise: NoiseSegment[];
  record: string;
  /** Sample rate of `beats.samples`, Hz. */
  fs: number;
  /** The detected beats with the reference class where an annotation file matched (−1 otherwise). */
  beats: BeatSet;
  result: ClassifiedBeats;
  /** Reference beats no detection matched (when the record has reference annotations). */
  missed: MissedBeat[];
}

/**
 * The beats of the WFDB record at `headerPath` as our QRS detector finds them (on every ECG
 * lead) outside the quality gate's noise segments (`noise`), windowed and with RR features
 * as `card` says, none across a segment; labelled from the reference annotations
 * (`annotator`) where a file exists (−1 for an extra detection, misses listed: a reference
 * beat inside a noise segment is missed, as the app shows no beat there).
 * @throws WfdbError for a missing or unreadable record; RangeError when no ECG lead is found.
 */
export async function loadDetectedBeats(headerPath: string, card: ModelCard, annotator = 'atr'): Promise<BeatSet & { noise: NoiseSegment[] }> {
  const record = await openRecord(headerPath);
  let detection: { samples: Int32Array; fs: number };
  let noise: NoiseSegment[];
  try {
    const detected = await detectRecordQrs(record);
    noise = await markRecordNoise(record);
    detection = { samples: dropBeatsInNoise(detected.samples, noise, detected.fs), fs: detected.fs };
  } finally {
    await record.close();
  }
  const beats = await loadRecordBeats(basename(headerPath, '.hea'), {
    dataDir: dirname(headerPath),
    window: card.input.window,
    filter: card.input.filter,
    rr: card.input.rr?.options ?? {},
    annotator,
    // Detection used every ECG lead, which beats MLII alone; the loader matches and windows these peaks.
    source: { kind: 'detector', detect: (_signal, fs) => atRate(detection.samples, fs / detection.fs) },
  });
  return { ...beats, rr: rrFeaturesAcrossGaps(beats.samples, noise, beats.fs, card.input.rr?.options ?? {}), noise };
}

/**
 * Detects, windows and classifies the beats of the WFDB record at `recordPath` (the header
 * path, with or without `.hea`); see {@link loadDetectedBeats}.
 * @throws WfdbError for a missing or unreadable record; RangeError when no ECG lead is found.
 */
export async function predictRecord(
  recordPath: string,
  loaded: LoadedModel,
  options: { attention?: boolean; annotator?: string; batchSize?: number } = {},
): Promise<RecordPrediction> {
  const headerPath = extname(recordPath) === '.hea' ? recordPath : `${recordPath}.hea`;
  const beats = await loadDetectedBeats(headerPath, loaded.card, options.annotator);
  const result = classifyBeats(loaded, beats, options);
  return { record: beats.record, fs: beats.fs, beats, result, missed: beats.missed, noise: beats.noise };
}
