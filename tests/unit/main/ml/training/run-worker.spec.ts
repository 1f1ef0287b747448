import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainingJob } from '../../../../../src/main/ml/training/job';
import type { BatchEvent, TrainingEvent } from '../../../../../src/main/ml/training/progress';
import { evaluateInWorker, trainInWorker } from '../../../../../src/main/ml/training/run-worker';
import { trainingSettings } from '../../../../../src/main/ml/training/settings';
import { cardContext, syntheticBeats, tinyConfig } from '../ml-fixtures';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ra-worker-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each test starts a worker thread that loads TypeScript through tsx and tfjs: seconds.
vi.setConfig({ testTimeout: 90_000 });

function job(outDir: string, epochs: number): TrainingJob {
  const model = tinyConfig();
  const context = cardContext(model);
  return {
    name: 'worker-test',
    model,
    settings: trainingSettings({ epochs, batchSize: 10, stepsPerEpoch: 3, patience: null }),
    data: {
      dataDir: '(synthetic)', cacheDir: null, trainRecords: context.trainRecords, validationRecords: context.validationRecords,
      split: 'synthetic', window: context.window, filter: context.filter, rr: {}, maxBeatsPerRecord: null,
    },
    outDir,
    resume: false,
    backend: 'cpu',
    beats: { train: syntheticBeats(60, model.windowLength, 1), validation: syntheticBeats(20, model.windowLength, 2) },
  };
}

describe('trainInWorker', () => {
  it('streams start, every batch in order, epochs and checkpoints, then resolves with the result', async () => {
    const events: TrainingEvent[] = [];
    const result = await trainInWorker(job(join(dir, 'run'), 2), { onEvent: (e) => events.push(e) });
    expect(result).toMatchObject({ status: 'completed', epochsDone: 2, backend: 'cpu' });
    expect(events.map((e) => (e.type === 'batch' ? `${e.epoch}.${e.batch}` : e.type === 'checkpoint' ? e.kind : e.type))).toEqual([
      'start', '1.1', '1.2', '1.3', 'best', 'checkpoint', 'epoch', '2.1', '2.2', '2.3', ...(result.bestEpoch === 2 ? ['best'] : []), 'checkpoint', 'epoch',
    ]);
  });

  it('stops within one batch of a cancel and resolves as cancelled', async () => {
    const controller = new AbortController();
    const batches: BatchEvent[] = [];
    const result = await trainInWorker(job(join(dir, 'cancel'), 5), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'batch') return;
        batches.push(e);
        if (e.epoch === 2 && e.batch === 1) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.epochsDone).toBe(1);
    expect(batches.filter((b) => b.epoch === 2).length).toBeLessThanOrEqual(2);
  });

  it('rejects with the worker\'s typed error', async () => {
    const bad = job(join(dir, 'bad'), 1);
    bad.data.validationRecords = ['100']; // a DS2 record: refused before any training
    await expect(trainInWorker(bad)).rejects.toMatchObject({ code: 'ml/training', message: expect.stringMatching(/DS2/) });
  });
});

describe('evaluateInWorker', () => {
  it('resolves to a failed outcome naming the model when its folder cannot be loaded', async () => {
    const missing = join(dir, 'no-model');
    const outcomes = await evaluateInWorker({ models: [{ id: 'gone', name: 'Gone', dir: missing }], dataDir: dir, records: ['100'], cacheDir: null, backend: 'cpu' });
    expect(outcomes).toEqual([{ ok: false, error: expect.objectContaining({ code: 'ml/model-load', message: expect.stringMatching(/^model "gone": .*no-model/) }) }]);
  });

  it('resolves to null when cancelled', async () => {
    const controller = new AbortController();
    const run = evaluateInWorker({ models: [], dataDir: dir, records: ['100'], cacheDir: null, backend: 'cpu' }, { signal: controller.signal });
    controller.abort();
    await expect(run).resolves.toBeNull();
  });
});
