/**
 * `research:evaluate`: any model of the manager scored beat by beat (AAMI EC57) on the
 * reference annotations of records in a folder, in the training worker
 * (../ml/evaluation/evaluation-task), with 'task:progress' under taskId `evaluate:<modelId>`.
 * One evaluation per model at a time (the task id would be shared).
 */
import { resolve } from 'node:path';
import type { EventSink } from '../../shared/api';
import type { EvaluationReport, evaluateRequest } from '../../shared/research';
import type { z } from 'zod';
import type { BackendPreference } from '../ml/backend/select';
import { evaluateInWorker } from '../ml/training/run-worker';
import { evaluationProgress, outcomeError, type EvaluateFn } from './job-evaluation';
import type { ModelManager } from './model-manager';
import { ResearchError, ResearchNotFoundError } from './research-error';

/** The request after the contract's schema. */
export type EvaluateArgs = z.output<typeof evaluateRequest>;

/** What the evaluator is built from. */
export interface ModelEvaluatorOptions {
  models: ModelManager;
  /** Beat cache folder (null: none). */
  beatCacheDir: string | null;
  events?: EventSink;
  /** The training worker's entry (bundled app); default: the source via tsx. */
  workerPath?: string;
  /** The backend preference, read per evaluation (default: RA_TF_BACKEND, else 'auto'). */
  backend?: () => Promise<BackendPreference | undefined>;
  /** Replaces evaluateInWorker (tests). */
  evaluate?: EvaluateFn;
}

/** The evaluator. */
export interface ModelEvaluator {
  /** @throws ResearchNotFoundError for an unknown model; the evaluation's error naming the model and record */
  evaluate(request: EvaluateArgs): Promise<EvaluationReport>;
  /** Stops every evaluation in progress (shutdown). */
  close(): void;
}

/** The progress task id of evaluating `modelId`. */
export const evaluationTaskId = (modelId: string): string => `evaluate:${modelId}`;

/** An evaluator over `options`. */
export function createModelEvaluator(options: ModelEvaluatorOptions): ModelEvaluator {
  const running = new Map<string, AbortController>();
  const evaluate = options.evaluate ?? evaluateInWorker;
  return {
    async evaluate(request) {
      const { modelId } = request;
      const model = (await options.models.list()).find((m) => m.id === modelId);
      if (model === undefined) throw new ResearchNotFoundError(`no model "${modelId}" in ${options.models.modelsDir}`, { id: modelId });
      if (running.has(modelId)) throw new ResearchError(`model "${modelId}" is already being evaluated: wait for that evaluation to end`, { id: modelId });
      const backend = await options.backend?.();
      const task = {
        models: [{ id: model.id, name: model.name, dir: model.dir }],
        dataDir: resolve(request.folder), records: [...request.records], cacheDir: options.beatCacheDir,
        ...(request.annotator === undefined ? {} : { annotator: request.annotator }),
        ...(backend === undefined ? {} : { backend }),
      };
      const taskId = evaluationTaskId(modelId);
      const controller = new AbortController();
      running.set(modelId, controller);
      try {
        options.events?.('task:progress', { taskId, label: 'Evaluating', fraction: 0, message: `evaluating ${model.name} on ${task.records.length} records` });
        const outcomes = await evaluate(task, {
          signal: controller.signal,
          onProgress: (p) => options.events?.('task:progress', evaluationProgress(taskId, task, p)),
          ...(options.workerPath === undefined ? {} : { workerPath: options.workerPath }),
        });
        if (outcomes === null) throw new ResearchError(`the evaluation of model "${modelId}" was stopped`, { id: modelId });
        const [outcome] = outcomes;
        if (outcome === undefined) throw new ResearchError(`the evaluation of model "${modelId}" returned no result`, { id: modelId });
        if (!outcome.ok) throw outcomeError(outcome);
        options.events?.('task:progress', { taskId, label: 'Evaluating', fraction: 1, message: `evaluated ${model.name}: accuracy ${(100 * outcome.report.accuracy).toFixed(1)}%, macro F1 ${outcome.report.macroF1.toFixed(3)}` });
        return outcome.report;
      } catch (error) {
        options.events?.('task:progress', { taskId, label: 'Evaluating', fraction: null, message: `evaluation failed: ${(error as Error).message}` });
        throw error;
      } finally {
        running.delete(modelId);
      }
    },
    close() {
      for (const controller of running.values()) controller.abort();
    },
  };
}
