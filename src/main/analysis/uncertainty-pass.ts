/**
 * The background uncertainty pass (issue 9, selective review): after a record's beats are
 * classified, Monte Carlo dropout (../ml/uncertainty/mc-dropout) estimates how unsure the
 * model is of each one, as 1 − the mean top calibrated probability of the passes — the
 * score that ranked the DS2 beats best for accuracy at every coverage (models/README.md,
 * "Selective review"). The review orders its queue by it.
 *
 * Run by the analysis worker (./analysis-worker) at its low thread priority, only after
 * the classification is done, so the classification's speed is untouched; before each
 * chunk it waits while any other recording's analysis classifies, and between steps (and
 * between the chunks its detection reads) it stands aside for the reviewer for as long as
 * the reviewer pages (./reviewer-gate `backgroundYield`). Detection and
 * RR features are computed again (./analyse-record `recordBeats`: deterministic, so the
 * beats and inputs are the classification's; about a sixth of the classification's time)
 * rather than kept, so that a restored review can resume the pass from disk alone.
 *
 * The beats go in time order, {@link UNCERTAINTY_CHUNK_BEATS} at a time; between chunks the
 * event loop runs, so a cancel is seen within one chunk (≈ 1–2 s). `fromSample` resumes: the
 * beats before it are skipped (their values are in the review already).
 */
import { beatsBetween } from '../ml/inference';
import { oneMinusMaxProbability } from '../ml/evaluation/selective';
import type { LoadedModel } from '../ml/model-store';
import { mcDropoutBeats, planMcGraph, type McGraph } from '../ml/uncertainty/mc-dropout';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { openRecord, type WfdbRecord } from '../wfdb';
import { recordBeats } from './analyse-record';
import { asAppError } from './analysis-error';
import { windowSegment } from './segment-windows';

/**
 * Monte Carlo passes per beat: 20. Measured with `npm run bench:uncertainty` on DS1
 * validation records 118 and 223 (4,883 beats; models/README.md, "Selective review"): the
 * beats two independent runs send to review at 90 % coverage overlap 40 / 61 / 73 / 79 %
 * for 2 / 5 / 10 / 20 passes (80 % agreement with a 40-pass reference at 10, 83 % at 20),
 * and accepted-beat accuracy at 90 % coverage is 96.96 % at 10 against 97.36 % at 20 (97.54
 * against 97.60 % on all four validation records with eval-selective). The cost is linear
 * (≈ 0.16 s per pass per 1,000 beats on top of ≈ 0.24 s, wasm, one core): 20 passes take
 * ≈ 8 s for a 30-minute record and ≈ 6 min for 24 hours, in the background and resumable —
 * affordable for a steadier queue, and the same N as the DS2 table, so the app ranks beats
 * as that table measured.
 */
export const UNCERTAINTY_PASSES = 20;

/** Beats per chunk: one forward batch, ≈ 1 s of 20 passes on one free core (the cancel latency). */
export const UNCERTAINTY_CHUNK_BEATS = 256;

/**
 * Beats of one Monte Carlo step between two looks at the reviewer gate: ≈ 80 ms of 20
 * passes (wasm, one core), against ≈ 1 s for a whole 256-beat chunk. Smaller steps cost the
 * pass some speed (measured ≈ 1.2–1.5× at 16 beats under load), which a background pass can
 * spare; a page request should not wait a second.
 */
export const UNCERTAINTY_STEP_BEATS = 16;

/** A block of uncertainty values, in time order; blocks arrive in time order. */
export interface UncertaintyValues {
  /** R-peak frame numbers of the record (as the analysis chunks give them), ascending. */
  samples: Int32Array;
  /** 1 − mean top calibrated probability over the passes, one per sample. */
  values: Float32Array;
  /** 0..1 of the record's beats that now have a value. */
  fraction: number;
}

