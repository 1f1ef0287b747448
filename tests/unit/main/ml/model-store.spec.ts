import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError, type ModelCard } from '../../../../src/main/ml/model-card';
import { loadModel, readModelCard, saveModel, writeFolderAtomically } from '../../../../src/main/ml/model-store';
import { buildModel } from '../../../../src/main/ml/models';
import { classifyBeats } from '../../../../src/main/ml/inference';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from './ml-fixtures';

let dir: string;

beforeAll(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'ra-model-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Saves a fresh tiny model into `name` and returns its folder. */
async function savedModel(name: string, rr = true): Promise<string> {
  const config = tinyConfig(rr);
  const model = buildModel(config, 3);
  const folder = join(dir, name);
  await saveModel(folder, model, cardFor(config));
  model.dispose();
  return folder;
}

async function editJson<T>(path: string, edit: (json: T) => void): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as T;
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

async function refusal(promise: Promise<unknown>): Promise<ModelLoadError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelLoadError);
  expect((error as ModelLoadError).code).toBe('ml/model-load');
  return error as ModelLoadError;
}

describe('saveModel / loadModel', () => {
  it('round-trips: the loaded model gives the same probabilities as the saved one', async () => {
    const config = tinyConfig();
    const model = buildModel(config, 5);
    const card = cardFor(config);
    const folder = join(dir, 'round-trip');
    await saveModel(folder, model, card);
    expect((await readdir(folder)).sort()).toEqual(['model-card.json', 'model.json', 'weights.bin']);
    const beats = syntheticBeats(40, config.windowLength, 1);
    const before = classifyBeats({ dir: folder, card, model }, beats);
    const loaded = await loadModel(folder, { windowLength: 64, classes: ['N', 'S', 'V', 'F', 'Q'] });
    const after = classifyBeats(loaded, beats);
    expect(Array.from(after.probabilities)).toEqual(Array.from(before.probabilities));
    expect(loaded.card).toEqual(card);
    model.dispose();
    loaded.model.dispose();
  });

  it('replaces an existing model folder whole and leaves no temporary folder', async () => {
    const folder = await savedModel('replace');
    await savedModel('replace', false);
    expect((await readModelCard(folder)).model.rrFeatures).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });

  it('refuses a model whose window length is not the one the caller asks for', async () => {
    const folder = await savedModel('length');
    const error = await refusal(loadModel(folder, { windowLength: 360 }));
    expect(error.message).toMatch(/needs window length 360 samples but the model has 64 samples/);
  });

  it('refuses other classes or another architecture than asked', async () => {
    const folder = await savedModel('classes');
    await refusal(loadModel(folder, { classes: ['N', 'S', 'V'] }));
    await refusal(loadModel(folder, { architecture: 'cnn-bigru-attention' }));
  });

  it('refuses a folder without weights.bin, and a truncated weights.bin', async () => {
    const folder = await savedModel('weights');
    const bytes = await readFile(join(folder, 'weights.bin'));
    await writeFile(join(folder, 'weights.bin'), bytes.subarray(0, bytes.length - 8));
    expect((await refusal(loadModel(folder))).message).toMatch(/weights\.bin: holds \d+ bytes but the manifest/);
    await rm(join(folder, 'weights.bin'));
    expect((await refusal(loadModel(folder))).message).toMatch(/missing weights\.bin/);
  });

  it('refuses a tampered card: invalid fields, an unknown architecture, a window the network does not read', async () => {
    const folder = await savedModel('tampered');
    const card = join(folder, 'model-card.json');
    const original = await readFile(card, 'utf8');
    await editJson<ModelCard>(card, (j) => void ((j.input.window as { length: unknown }).length = 'long'));
    expect((await refusal(loadModel(folder))).message).toMatch(/not a valid model card: input\.window\.length/);
    await writeFile(card, original);
    await editJson<ModelCard>(card, (j) => void ((j.model as { architecture: string }).architecture = 'lstm'));
    expect((await refusal(loadModel(folder))).message).toMatch(/unknown architecture 'lstm'/);
    await writeFile(card, original);
    await editJson<ModelCard>(card, (j) => {
      j.model.windowLength = 256;
      j.input.window.length = 256;
    });
    expect((await refusal(loadModel(folder))).message).toMatch(/reads 64-sample beats but its card says 256/);
    await writeFile(card, original);
    await editJson<ModelCard>(card, (j) => void (j.input.window.length = 100));
    expect((await refusal(loadModel(folder))).message).toMatch(/does not match the model's 64/);
    await writeFile(card, original);
    await editJson<ModelCard>(card, (j) => {
      j.model.classes = ['N', 'S', 'V', 'F'];
    });
    expect((await refusal(loadModel(folder))).message).toMatch(/outputs 5 classes but its card lists 4/);
  });

  it('round-trips a model that reads neighbour differences, and refuses a card that hides them or beats without them', async () => {
    const config = { ...tinyConfig(), neighbourDifference: true };
    const model = buildModel(config, 4);
    const folder = join(dir, 'difference');
    await saveModel(folder, model, cardFor(config));
    const beats = syntheticBeats(6, config.windowLength, 2);
    const withDifferences = { ...beats, differences: beats.windows.map((v) => -v) };
    const before = classifyBeats({ dir: folder, card: cardFor(config), model }, withDifferences);
    const loaded = await loadModel(folder);
    expect(Array.from(classifyBeats(loaded, withDifferences).probabilities)).toEqual(Array.from(before.probabilities));
    expect(() => classifyBeats(loaded, beats)).toThrow(/difference from its neighbours; none were given/);
    model.dispose();
    const card = join(folder, 'model-card.json');
    const original = await readFile(card, 'utf8');
    await editJson<ModelCard>(card, (j) => void delete j.input.window.difference);
    expect((await refusal(loadModel(folder))).message).toMatch(/reads neighbour differences but its input window does not say/);
    await writeFile(card, original);
    await editJson<ModelCard>(card, (j) => {
      delete j.input.window.difference;
      delete j.model.neighbourDifference;
    });
    expect((await refusal(loadModel(folder))).message).toMatch(/card says it does not read neighbour differences/);
  });

  it('refuses weights whose shapes do not match the topology', async () => {
    const folder = await savedModel('shapes');
    await editJson<{ weightsManifest: { weights: { shape: number[] }[] }[] }>(join(folder, 'model.json'), (j) => {
      const first = j.weightsManifest[0]!.weights[0]!;
      // Same byte count, another shape: all values in one axis.
      first.shape = [first.shape.reduce((x, y) => x * y, 1)];
    });
    expect((await refusal(loadModel(folder))).message).toMatch(/tfjs cannot build the model/);
  });

  it('refuses a folder that does not exist, naming the card file', async () => {
    expect((await refusal(loadModel(join(dir, 'nothing-here')))).message).toMatch(/model-card\.json: missing model-card\.json/);
  });

  it('leaves no tensor behind after a refusal', async () => {
    const folder = await savedModel('leak');
    await editJson<ModelCard>(join(folder, 'model-card.json'), (j) => void (j.model.classes = ['N', 'S']));
    const before = tf.memory().numTensors;
    await refusal(loadModel(folder));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('writeFolderAtomically', () => {
  it('writes every file into a new folder', async () => {
    const folder = join(dir, 'atomic', 'nested');
    await writeFolderAtomically(folder, { 'a.txt': 'hello', 'b.bin': new Uint8Array([1, 2]) });
    expect(await readFile(join(folder, 'a.txt'), 'utf8')).toBe('hello');
    expect(Array.from(await readFile(join(folder, 'b.bin')))).toEqual([1, 2]);
  });
});
