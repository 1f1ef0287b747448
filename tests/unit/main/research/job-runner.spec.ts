import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJobRunner } from '../../../../src/main/research/job-runner';
import { createModelManager } from '../../../../src/main/research/model-manager';
import { TrainingError } from '../../../../src/main/ml/training/training-error';
import type { TrainingJob } from '../../../../src/main/ml/training/job';
import type { TrainingEvent, TrainingResult, ValidationSummary } from '../../../../src/main/ml/training/progress';
import type { WorkerRunOptions } from '../../../../src/main/ml/training/run-worker';
import type { TaskProgress } from '../../../../src/shared/domain';
import { useTempDir } from '../../../support/temp-dir';

const BUNDLED = resolve(__dirname, '../../../../models/rhythm-attention-default');
const temp = useTempDir('ra-jobs-');
const request = { name: 'Fake', folder: '/data/mitdb', split: { train: ['101'], validation: ['118'], test: ['100'] }, epochs: 2 };
const validation: ValidationSummary = {
  loss: 0.5, accuracy: 0.8, macroF1: 0.4, confusion: [],
  perClass: ['N', 'S', 'V', 'F', 'Q'].map((name, i) => ({ name, se: null, ppv: null, f1: i / 10 })),
};

/** A fake trainer: a start, 3 batches per epoch, an epoch event each, then `end`. */
function fakeTrain(end: (job: TrainingJob) => TrainingResult | Error) {
  return async (job: TrainingJob, options: WorkerRunOptions): Promise<TrainingResult> => {
    const emit = (e: TrainingEvent): void => options.onEvent?.(e);
    emit({ type: 'start', backend: 'cpu', backendReason: 'asked for', classes: ['N', 'S', 'V', 'F', 'Q'], trainBeats: 10, validationBeats: 5, trainCounts: [], validationCounts: [], parameters: 1, epochs: job.settings.epochs, startEpoch: 1, stepsPerEpoch: 3, batchSize: 4 });
    for (let epoch = 1; epoch <= job.settings.epochs; epoch++) {
      for (let batch = 1; batch <= 3; batch++) emit({ type: 'batch', epoch, epochs: 2, batch, batches: 3, loss: 1 / epoch, accuracy: 0.5, learningRate: 1e-3, gradNorm: 1, beatsPerSec: 100, etaSec: 5 });
      emit({ type: 'epoch', epoch, epochs: 2, trainLoss: 1 / epoch, trainAccuracy: 0.5, learningRate: 1e-3, validation, seconds: 1, improved: true, bestEpoch: epoch, bestMacroF1: 0.4, beatsPerSec: 100, etaSec: 0 });
    }
    const result = end(job);
    if (result instanceof Error) throw result;
    return result;
  };
}

const result = (bestDir: string | null, status: TrainingResult['status'] = 'completed'): TrainingResult => ({
  status, epochsDone: 2, bestEpoch: 2, bestMacroF1: 0.4, history: [], bestDir, checkpointDir: null, backend: 'cpu', beatsPerSec: 100, seconds: 2,
});

describe('createJobRunner', () => {
  it('folds the events into curves, throttles batch progress and saves the best model', async () => {
    const progress: TaskProgress[] = [];
    const models = createModelManager({ dataDir: temp(), bundledDir: BUNDLED });
    const runner = createJobRunner({ jobsDir: temp(), beatCacheDir: null, models, events: (_e, p) => progress.push(p as TaskProgress), train: fakeTrain(() => result(BUNDLED)) });
    const { id } = await runner.start(request);
    const state = await runner.cancel(id); // already finished: cancel only waits
    expect(state).toMatchObject({ status: 'completed', backend: 'cpu', backendReason: 'asked for', fraction: 1, modelId: 'fake', error: null });
    expect(state.history.map((h) => [h.epoch, h.trainLoss, h.validationMacroF1])).toEqual([[1, 1, 0.4], [2, 0.5, 0.4]]);
    expect(state.history[0]!.validationF1).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    // Batches 1 and 3 of epoch 1 and batch 3 of epoch 2 pass (the first, then each epoch's last); batch 2s fall within 250 ms.
    const batchLines = progress.filter((p) => /^epoch \d+\/\d+ batch/.test(p.message));
    expect(batchLines).toHaveLength(3);
    expect(progress.every((p) => p.taskId === id)).toBe(true);
    expect((await models.list()).map((m) => m.id)).toContain('fake');
  });

  it('records a failure with its code and lets the next job start', async () => {
    const models = createModelManager({ dataDir: temp(), bundledDir: BUNDLED });
    let fail = true;
    const runner = createJobRunner({ jobsDir: temp(), beatCacheDir: null, models, train: fakeTrain(() => (fail ? new TrainingError('no beats of class S') : result(null, 'cancelled'))) });
    const a = await runner.start(request);
    expect(await runner.cancel(a.id)).toMatchObject({ status: 'failed', error: { code: 'ml/training', message: 'no beats of class S' } });
    fail = false;
    const b = await runner.start(request);
    expect(await runner.cancel(b.id)).toMatchObject({ status: 'cancelled', modelId: null });
    expect(() => runner.get('job-none')).toThrow(/no training job/);
  });

  it('refuses a second job while one runs, and another annotator than the reference', async () => {
    const models = createModelManager({ dataDir: temp(), bundledDir: BUNDLED });
    const untilAborted = (_job: TrainingJob, options: WorkerRunOptions): Promise<TrainingResult> =>
      new Promise((done) => options.signal?.addEventListener('abort', () => done(result(null, 'cancelled'))));
    const runner = createJobRunner({ jobsDir: temp(), beatCacheDir: null, models, train: untilAborted });
    await expect(runner.start({ ...request, annotator: 'qrs' })).rejects.toThrow(/reference annotations/);
    const a = await runner.start(request);
    await expect(runner.start(request)).rejects.toThrow(`training job ${a.id} is still running`);
    expect(await runner.cancel(a.id)).toMatchObject({ status: 'cancelled' });
    await expect(runner.start(request)).resolves.toMatchObject({ status: 'running' });
    await runner.close();
  });
});
