/**
 * The analysis of one record, as the worker (./analysis-worker) runs it; plain async code,
 * so tests and benchmarks can run it in their own thread too.
 *
 * 1. QRS detection over the whole record (../signal/qrs `detectRecordQrs`, every ECG lead),
 *    then the signal-quality gate (../signal/quality `markRecordNoise`): the detections
 *    inside its noise segments are dropped — an unreadable stretch is marked, not filled
 *    with beats the noise invented (issue 11) — and the RR features of the kept beats are
 *    computed without intervals across a segment (`rrFeaturesAcrossGaps`). They compare each
 *    beat with the record's mean RR, so they need every beat first — exactly as
 *    `predictRecord` (../ml/inference) computes them, whose predictions these therefore equal.
 * 2. Chunk by chunk in time order (./chunk-plan): windows cut from a segment of the lead
 *    (./segment-windows, the loader's filter and windows), classification
 *    (../ml/inference `classifyBeats`), morphology groups (./template-clustering), and the
 *    chunk is handed on with the noise segments of its span. Between chunks the event loop runs, so a cancel message is seen;
 *    the analysis then stops before the next chunk.
 *
 * Beats are the detector's peaks inside the record, sorted and unique, as the loader keeps
 * them. Reference annotations are not read: a record need not have any.
 */
import { detectRecordQrs } from '../signal/qrs';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { dropBeatsInNoise, markRecordNoise, rrFeaturesAcrossGaps, segmentsWithin, type NoiseSegment } from '../signal/quality';
import { beatsBetween, classifyBeats, type ModelBeats } from '../ml/inference';
import { irregularFlagsFor } from '../ml/irregular-rhythm-rule';
import type { LoadedModel } from '../ml/model-store';
import { openRecord, type WfdbRecord } from '../wfdb';
import { asAppError } from './analysis-error';
import { planChunks, type ChunkPlanOptions, type PlannedChunk } from './chunk-plan';
import { analysisLead, windowSegment, type AnalysisLead } from './segment-windows';
import { TemplateClusterer } from './template-clustering';
import type { AnalysedChunk } from './types';

/** Share of the progress given to detection (it takes about a sixth of the time). */
export const DETECTION_SHARE = 0.15;

/** What {@link analyseRecord} needs besides the record. */
export interface AnalyseOptions {
  loaded: LoadedModel;
  /** Beats before this time are analysed (for stable template ids) but not handed on. */
  fromSec?: number;
  chunking?: ChunkPlanOptions;
  /** Beats per forward pass (default: ../ml/inference INFERENCE_BATCH). */
  batchSize?: number;
  /** Asked between chunks; true stops the analysis. */
  isCancelled: () => boolean;
  /** Called between classification steps of at most {@link REVIEWER_STEP_BEATS} beats: the worker stands aside there while the reviewer works (./reviewer-gate). */
  yieldToReviewer?: () => void;
  onProgress: (progress: { fraction: number; message: string }) => void;
  onChunk: (chunk: AnalysedChunk) => void;
}

/**
 * Beats classified between two looks at the reviewer gate: about 50 ms of wasm inference on
 * one core, so a page request waits at most that long for the analysis to stand aside.
 * Measured: 512 beats in 128-beat steps took no longer than in one 512-beat batch.
 */
export const REVIEWER_STEP_BEATS = 128;

/** `classifyBeats` in steps of REVIEWER_STEP_BEATS with `between` called before each (the same results: inference is per beat). */
function classifyInSteps(loaded: LoadedModel, beats: ModelBeats, options: AnalyseOptions): { probabilities: Float32Array; classes: Int8Array } {
  const L = loaded.card.model.windowLength;
  const K = loaded.card.model.classes.length;
  const count = beats.windows.length / L;
  const step = Math.min(REVIEWER_STEP_BEATS, options.batchSize ?? REVIEWER_STEP_BEATS);
  if (options.yieldToReviewer === undefined || count <= step) return classifyBeats(loaded, beats, { batchSize: options.batchSize });
  const probabilities = new Float32Array(count * K);
  const classes = new Int8Array(count);
  for (let start = 0; start < count; start += step) {
    options.yieldToReviewer();
    const end = Math.min(count, start + step);
    const part = classifyBeats(loaded, beatsBetween(beats, L, start, end), { batchSize: step });
    probabilities.set(part.probabilities, start * K);
    classes.set(part.classes, start);
  }
  return { probabilities, classes };
}

/** Lets queued messages (a cancel) in between chunks. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Detected R-peak frames inside the record, ascending and unique. */
async function detectFrames(record: WfdbRecord): Promise<Int32Array> {
  const { samples } = await detectRecordQrs(record);
  const inside = Array.from(samples).filter((p) => p >= 0 && p < record.frameCount);
  return Int32Array.from(new Set(inside)).sort();
}

/** "12,000" */
const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * Analyses the record at `headerPath` (see the file header).
 * @returns 'cancelled' when `isCancelled` said so between chunks, else 'done'.
 * @throws AppError: WfdbError for a missing or unreadable record, AnalysisError ('ml/analysis')
 *   for anything else, both naming the header file.
 */
export async function analyseRecord(headerPath: string, options: AnalyseOptions): Promise<'done' | 'cancelled'> {
  let record: WfdbRecord | undefined;
  try {
    record = await openRecord(headerPath);
    return await analyseOpenRecord(record, options);
  } catch (error) {
    throw asAppError(error, headerPath);
  } finally {
    await record?.close();
  }
}

