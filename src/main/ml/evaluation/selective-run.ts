/**
 * Selective review measured on MIT-BIH records (issue 9): the reference beats of each record
 * (loaded as ./evaluate loads them: the card's window, filter and RR features, the beat
 * cache), classified once as served — calibrated probabilities, arg-max class — and run
 * through Monte Carlo dropout (../uncertainty). Each uncertainty score ranks the same
 * predictions; ./selective turns a ranking into the accuracy / per-class F1 against coverage.
 */
import { AAMI_CLASSES, DS2_RECORDS, loadRecordBeats } from '../../datasets';
import { classifyBeats } from '../inference';
import type { LoadedModel } from '../model-store';
import { mcDropoutBeats, planMcGraph, type McGraph } from '../uncertainty/mc-dropout';
import { confusionMatrix, metricsOf, type ClassificationMetrics } from './confusion';
import {
  CONFIDENCE_THRESHOLDS, coverageCurve, DEFAULT_COVERAGES, maxProbability, oneMinusMaxProbability, thresholdCounts, type CoveragePoint, type ThresholdCount,
} from './selective';

/** The uncertainty scores compared. */
export const UNCERTAINTY_SCORES = Object.freeze({
  'max-prob': '1 − calibrated max probability (one pass)',
  'mc-entropy': 'MC dropout predictive entropy',
  'mc-mutual-info': 'MC dropout mutual information',
  'mc-max-prob': '1 − MC dropout mean max probability',
} as const);

/** A score's key. */
export type UncertaintyScore = keyof typeof UNCERTAINTY_SCORES;

/** Options of {@link selectiveEvaluation}. */
export interface SelectiveOptions {
  dataDir: string;
  /** Records (default DS2). */
  records?: readonly string[];
  cacheDir?: string;
  /** Monte Carlo passes (0: the one-pass score only). */
  passes: number;
  coverages?: readonly number[];
  thresholds?: readonly number[];
  batchSize?: number;
  onRecord?: (record: string, beats: number, seconds: number) => void;
}

/** Every beat's outcome and scores, concatenated over the records. */
export interface SelectiveBeats {
  reference: Int8Array;
  predicted: Int8Array;
  /** Top calibrated probability (the served confidence). */
  confidence: Float32Array;
  scores: Partial<Record<UncertaintyScore, Float32Array>>;
}

/** The outcome of {@link selectiveEvaluation}. */
export interface SelectiveResult {
  records: string[];
  passes: number;
  beats: SelectiveBeats;
  /** The served figures on every beat (coverage 100 %). */
  plain: ClassificationMetrics;
  curves: Partial<Record<UncertaintyScore, CoveragePoint[]>>;
  thresholds: ThresholdCount[];
  /** Seconds spent in the plain passes and in the MC passes. */
  seconds: { plain: number; mc: number };
}

const concat = <T extends Float32Array | Int8Array>(parts: T[], make: (n: number) => T): T => {
  const out = make(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** One record's share of the beats: outcome, served confidence and, with MC passes, their scores. */
interface RecordScores {
  reference: Int8Array;
  predicted: Int8Array;
  confidence: Float32Array;
  mc: { entropy: Float32Array; mi: Float32Array; mcMax: Float32Array } | null;
  seconds: { plain: number; mc: number };
}

/** Classifies one record's reference beats as served, then runs the MC passes over them. */
async function scoreRecord(loaded: LoadedModel, record: string, options: SelectiveOptions, graph: McGraph | undefined): Promise<RecordScores & { count: number }> {
  const { card } = loaded;
  const K = card.model.classes.length;
  const set = await loadRecordBeats(record, {
    dataDir: options.dataDir, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {},
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  });
  const t0 = performance.now();
  const served = classifyBeats(loaded, set, { batchSize: options.batchSize });
  const t1 = performance.now();
  let mc: RecordScores['mc'] = null;
  if (graph !== undefined) {
    const out = mcDropoutBeats(loaded, set, { passes: options.passes, batchSize: options.batchSize, graph });
    mc = { entropy: out.entropy, mi: out.mutualInformation, mcMax: oneMinusMaxProbability(out.mean, K) };
  }
  const t2 = performance.now();
  return {
    count: set.count, reference: Int8Array.from(set.classes), predicted: served.classes, confidence: maxProbability(served.probabilities, K), mc,
    seconds: { plain: (t1 - t0) / 1000, mc: (t2 - t1) / 1000 },
  };
}

/** The beats of all records, concatenated, with each score. */
function joinRecords(parts: readonly RecordScores[]): SelectiveBeats {
  const f32 = (n: number): Float32Array => new Float32Array(n);
  const i8 = (n: number): Int8Array => new Int8Array(n);
  const confidence = concat(parts.map((p) => p.confidence), f32);
  const beats: SelectiveBeats = {
    reference: concat(parts.map((p) => p.reference), i8), predicted: concat(parts.map((p) => p.predicted), i8), confidence,
    scores: { 'max-prob': confidence.map((p) => 1 - p) },
  };
  const mc = parts.map((p) => p.mc);
  if (mc.length > 0 && mc.every((m) => m !== null)) {
    beats.scores['mc-entropy'] = concat(mc.map((m) => m!.entropy), f32);
    beats.scores['mc-mutual-info'] = concat(mc.map((m) => m!.mi), f32);
    beats.scores['mc-max-prob'] = concat(mc.map((m) => m!.mcMax), f32);
  }
  return beats;
}

/**
 * Classifies the reference beats of `options.records` (default DS2), scores each beat's
 * uncertainty and computes the coverage curve of each score.
 * @throws WfdbError for a record that cannot be read; RangeError for a model not over the AAMI classes.
 */
export async function selectiveEvaluation(loaded: LoadedModel, options: SelectiveOptions): Promise<SelectiveResult> {
  const classes = loaded.card.model.classes;
  if (classes.join() !== AAMI_CLASSES.join()) throw new RangeError(`selective evaluation needs a model of the AAMI classes, not ${classes.join(' ')}`);
  const records = [...(options.records ?? DS2_RECORDS)];
  const graph = options.passes > 0 ? planMcGraph(loaded.model) : undefined;
  const parts: RecordScores[] = [];
  const seconds = { plain: 0, mc: 0 };
  for (const record of records) {
    const t0 = performance.now();
    const part = await scoreRecord(loaded, record, options, graph);
    parts.push(part);
    seconds.plain += part.seconds.plain;
    seconds.mc += part.seconds.mc;
    options.onRecord?.(record, part.count, (performance.now() - t0) / 1000);
  }
  const beats = joinRecords(parts);
  const curves: SelectiveResult['curves'] = {};
  for (const [key, score] of Object.entries(beats.scores) as [UncertaintyScore, Float32Array][]) {
    curves[key] = coverageCurve({ classes, reference: beats.reference, predicted: beats.predicted, score }, options.coverages ?? DEFAULT_COVERAGES);
  }
  const correct = Array.from(beats.reference, (r, i) => r === beats.predicted[i]);
  return {
    records, passes: graph === undefined ? 0 : options.passes, beats,
    plain: metricsOf(confusionMatrix(classes, beats.reference, beats.predicted)),
    curves, thresholds: thresholdCounts(beats.confidence, correct, options.thresholds ?? CONFIDENCE_THRESHOLDS), seconds,
  };
}
