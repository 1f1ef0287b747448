/**
 * A job's evaluation phase (after training): the new model and the model that was active
 * when the job started, both scored beat by beat on the job's test records (its validation
 * records when the split has no test set) in the training worker
 * (../ml/evaluation/evaluation-task), so the workbench can compare them on the same beats.
 * The new model's test figures go into its card (`metrics.test`), which models:list shows.
 */
import { AppError } from '../../shared/errors';
import type { JobEvaluation, JobState } from '../../shared/research';
import type { TaskProgress } from '../../shared/domain';
import type { EvaluationModel, EvaluationProgress, EvaluationTask, ModelEvaluationOutcome } from '../ml/evaluation/evaluation-task';
import type { EvaluationRunOptions } from '../ml/training/run-worker';
import type { BackendPreference } from '../ml/backend/select';
import { readModelCard, writeModelCard } from '../ml/model-store';
import type { ModelManager } from './model-manager';

/** Runs an evaluation task off the main thread (../ml/training/run-worker evaluateInWorker; tests fake it). */
export type EvaluateFn = (task: EvaluationTask, options: EvaluationRunOptions) => Promise<ModelEvaluationOutcome[] | null>;

/** What a job's evaluation needs. */
export interface JobEvaluationInput {
  state: JobState;
  dataDir: string;
  cacheDir: string | null;
  backend?: BackendPreference;
  models: ModelManager;
  /** The active model when the job started (null: none was known). */
  activeAtStart: { id: string; name: string } | null;
  evaluate: EvaluateFn;
  workerPath?: string;
  signal: AbortSignal;
  onProgress: (progress: TaskProgress) => void;
}

/** The 'task:progress' of an evaluation step. */
export function evaluationProgress(taskId: string, task: EvaluationTask, p: EvaluationProgress): TaskProgress {
  const model = task.models[p.model];
  return { taskId, label: 'Evaluating', fraction: p.done / p.total, message: `evaluated ${model?.name ?? 'model'} on record ${p.record} (${p.done}/${p.total})` };
}

/** The outcome's error as an AppError with its code. */
export function outcomeError(outcome: Extract<ModelEvaluationOutcome, { ok: false }>): AppError {
  return new AppError(outcome.error.code, outcome.error.message, outcome.error.detail);
}

/**
 * Evaluates the job's new model (`state.modelId`, already in the manager) and the model
 * active at its start. Resolves to null when cancelled.
 * @throws the new model's evaluation error (naming the model and the record), or the worker's.
 */
export async function evaluateJob(input: JobEvaluationInput): Promise<JobEvaluation | null> {
  const { state, models } = input;
  const set = state.split.test.length > 0 ? 'test' : 'validation';
  const records = set === 'test' ? state.split.test : state.split.validation;
  const listed = await models.list();
  const found = (id: string): EvaluationModel | null => {
    const m = listed.find((x) => x.id === id);
    return m === undefined ? null : { id: m.id, name: m.name, dir: m.dir };
  };
  const fresh = found(state.modelId ?? '');
  if (fresh === null) throw new AppError('research/not-found', `the job's model "${state.modelId ?? ''}" is not in the model manager`);
  const before = input.activeAtStart === null ? null : found(input.activeAtStart.id);
  const task: EvaluationTask = {
    models: before === null ? [fresh] : [fresh, before],
    dataDir: input.dataDir, records: [...records], cacheDir: input.cacheDir,
    ...(input.backend === undefined ? {} : { backend: input.backend }),
  };
  const outcomes = await input.evaluate(task, {
    signal: input.signal,
    onProgress: (p) => input.onProgress(evaluationProgress(state.id, task, p)),
    ...(input.workerPath === undefined ? {} : { workerPath: input.workerPath }),
  });
  if (outcomes === null) return null;
  const [mine, theirs] = outcomes;
  if (mine === undefined || !mine.ok) throw mine === undefined ? new AppError('internal', 'the evaluation returned no result') : outcomeError(mine);
  if (set === 'test') {
    const card = await readModelCard(fresh.dir);
    await writeModelCard(fresh.dir, { ...card, metrics: { ...card.metrics, test: mine.card } });
  }
  let note: string | null = null;
  if (input.activeAtStart === null) note = 'no model was active when the job started';
  else if (before === null) note = `the model active when the job started ("${input.activeAtStart.id}") is no longer in the model manager`;
  else if (theirs !== undefined && !theirs.ok) note = `the model active when the job started could not be evaluated: ${theirs.error.message}`;
  return { set, model: mine.report, active: theirs?.ok ? theirs.report : null, note };
}