/** What {@link uncertaintyPass} needs besides the record. */
export interface UncertaintyPassOptions {
  loaded: LoadedModel;
  passes?: number;
  /** Beats before this R-peak frame are skipped (resume). */
  fromSample?: number;
  beatsPerChunk?: number;
  /** Asked between chunks; true stops the pass. */
  isCancelled: () => boolean;
  /** Called between steps of at most {@link UNCERTAINTY_STEP_BEATS} beats (./reviewer-gate). */
  yieldToReviewer?: () => void;
  /** Awaited before each chunk: resolves once no analysis is classifying (./reviewer-gate waitWhileAnalysing). */
  waitForAnalyses?: () => Promise<void>;
  onProgress: (progress: { fraction: number; message: string }) => void;
  onValues: (values: UncertaintyValues) => void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const grouped = (n: number): string => n.toLocaleString('en-US');

/** The walk of each model, planned once per thread. */
const graphs = new WeakMap<LoadedModel, McGraph>();
function graphOf(loaded: LoadedModel): McGraph {
  let graph = graphs.get(loaded);
  if (graph === undefined) {
    graph = planMcGraph(loaded.model);
    graphs.set(loaded, graph);
  }
  return graph;
}

/**
 * Runs the uncertainty pass over the record at `headerPath` (see the file header).
 * @returns 'cancelled' when `isCancelled` said so between chunks, else 'done'.
 * @throws AppError: WfdbError for a missing or unreadable record, AnalysisError ('ml/analysis')
 *   for anything else, both naming the header file.
 */
export async function uncertaintyPass(headerPath: string, options: UncertaintyPassOptions): Promise<'done' | 'cancelled'> {
  let record: WfdbRecord | undefined;
  try {
    record = await openRecord(headerPath);
    return await passOverRecord(record, options);
  } catch (error) {
    throw asAppError(error, headerPath);
  } finally {
    await record?.close();
  }
}

/** `record` with `beforeRead` called before each of its reads (the reviewer gate, between the detection's chunks). */
export function withReadHook(record: WfdbRecord, beforeRead: () => void): WfdbRecord {
  return {
    name: record.name,
    headerPath: record.headerPath,
    header: record.header,
    frameRateHz: record.frameRateHz,
    frameCount: record.frameCount,
    signals: record.signals,
    readDigital: (startFrame, endFrame, signals, readOptions) => {
      beforeRead();
      return record.readDigital(startFrame, endFrame, signals, readOptions);
    },
    readPhysical: (startFrame, endFrame, signals, readOptions) => {
      beforeRead();
      return record.readPhysical(startFrame, endFrame, signals, readOptions);
    },
    close: () => record.close(),
  };
}

async function passOverRecord(record: WfdbRecord, options: UncertaintyPassOptions): Promise<'done' | 'cancelled'> {
  const { loaded } = options;
  const passes = options.passes ?? UNCERTAINTY_PASSES;
  const step = Math.max(1, options.beatsPerChunk ?? UNCERTAINTY_CHUNK_BEATS);
  options.onProgress({ fraction: 0, message: 'finding the beats' });
  // The detection reads the whole record (about a sixth of the classification's time, right
  // after it, when the reviewer starts paging): it stands aside too, before each chunk it reads.
  const yieldToReviewer = options.yieldToReviewer;
  const { lead, frames, rr, irregular } = await recordBeats(yieldToReviewer ? withReadHook(record, yieldToReviewer) : record, loaded.card);
  const total = frames.length;
  let start = 0;
  while (start < total && frames[start]! < (options.fromSample ?? 0)) start++;
  const graph = graphOf(loaded);
  const K = loaded.card.model.classes.length;
  for (; start < total; start += step) {
    await yieldToEventLoop();
    await options.waitForAnalyses?.();
    if (options.isCancelled()) return 'cancelled';
    const end = Math.min(total, start + step);
    const chunkFrames = frames.subarray(start, end);
    const { windows, differences } = await windowSegment(record, lead, frames, loaded.card.input, { start, end });
    const chunk = { windows, differences, rr: rr.subarray(start * RR_FEATURE_COUNT, end * RR_FEATURE_COUNT), irregular: irregular?.subarray(start, end) ?? null };
    const values = new Float32Array(end - start);
    const L = loaded.card.model.windowLength;
    const inner = options.yieldToReviewer === undefined ? step : UNCERTAINTY_STEP_BEATS;
    for (let a = 0; a < values.length; a += inner) {
      options.yieldToReviewer?.();
      const b = Math.min(values.length, a + inner);
      const mc = mcDropoutBeats(loaded, beatsBetween(chunk, L, a, b), { passes, graph, batchSize: inner });
      values.set(oneMinusMaxProbability(mc.mean, K), a);
    }
    const fraction = end / total;
    options.onValues({ samples: chunkFrames.slice(), values, fraction });
    options.onProgress({ fraction, message: `uncertainty of ${grouped(end)} of ${grouped(total)} beats` });
  }
  return 'done';
}
