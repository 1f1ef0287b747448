/**
 * Evaluation of a trained model on MIT-BIH records — inter-patient by default: DS2, which
 * training never touches (../shared/docs/protocol.md). Beats are the reference annotations
 * ('reference') or our QRS detector's ('detector': each detection matched to a reference
 * beat within 150 ms; a missed beat and an extra detection both count as errors, in the
 * matrix's missed column and extra row). Windows, filter and RR features follow the card.
 * The reliability of the probabilities (../calibration: top-label ECE over 15 bins) is
 * measured on the beats that have a reference class, both as served (calibrated when the
 * card has a calibration, then its irregular-rhythm rule) and uncalibrated (T = 1, no rule).
 */
import { join } from 'node:path';
import { AAMI_CLASSES, DS2_RECORDS, loadRecordBeats, type BeatSet } from '../../datasets';
import { addToReliability, createReliability, finishReliability, type ReliabilityAccumulator, type ReliabilityTable } from '../calibration/reliability';
import { classifyBeats, loadDetectedBeats, servedDecisions } from '../inference';
import { irregularFlagsFor } from '../irregular-rhythm-rule';
import type { LoadedModel } from '../model-store';
import { confusionMatrix, metricsOf, sumConfusion, type ClassificationMetrics, type ConfusionMatrix } from './confusion';

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions {
  /** Folder of the records. */
  dataDir: string;
  /** Records (default DS2). */
  records?: readonly string[];
  source?: 'reference' | 'detector';
  /** Beat cache folder for reference beats (../../datasets). */
  cacheDir?: string;
  /** Annotator (file extension) of the reference annotations (default 'atr'). */
  annotator?: string;
  batchSize?: number;
  /** Called after each record. */
  onRecord?: (result: RecordEvaluation) => void;
}

/** One record's share. */
export interface RecordEvaluation {
  record: string;
  beats: number;
  matrix: ConfusionMatrix;
  metrics: ClassificationMetrics;
  seconds: number;
}

/** The whole evaluation. */
export interface EvaluationResult {
  source: 'reference' | 'detector';
  records: RecordEvaluation[];
  matrix: ConfusionMatrix;
  metrics: ClassificationMetrics;
  /**
   * Reliability of the probabilities served (calibrated when the card has a calibration, whose
   * temperature is given; null without one) and at T = 1.
   */
  reliability: { served: ReliabilityTable; uncalibrated: ReliabilityTable; temperature: number | null };
  /** Beats classified per second (loading and detection included). */
  beatsPerSec: number;
}

/** Reference beats missed by the detector, per class index of `classes`. */
function missedPerClass(set: BeatSet, classes: readonly string[]): number[] {
  const missed = classes.map(() => 0);
  for (const beat of set.missed) {
    const c = classes.indexOf(beat.aami);
    if (c >= 0) missed[c]! += 1;
  }
  return missed;
}

/** Reliability accumulators of an evaluation: the served probabilities and the uncalibrated ones. */
export interface ReliabilityPair {
  served: ReliabilityAccumulator;
  uncalibrated: ReliabilityAccumulator;
}

/**
 * Classifies one record's beats and scores them; with `reliability`, adds the beats that
 * have a reference class to its accumulators.
 */
export function evaluateBeatSet(loaded: LoadedModel, set: BeatSet, batchSize?: number, reliability?: ReliabilityPair): ConfusionMatrix {
  const classes = loaded.card.model.classes;
  if (classes.join() !== AAMI_CLASSES.join()) throw new RangeError(`evaluation needs a model of the AAMI classes ${AAMI_CLASSES.join(' ')}, not ${classes.join(' ')}`);
  // Uncalibrated from the network, then served as classifyBeats would: one forward pass for both.
  // The irregular-rhythm flags once, for the classes and the served probabilities alike.
  const irregular = irregularFlagsFor(loaded.card, set);
  const { classes: predicted, probabilities } = classifyBeats(loaded, { ...set, irregular }, { batchSize, calibrated: false });
  if (reliability !== undefined) {
    addToReliability(reliability.uncalibrated, probabilities, set.classes);
    addToReliability(reliability.served, servedDecisions(loaded.card, probabilities, irregular).probabilities, set.classes);
  }
  return confusionMatrix(classes, set.classes, predicted, missedPerClass(set, classes));
}

/**
 * Evaluates `loaded` on `options.records` (default DS2) and sums the confusion matrices.
 * @throws WfdbError for a record that cannot be read; RangeError for a model not over the AAMI classes.
 */
export async function evaluateModel(loaded: LoadedModel, options: EvaluateOptions): Promise<EvaluationResult> {
  const source = options.source ?? 'reference';
  const { card } = loaded;
  const started = performance.now();
  const results: RecordEvaluation[] = [];
  const K = card.model.classes.length;
  const reliability = { served: createReliability(K), uncalibrated: createReliability(K) };
  let beats = 0;
  for (const record of options.records ?? DS2_RECORDS) {
    const t0 = performance.now();
    const set =
      source === 'detector'
        ? await loadDetectedBeats(join(options.dataDir, `${record}.hea`), card)
        : await loadRecordBeats(record, {
            dataDir: options.dataDir, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {},
            ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
            ...(options.annotator === undefined ? {} : { annotator: options.annotator }),
          });
    const matrix = evaluateBeatSet(loaded, set, options.batchSize, reliability);
    const result = { record, beats: set.count, matrix, metrics: metricsOf(matrix), seconds: (performance.now() - t0) / 1000 };
    beats += set.count;
    results.push(result);
    options.onRecord?.(result);
  }
  const matrix = results.length > 0 ? sumConfusion(results.map((r) => r.matrix)) : confusionMatrix(card.model.classes, [], []);
  return {
    source, records: results, matrix, metrics: metricsOf(matrix),
    reliability: { served: finishReliability(reliability.served), uncalibrated: finishReliability(reliability.uncalibrated), temperature: card.calibration?.temperature ?? null },
    beatsPerSec: beats / ((performance.now() - started) / 1000),
  };
}
