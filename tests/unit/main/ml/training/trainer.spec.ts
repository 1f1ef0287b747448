import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../../../../src/main/ml/model-store';
import type { BatchEvent, TrainingEvent } from '../../../../../src/main/ml/training/progress';
import { trainingSettings, type TrainingSettings } from '../../../../../src/main/ml/training/settings';
import { trainModel } from '../../../../../src/main/ml/training/trainer';
import { cardContext, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

let dir: string;
const config = tinyConfig();
const train = syntheticBeats(200, config.windowLength, 1);
const validation = syntheticBeats(50, config.windowLength, 2);

beforeAll(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'ra-trainer-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function settings(overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  return trainingSettings({ epochs: 3, batchSize: 20, stepsPerEpoch: 2, learningRate: 3e-3, warmupEpochs: 0, patience: null, ...overrides });
}

/** Runs the trainer and collects its events. */
async function run(options: { outDir?: string | null; resume?: boolean; settings?: TrainingSettings; abortWhen?: (e: TrainingEvent) => boolean } = {}) {
  const events: TrainingEvent[] = [];
  const controller = new AbortController();
  const result = await trainModel({
    model: config, settings: options.settings ?? settings(), train, validation, context: cardContext(config),
    outDir: options.outDir ?? null, resume: options.resume, signal: controller.signal,
    onEvent: (e) => {
      events.push(e);
      if (options.abortWhen?.(e)) controller.abort();
    },
  });
  const losses = events.filter((e): e is BatchEvent => e.type === 'batch').map((e) => e.loss);
  return { result, events, losses };
}

// A few small runs on the pure-JavaScript cpu backend, sharing two cores with other work.
vi.setConfig({ testTimeout: 60_000 });

describe('trainModel', () => {
  it('gives the same losses for the same seed and other losses for another seed (cpu)', async () => {
    const a = await run({ settings: settings({ epochs: 1 }) });
    const b = await run({ settings: settings({ epochs: 1 }) });
    const c = await run({ settings: settings({ epochs: 1, seed: 7 }) });
    expect(a.losses).toHaveLength(2);
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('lowers the loss on separable synthetic beats, and validates each epoch', async () => {
    const { result } = await run({ settings: settings({ epochs: 3, stepsPerEpoch: 6, learningRate: 1e-2 }) });
    expect(result.status).toBe('completed');
    expect(result.history).toHaveLength(3);
    expect(result.history[2]!.trainLoss).toBeLessThan(result.history[0]!.trainLoss);
    expect(result.history[2]!.validation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(validation.count);
  });

  it('stops within one batch when cancelled, and the last checkpoint still loads', async () => {
    const outDir = join(dir, 'cancel');
    const { result, events } = await run({ outDir, abortWhen: (e) => e.type === 'batch' && e.epoch === 2 && e.batch === 1 });
    expect(result.status).toBe('cancelled');
    expect(result.epochsDone).toBe(1);
    const batches = events.filter((e): e is BatchEvent => e.type === 'batch');
    expect(batches.at(-1)).toMatchObject({ epoch: 2, batch: 1 });
    const checkpoint = await loadModel(join(outDir, 'checkpoint'));
    expect(checkpoint.card.training.epochs).toBe(1);
    checkpoint.model.dispose();
  });

  it('resumes from the checkpoint at the next epoch and continues exactly as an uninterrupted run', async () => {
    const straight = await run({ outDir: join(dir, 'straight') });
    const outDir = join(dir, 'resumed');
    const first = await run({ outDir, abortWhen: (e) => e.type === 'epoch' && e.epoch === 2 });
    expect(first.result).toMatchObject({ status: 'cancelled', epochsDone: 2 });
    const second = await run({ outDir, resume: true });
    expect(second.events[0]).toMatchObject({ type: 'start', startEpoch: 3 });
    expect(second.result).toMatchObject({ status: 'completed', epochsDone: 3 });
    expect(second.result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(second.losses).toEqual(straight.losses.slice(4));
  });

  it('refuses to resume a checkpoint written with other settings', async () => {
    const outDir = join(dir, 'other');
    await run({ outDir, settings: settings({ epochs: 1 }) });
    await expect(run({ outDir, resume: true, settings: settings({ epochs: 2, gamma: 0 }) })).rejects.toThrow(/other settings/);
  });

  it('stops early when the validation macro F1 stops rising', async () => {
    const { result } = await run({ settings: settings({ epochs: 5, learningRate: 1e-9, minLearningRate: 0, patience: 1 }) });
    expect(result).toMatchObject({ status: 'early-stopped', epochsDone: 2, bestEpoch: 1 });
  });

  it('emits start, then batches in order, then the epoch, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const { events } = await run({ settings: settings({ epochs: 2 }) });
    expect(tf.memory().numTensors).toBe(before);
    expect(events.map((e) => (e.type === 'batch' ? `${e.epoch}.${e.batch}` : e.type))).toEqual(['start', '1.1', '1.2', 'epoch', '2.1', '2.2', 'epoch']);
  });
});
