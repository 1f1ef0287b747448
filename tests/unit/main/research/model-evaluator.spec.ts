import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModelEvaluator } from '../../../../src/main/research/model-evaluator';
import { createModelManager } from '../../../../src/main/research/model-manager';
import type { EvaluationTask, ModelEvaluationOutcome } from '../../../../src/main/ml/evaluation/evaluation-task';
import type { EvaluationRunOptions } from '../../../../src/main/ml/training/run-worker';
import type { TaskProgress } from '../../../../src/shared/domain';
import { useTempDir } from '../../../support/temp-dir';
import { outcome } from './job-fakes';

const BUNDLED = resolve(__dirname, '../../../../models/rhythm-attention-default');
const temp = useTempDir('ra-evaluator-');

function evaluator(evaluate: (task: EvaluationTask, o: EvaluationRunOptions) => Promise<ModelEvaluationOutcome[] | null>) {
  const progress: TaskProgress[] = [];
  const models = createModelManager({ dataDir: temp(), bundledDir: BUNDLED });
  const service = createModelEvaluator({ models, beatCacheDir: join(temp(), 'cache'), events: (_e, p) => progress.push(p as TaskProgress), evaluate, backend: async () => 'cpu' });
  return { service, progress };
}

describe('createModelEvaluator', () => {
  it('evaluates a model of the manager on the records asked for, with progress under evaluate:<id>', async () => {
    const tasks: EvaluationTask[] = [];
    const { service, progress } = evaluator(async (task, o) => {
      tasks.push(task);
      task.records.forEach((record, i) => o.onProgress?.({ model: 0, record, done: i + 1, total: task.records.length }));
      return [outcome(task.models[0]!, task.records, [0, 2, 2, 3], [0, 2, 0, 3])];
    });
    const report = await service.evaluate({ modelId: 'rhythm-attention-default', folder: '/data/../data/mitdb', records: ['100', '200'], annotator: 'atr' });
    expect(tasks[0]).toMatchObject({ models: [{ id: 'rhythm-attention-default', dir: BUNDLED }], dataDir: resolve('/data/mitdb'), records: ['100', '200'], annotator: 'atr', backend: 'cpu', cacheDir: join(temp(), 'cache') });
    expect(report).toMatchObject({ modelId: 'rhythm-attention-default', beats: 4, accuracy: 0.75 });
    expect(progress.every((p) => p.taskId === 'evaluate:rhythm-attention-default')).toBe(true);
    expect(progress.map((p) => p.fraction)).toEqual([0, 0.5, 1, 1]);
    expect(progress[2]!.message).toMatch(/record 200 \(2\/2\)/);
  });

  it('refuses an unknown model and passes on the error naming the model and record', async () => {
    const { service, progress } = evaluator(async () => [{ ok: false, error: { code: 'wfdb/missing-file', message: 'model "rhythm-attention-default", record 999: /data/999.hea: no such file' } }]);
    await expect(service.evaluate({ modelId: 'nope', folder: '/data', records: ['100'] })).rejects.toMatchObject({ code: 'research/not-found', message: expect.stringContaining('no model "nope"') });
    await expect(service.evaluate({ modelId: 'rhythm-attention-default', folder: '/data', records: ['999'] })).rejects.toMatchObject({ code: 'wfdb/missing-file', message: expect.stringContaining('record 999') });
    expect(progress.at(-1)).toMatchObject({ fraction: null, message: expect.stringMatching(/^evaluation failed: model "rhythm-attention-default", record 999/) });
  });

  it('refuses a second evaluation of the same model while the first runs', async () => {
    let release: (o: ModelEvaluationOutcome[]) => void = () => undefined;
    const { service } = evaluator((task) => new Promise((r) => (release = () => r([outcome(task.models[0]!, task.records, [0], [0])]))));
    const first = service.evaluate({ modelId: 'rhythm-attention-default', folder: '/data', records: ['100'] });
    await new Promise((r) => setTimeout(r, 20));
    await expect(service.evaluate({ modelId: 'rhythm-attention-default', folder: '/data', records: ['100'] })).rejects.toThrow(/already being evaluated/);
    release([]);
    await expect(first).resolves.toMatchObject({ beats: 1 });
  });
});