/** What every chunk of one record's analysis shares. */
interface RecordContext {
  record: WfdbRecord;
  lead: AnalysisLead;
  /** Detected R-peak frames, ascending. */
  frames: Int32Array;
  /** Raw RR features of every beat (count × RR_FEATURE_COUNT). */
  rr: Float32Array;
  /** Irregular-rhythm flags of every beat, for a card with that rule (else null). */
  irregular: Uint8Array | null;
  /** The record's noise segments, seconds. */
  noise: NoiseSegment[];
  clusterer: TemplateClusterer;
  /** First frame to hand on (resume). */
  fromFrame: number;
}

/** A record's beats as the model sees them: detected R peaks outside noise, the lead read and the RR features. */
export interface RecordBeats {
  lead: AnalysisLead;
  /** Detected R-peak frames outside the noise segments, ascending and unique. */
  frames: Int32Array;
  /** Raw RR features of every beat (count × RR_FEATURE_COUNT), no interval across a noise segment. */
  rr: Float32Array;
  /**
   * 1 for each beat inside an irregular rhythm, drawn over the whole record as the card's
   * rule says (../ml/irregular-rhythm-rule), so that each chunk decides as the whole would;
   * null for a card without the rule.
   */
  irregular: Uint8Array | null;
  /** Stretches the quality gate marked unreadable, seconds, sorted and merged. */
  noise: NoiseSegment[];
}

/**
 * Detection over the whole record, the quality gate, and the RR features of every kept
 * beat, as the card asks (file header, step 1): deterministic, so a later pass
 * (./uncertainty-pass) finds the beats and inputs the classification used.
 */
export async function recordBeats(record: WfdbRecord, card: LoadedModel['card']): Promise<RecordBeats> {
  const noise = await markRecordNoise(record);
  const frames = dropBeatsInNoise(await detectFrames(record), noise, record.frameRateHz);
  const lead = analysisLead(record);
  const leadSamples = lead.samplesPerFrame === 1 ? frames : frames.map((f) => f * lead.samplesPerFrame);
  const rr = rrFeaturesAcrossGaps(leadSamples, noise, lead.fs, card.input.rr?.options ?? {});
  return { lead, frames, rr, irregular: irregularFlagsFor(card, { rr }), noise };
}

/** Detection, RR features of all beats, and an empty clusterer. */
async function prepare(record: WfdbRecord, options: AnalyseOptions): Promise<RecordContext> {
  const { card } = options.loaded;
  const { lead, frames, rr, irregular, noise } = await recordBeats(record, card);
  const { window } = card.input;
  const clusterer = new TemplateClusterer({
    length: window.length,
    rateHz: window.rateHz,
    rIndex: window.placement.kind === 'centred' ? window.placement.beforeSamples : 0,
  });
  return { record, lead, frames, rr, irregular, noise, clusterer, fromFrame: Math.ceil((options.fromSec ?? 0) * record.frameRateHz) };
}

/**
 * Windows, classifies and groups one chunk's beats; hands on those at or after `fromFrame`,
 * with the noise segments of the chunk's span [startSec, chunk.endSec).
 */
async function processChunk(context: RecordContext, chunk: PlannedChunk, startSec: number, options: AnalyseOptions): Promise<number> {
  const { record, lead, frames, rr, irregular, clusterer, fromFrame } = context;
  const { loaded } = options;
  const total = frames.length;
  const chunkFrames = frames.subarray(chunk.start, chunk.end);
  const { windows, differences } = await windowSegment(record, lead, frames, loaded.card.input, chunk);
  const chunkRr = rr.subarray(chunk.start * RR_FEATURE_COUNT, chunk.end * RR_FEATURE_COUNT);
  const chunkIrregular = irregular?.subarray(chunk.start, chunk.end) ?? null;
  const classified = classifyInSteps(loaded, { windows, differences, rr: chunkRr, irregular: chunkIrregular }, options);
  const templateIds = clusterer.assign(windows, classified.classes);
  const fraction = chunk.end === total ? 1 : DETECTION_SHARE + ((1 - DETECTION_SHARE) * chunk.end) / Math.max(1, total);
  const sentBefore = chunk.endSec * record.frameRateHz <= fromFrame && chunk.end < total; // resumed
  if (!sentBefore) {
    let first = 0;
    while (first < chunkFrames.length && chunkFrames[first]! < fromFrame) first++;
    const classes = loaded.card.model.classes.length;
    options.onChunk({
      samples: chunkFrames.slice(first),
      probabilities: classified.probabilities.slice(first * classes),
      templateIds: templateIds.slice(first),
      analysedSec: chunk.endSec,
      fraction,
      noise: segmentsWithin(context.noise, startSec, chunk.endSec),
    });
  }
  return fraction;
}

async function analyseOpenRecord(record: WfdbRecord, options: AnalyseOptions): Promise<'done' | 'cancelled'> {
  options.onProgress({ fraction: 0, message: 'detecting beats' });
  const context = await prepare(record, options);
  const total = context.frames.length;
  options.onProgress({ fraction: DETECTION_SHARE, message: `classifying 0 of ${grouped(total)} beats` });
  let startSec = 0;
  for (const chunk of planChunks(context.frames, record.frameRateHz, record.frameCount / record.frameRateHz, options.chunking)) {
    await yieldToEventLoop();
    if (options.isCancelled()) return 'cancelled';
    options.yieldToReviewer?.();
    const fraction = await processChunk(context, chunk, startSec, options);
    startSec = chunk.endSec;
    options.onProgress({ fraction, message: fraction === 1 ? `classified ${grouped(total)} beats` : `classifying ${grouped(chunk.end)} of ${grouped(total)} beats` });
  }
  return 'done';
}
