/**
 * Bad input for the model loader: every damaged model folder ends in a ModelLoadError that
 * names the file and the problem, or loads a model that still classifies (a mutation that
 * changed nothing that matters) — never another exception, a hang, or a NaN probability.
 */
import { cp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../../../../../src/main/ml/model-card';
import { MODEL_FILE_LIMITS } from '../../../../../src/main/ml/model-file-checks';
import { loadModel, saveModel } from '../../../../../src/main/ml/model-store';
import { buildModel } from '../../../../../src/main/ml/models';
import { useTempDir } from '../../../../support/temp-dir';
import { mutate, mutation } from '../../../../support/mutations';
import { cardFor, tinyConfig, useCpu } from '../ml-fixtures';

const tempDir = useTempDir('ra-model-fuzz-', 'suite');
let good = '';

beforeAll(async () => {
  await useCpu();
  const config = tinyConfig(true);
  const model = buildModel(config, 3);
  good = join(tempDir(), 'good');
  await saveModel(good, model, cardFor(config));
  model.dispose();
});

let copies = 0;
async function copyOfGood(): Promise<string> {
  const folder = join(tempDir(), `copy-${copies++}`);
  await cp(good, folder, { recursive: true });
  return folder;
}

/** Loads `folder`: resolves to 'loaded' (the model disposed) or the ModelLoadError; anything else fails the test. */
async function outcome(folder: string): Promise<'loaded' | ModelLoadError> {
  try {
    const loaded = await loadModel(folder);
    loaded.model.dispose();
    return 'loaded';
  } catch (error) {
    if (!(error instanceof ModelLoadError)) throw error;
    expect(error.message.startsWith(folder)).toBe(true);
    return error;
  }
}

async function refusal(folder: string): Promise<string> {
  const result = await outcome(folder);
  expect(result).toBeInstanceOf(ModelLoadError);
  return (result as ModelLoadError).message;
}

async function editJson(path: string, edit: (json: Record<string, unknown>) => unknown): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify(edit(json)));
}

describe('loadModel on a damaged weights.bin', () => {
  it('refuses weights.bin longer than its manifest, naming both sizes', async () => {
    const folder = await copyOfGood();
    await writeFile(join(folder, 'weights.bin'), Buffer.concat([await readFile(join(folder, 'weights.bin')), Buffer.alloc(4)]));
    expect(await refusal(folder)).toMatch(/weights\.bin: holds (\d+) bytes but the manifest in model\.json describes \d+/);
  });

  it('refuses a NaN or an infinite weight, naming the weight and where it is', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const folder = await copyOfGood();
      const bytes = await readFile(join(folder, 'weights.bin'));
      bytes.writeFloatLE(bad, 8);
      await writeFile(join(folder, 'weights.bin'), bytes);
      expect(await refusal(folder)).toMatch(new RegExp(`weights\\.bin: weight \\S+ holds ${bad} at index 2: the weights are damaged`));
    }
  });

  it('refuses a huge weights.bin by its size, without reading it', async () => {
    const folder = await copyOfGood();
    const handle = await open(join(folder, 'weights.bin'), 'r+');
    await handle.truncate(MODEL_FILE_LIMITS.weights + 1); // sparse: no disk, no memory
    await handle.close();
    expect(await refusal(folder)).toMatch(/weights\.bin: holds 536870913 bytes but the manifest/);
  });
});

describe('loadModel on a damaged model.json', () => {
  it('refuses JSON that is not a layers model or whose manifest is not valid', async () => {
    const cases: [(json: Record<string, unknown>) => unknown, RegExp][] = [
      [() => null, /model\.json: not a tfjs layers model: \(root\)/],
      [() => [], /not a tfjs layers model/],
      [(j) => ({ ...j, weightsManifest: 7 }), /its weights manifest is not valid: weightsManifest/],
      [(j) => ({ ...j, weightsManifest: [{ weights: [{ name: 'w', shape: [-1], dtype: 'float32' }] }] }), /weightsManifest\.0\.weights\.0\.shape\.0/],
      [(j) => ({ ...j, weightsManifest: [{ weights: [{ name: 'w', shape: [2], dtype: 'string' }] }] }), /weightsManifest\.0\.weights\.0\.dtype/],
      [(j) => ({ ...j, modelTopology: 'a string' }), /not a tfjs layers model: modelTopology/],
    ];
    for (const [edit, message] of cases) {
      const folder = await copyOfGood();
      await editJson(join(folder, 'model.json'), edit);
      expect(await refusal(folder)).toMatch(message);
    }
  });

  it('refuses a topology number too large to allocate before tfjs builds anything', async () => {
    const folder = await copyOfGood();
    const path = join(folder, 'model.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/"units":\s*(\d+)/, '"units":999999999'));
    expect(await refusal(folder)).toMatch(/model\.json: modelTopology\..*units: 999999999 is not a plausible size/);
  });

  it('refuses a topology nested too deep, and a model.json past its size limit', async () => {
    const folder = await copyOfGood();
    await editJson(join(folder, 'model.json'), (j) => ({ ...j, modelTopology: { deep: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) } }));
    expect(await refusal(folder)).toMatch(/nested deeper than 64 levels/);
    const handle = await open(join(folder, 'model.json'), 'r+');
    await handle.truncate(MODEL_FILE_LIMITS.topology + 1);
    await handle.close();
    expect(await refusal(folder)).toMatch(/model\.json: model\.json is 16777217 bytes, more than the 16777216/);
  });

  it('refuses a weights.bin of the right size whose shifted values make the network compute NaN (a case fuzzing found)', async () => {
    const folder = await copyOfGood();
    const path = join(folder, 'weights.bin');
    await writeFile(path, mutate(await readFile(path), [{ kind: 'delete', at: 0, length: 61 }, { kind: 'repeat', at: 0, length: 61 }]));
    expect(await refusal(folder)).toMatch(/weights\.bin: the weights make the network compute non-finite values/);
  });

  it('refuses a missing model.json or a folder in its place', async () => {
    const folder = await copyOfGood();
    await rm(join(folder, 'model.json'));
    expect(await refusal(folder)).toMatch(/missing model\.json/);
    await cp(good, join(folder, 'model.json'), { recursive: true });
    expect(await refusal(folder)).toMatch(/model\.json is not a file/);
  });
});

describe('loadModel on randomly damaged files (fast-check)', () => {
  for (const file of ['model.json', 'model-card.json', 'weights.bin']) {
    it(`gives a ModelLoadError or a working model for any damage to ${file}`, { timeout: 120_000 }, async () => {
      const original = await readFile(join(good, file));
      const folder = await copyOfGood();
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          await writeFile(join(folder, file), mutate(original, mutations));
          const result = await outcome(folder).catch((error: unknown) => error);
          if (result instanceof ModelLoadError) return;
          expect(result).toBe('loaded');
          // A model that loads still gives probabilities: no NaN slipped through.
          const { model } = await loadModel(folder);
          const inputs = model.inputs.map((i) => tf.ones([1, ...i.shape.slice(1).map((d) => d ?? 1)]));
          const out = model.predict(inputs) as tf.Tensor;
          const values = await out.data();
          tf.dispose([out, ...inputs]);
          model.dispose();
          expect(Array.from(values).every(Number.isFinite)).toBe(true);
        }),
        { numRuns: 15 },
      );
    });
  }
});
