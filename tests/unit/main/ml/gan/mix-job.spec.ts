import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILTER, NO_FILTER } from '../../../../../src/main/datasets/filter-config';
import { buildGenerator, type GanConfig } from '../../../../../src/main/ml/gan/cgan-models';
import { addSyntheticBeats, type SyntheticSpec } from '../../../../../src/main/ml/gan/mix-job';
import { saveGenerator, type GanCard } from '../../../../../src/main/ml/gan/gan-store';
import { synthesiseBeats } from '../../../../../src/main/ml/gan/train-gan';
import { loadModel } from '../../../../../src/main/ml/model-store';
import { jobBeats, runTrainingJob, type TrainingJob } from '../../../../../src/main/ml/training/job';
import { trainingSettings } from '../../../../../src/main/ml/training/settings';
import { TrainingError } from '../../../../../src/main/ml/training/training-error';
import { centredWindow } from '../../../../../src/main/ml/training/presets';
import { cardContext, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

const model = tinyConfig(); // 64-sample windows, classes N S V F Q
const L = model.windowLength;
const CONFIG: GanConfig = { windowLength: L, classes: ['S', 'V', 'F'], latentDim: 8, filters: 4 };
let dir: string;

/** Saves a fresh generator trained (by its card) on `trainRecords`; returns its folder. */
async function ganFolder(name: string, trainRecords: string[], overrides: Partial<GanCard> = {}): Promise<string> {
  const folder = join(dir, name);
  const card: GanCard = {
    format: 'rhythm-attention-beat-gan', formatVersion: 1, config: CONFIG, window: centredWindow(L, L), filter: DEFAULT_FILTER,
    trainRecords, beats: [5, 5, 5], steps: 3, batchSize: 4, finalLosses: null, date: new Date().toISOString(), seed: 11, ...overrides,
  };
  await saveGenerator(folder, buildGenerator(CONFIG, 8), card);
  return folder;
}

/** A job on given beats (records 'a' train, 'b' validation, as cardContext says) with `synthetic`. */
function job(outDir: string, synthetic?: SyntheticSpec): TrainingJob {
  const context = cardContext(model);
  return {
    name: 'synthetic-test', model,
    settings: trainingSettings({ epochs: 1, batchSize: 10, stepsPerEpoch: 2, patience: null }),
    data: {
      dataDir: '(synthetic)', cacheDir: null, trainRecords: context.trainRecords, validationRecords: context.validationRecords,
      split: 'synthetic', window: context.window, filter: context.filter, rr: {}, maxBeatsPerRecord: null,
      ...(synthetic === undefined ? {} : { synthetic }),
    },
    outDir, resume: false, backend: 'cpu',
    beats: { train: syntheticBeats(40, L, 1), validation: syntheticBeats(20, L, 2) },
  };
}

const countOf = (classes: Int8Array, c: number): number => classes.filter((k) => k === c).length;

beforeAll(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'ra-mix-job-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

vi.setConfig({ testTimeout: 60_000 });

describe('jobBeats', () => {
  it('appends exactly the asked synthetic beats, labelled, to the training beats and leaves validation as it was', async () => {
    const gan = await ganFolder('gan-ok', ['a']);
    const plain = job(join(dir, 'unused'));
    const mixed = await jobBeats(job(join(dir, 'unused'), { ganDir: gan, counts: { S: 3, F: 2 }, seed: 4 }));
    const before = plain.beats!.train;
    expect(mixed.train.count).toBe(before.count + 5);
    expect(mixed.train.windows.subarray(0, before.count * L)).toEqual(before.windows);
    expect(Array.from(mixed.train.classes.subarray(before.count))).toEqual([1, 1, 1, 3, 3]);
    expect(countOf(mixed.train.classes, 1)).toBe(countOf(before.classes, 1) + 3);
    expect(countOf(mixed.train.classes, 2)).toBe(countOf(before.classes, 2));
    // The appended windows are the generator's beats for that class and seed.
    const generated = synthesiseBeats(buildGenerator(CONFIG, 8), CONFIG, 0, 3, 4 + 0 + 1);
    expect(mixed.train.windows.subarray(before.count * L, (before.count + 3) * L)).toEqual(generated);
    expect(mixed.validation).toEqual(plain.beats!.validation);
    expect(mixed.synthetic).toEqual({ generator: 'gan-ok', counts: { S: 3, F: 2 }, seed: 4, ganTrainRecords: ['a'], ganSteps: 3, ganSeed: 11 });
  });

  it('adds nothing and reports no synthetic beats when the job asks for none', async () => {
    const plain = job(join(dir, 'unused'));
    const beats = await jobBeats(plain);
    expect(beats.train.count).toBe(plain.beats!.train.count);
    expect(beats.synthetic).toBeNull();
  });
});

describe('addSyntheticBeats', () => {
  it('refuses a GAN that learnt from a validation or DS2 record, cuts other beats, or cannot make a class', async () => {
    const target = { classes: model.classes, window: centredWindow(L, L), filter: DEFAULT_FILTER, validationRecords: ['b'] };
    const train = syntheticBeats(20, L, 3);
    const spec = (ganDir: string, counts: Record<string, number> = { S: 1 }): SyntheticSpec => ({ ganDir, counts, seed: 1 });
    await expect(addSyntheticBeats(train, spec(await ganFolder('gan-val', ['a', 'b'])), target)).rejects.toThrow(/records b/);
    await expect(addSyntheticBeats(train, spec(await ganFolder('gan-ds2', ['100'])), target)).rejects.toThrow(/records 100/);
    await expect(addSyntheticBeats(train, spec(await ganFolder('gan-filter', ['a'], { filter: NO_FILTER })), target)).rejects.toThrow(TrainingError);
    await expect(addSyntheticBeats(train, spec(await ganFolder('gan-window', ['a'], { window: { ...centredWindow(L, L), rateHz: 128 } })), target)).rejects.toThrow(/window/);
    const ok = await ganFolder('gan-q', ['a']);
    await expect(addSyntheticBeats(train, spec(ok, { Q: 2 }), target)).rejects.toThrow(TrainingError);
    await expect(addSyntheticBeats(train, spec(ok, { S: 1.5 }), target)).rejects.toThrow(/whole number/);
  });
});

describe('runTrainingJob', () => {
  it('trains on the mixed beats and records the synthetic beats in the card, validation counts unchanged', async () => {
    const gan = await ganFolder('gan-run', ['a']);
    const outDir = join(dir, 'run');
    const base = job(outDir, { ganDir: gan, counts: { F: 6 }, seed: 2 });
    const result = await runTrainingJob(base);
    expect(result.status).toBe('completed');
    const saved = await loadModel(result.bestDir!);
    const train = base.beats!.train;
    expect(saved.card.training.beats.train[3]).toBe(countOf(train.classes, 3) + 6);
    expect(saved.card.training.beats.validation).toEqual([0, 1, 2, 3, 4].map((c) => countOf(base.beats!.validation.classes, c)));
    expect(saved.card.training.hyperParameters['synthetic']).toMatchObject({ generator: 'gan-run', counts: { F: 6 } });
    saved.model.dispose();
  });
});
