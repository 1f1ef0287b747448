/**
 * An evaluation as plain data (so that it can cross into the training worker): models of the
 * manager, each scored beat by beat on the reference beats of annotated records (./evaluate,
 * AAMI EC57 classes), and the results in the contract's shape (EvaluationReport) plus the
 * card's (CardMetrics, for `metrics.test`). Each model succeeds or fails on its own, so a
 * job can still report its new model when the previously active one cannot be read.
 */
import type { ErrorInfo } from '../../../shared/result';
import { join } from 'node:path';
import { AppError, toErrorInfo } from '../../../shared/errors';
import type { EvaluationReport } from '../../../shared/research';
import { selectBackend, type BackendPreference } from '../backend/select';
import type { CardMetrics } from '../model-card';
import { loadModel } from '../model-store';
import { evaluateModel, type EvaluationResult } from './evaluate';

/** One model to evaluate. */
export interface EvaluationModel {
  id: string;
  name: string;
  dir: string;
}

/** Everything an evaluation needs. */
export interface EvaluationTask {
  models: EvaluationModel[];
  /** Folder of the records. */
  dataDir: string;
  records: string[];
  /** Annotator of the reference annotations (default 'atr'). */
  annotator?: string;
  /** Beat cache folder, null for none. */
  cacheDir: string | null;
  backend?: BackendPreference;
}

/** A record of a model has been scored. */
export interface EvaluationProgress {
  /** Index of the model in the task. */
  model: number;
  record: string;
  /** Records scored so far over all models, out of `total` (models × records). */
  done: number;
  total: number;
}

/** How one model's evaluation ended. */
export type ModelEvaluationOutcome =
  | { ok: true; report: EvaluationReport; card: CardMetrics }
  | { ok: false; error: ErrorInfo };

/**
 * The contract's report of `result`: the K × K confusion of the reference beats (the
 * matrix's extra row and missed column are empty for reference beats and are dropped).
 * @throws RangeError when the records hold no reference beat (no figure is defined then).
 */
export function toEvaluationReport(model: Pick<EvaluationModel, 'id' | 'name'>, records: readonly string[], result: Pick<EvaluationResult, 'matrix' | 'metrics'>): EvaluationReport {
  const { matrix, metrics } = result;
  const K = matrix.classes.length;
  if (metrics.total === 0 || metrics.accuracy === null) throw new RangeError(`records ${records.join(', ')} hold no reference beat to evaluate on`);
  return {
    modelId: model.id,
    modelName: model.name,
    records: [...records],
    beats: metrics.total,
    classes: [...matrix.classes],
    confusion: matrix.counts.slice(0, K).map((row) => row.slice(0, K)),
    perClass: metrics.perClass.map((c) => ({ name: c.name, support: c.count, se: c.se, ppv: c.ppv, f1: c.f1 })),
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1 ?? 0,
  };
}

/** Evaluates one model; the error names the model and, once it has loaded, the record being read. */
async function evaluateOne(task: EvaluationTask, index: number, onProgress: (p: EvaluationProgress) => void): Promise<ModelEvaluationOutcome> {
  const model = task.models[index]!;
  const total = task.models.length * task.records.length;
  let scored = 0;
  let reading = false;
  try {
    const loaded = await loadModel(model.dir);
    reading = true;
    try {
      const result = await evaluateModel(loaded, {
        dataDir: task.dataDir,
        records: task.records,
        ...(task.cacheDir === null ? {} : { cacheDir: task.cacheDir }),
        ...(task.annotator === undefined ? {} : { annotator: task.annotator }),
        onRecord: (r) => {
          // A record without its annotation file loads as no beats: an error here, not a silent gap.
          if (r.beats === 0) throw new AppError('file/not-found', `no reference beats: ${join(task.dataDir, `${r.record}.${task.annotator ?? 'atr'}`)} is missing or holds no beat annotation`);
          scored += 1;
          onProgress({ model: index, record: r.record, done: index * task.records.length + scored, total });
        },
      });
      reading = false;
      const report = toEvaluationReport(model, task.records, result);
      const card: CardMetrics = { records: [...task.records], source: 'reference', metrics: result.metrics, confusion: result.matrix.counts, date: new Date().toISOString() };
      return { ok: true, report, card };
    } finally {
      loaded.model.dispose();
    }
  } catch (error) {
    const info = toErrorInfo(error);
    const record = reading ? task.records[scored] : undefined;
    return { ok: false, error: { ...info, message: `model "${model.id}"${record === undefined ? '' : `, record ${record}`}: ${info.message}` } };
  }
}

/**
 * Runs `task` in this thread (the training worker runs exactly this): starts the backend,
 * then evaluates each model in turn. Resolves to one outcome per model, in order.
 * @throws the backend selection's error (BackendError) when no backend starts.
 */
export async function runEvaluationTask(task: EvaluationTask, options: { onProgress?: (p: EvaluationProgress) => void } = {}): Promise<ModelEvaluationOutcome[]> {
  await selectBackend(task.backend, { log: () => undefined });
  const outcomes: ModelEvaluationOutcome[] = [];
  for (let i = 0; i < task.models.length; i++) {
    outcomes.push(await evaluateOne(task, i, options.onProgress ?? (() => undefined)));
  }
  return outcomes;
}
