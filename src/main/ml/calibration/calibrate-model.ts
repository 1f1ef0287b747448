/**
 * Calibrating a trained model (Guo et al. 2017, temperature scaling; ./temperature): the
 * network's own probabilities for the reference beats of held-out records — the card's DS1
 * validation records by default, windowed, filtered and with RR features exactly as the
 * card says — a temperature fitted on them by NLL, and the reliability before and after
 * (./reliability). The result is the card's `calibration` entry; writing it is the caller's.
 */
import { loadRecordBeats } from '../../datasets';
import { classifyBeats } from '../inference';
import type { CardCalibration } from '../model-card';
import type { LoadedModel } from '../model-store';
import { DEFAULT_ECE_BINS, reliabilityTable, type ReliabilityTable } from './reliability';
import { applyTemperature, fitTemperature, type TemperatureFit } from './temperature';

/** Where the beats come from. */
export interface CalibrationDataOptions {
  /** Folder of the MIT-BIH records. */
  dataDir: string;
  /** Records (default: the card's validation records). */
  records?: readonly string[];
  /** Beat cache folder (../../datasets). */
  cacheDir?: string;
  batchSize?: number;
  /** Called after each record with its labelled beats. */
  onRecord?: (record: string, beats: number) => void;
}

/** Uncalibrated probabilities of the labelled reference beats of some records. */
export interface LabelledProbabilities {
  records: string[];
  /** count × classes, the network's softmax (any calibration in the card ignored). */
  probabilities: Float32Array;
  /** Reference class index per beat (all ≥ 0). */
  labels: Int8Array;
  count: number;
}

/** The outcome of {@link calibrateModel}. */
export interface ModelCalibration {
  fit: TemperatureFit;
  /** Reliability of the fitting beats at T = 1 and at the fitted T. */
  before: ReliabilityTable;
  after: ReliabilityTable;
  /** The card entry. */
  calibration: CardCalibration;
}

/**
 * The network's uncalibrated probabilities for the reference beats of `options.records`
 * (default the card's validation records) that have an AAMI class.
 * @throws WfdbError for a record that cannot be read.
 */
export async function collectProbabilities(loaded: LoadedModel, options: CalibrationDataOptions): Promise<LabelledProbabilities> {
  const { card } = loaded;
  const K = card.model.classes.length;
  const records = [...(options.records ?? card.training.validationRecords)];
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  for (const record of records) {
    const set = await loadRecordBeats(record, {
      dataDir: options.dataDir, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {},
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    });
    // Uncalibrated: a card that already has a calibration must not have it applied twice.
    const { probabilities } = classifyBeats(loaded, set, { batchSize: options.batchSize, calibrated: false });
    let kept = 0;
    for (let i = 0; i < set.count; i++) {
      if (set.classes[i]! < 0) continue;
      rows.push(probabilities.subarray(i * K, (i + 1) * K));
      labels.push(set.classes[i]!);
      kept += 1;
    }
    options.onRecord?.(record, kept);
  }
  const probabilities = new Float32Array(rows.length * K);
  rows.forEach((row, i) => probabilities.set(row, i * K));
  return { records, probabilities, labels: Int8Array.from(labels), count: rows.length };
}

/**
 * Fits the temperature of `loaded` on the reference beats of `options.records` (default the
 * card's validation records) and measures the reliability before and after.
 * @throws WfdbError for a record that cannot be read; RangeError when no beat is labelled.
 */
export async function calibrateModel(loaded: LoadedModel, options: CalibrationDataOptions, now = new Date()): Promise<ModelCalibration> {
  const data = await collectProbabilities(loaded, options);
  const K = loaded.card.model.classes.length;
  const fit = fitTemperature(data.probabilities, data.labels, K);
  const before = reliabilityTable(data.probabilities, data.labels, K, DEFAULT_ECE_BINS);
  const after = reliabilityTable(applyTemperature(data.probabilities, K, fit.temperature), data.labels, K, DEFAULT_ECE_BINS);
  const calibration: CardCalibration = {
    method: 'temperature', temperature: fit.temperature, fittedOn: data.records, beats: fit.beats,
    validationEce: { before: before.ece, after: after.ece }, date: now.toISOString(),
  };
  return { fit, before, after, calibration };
}
