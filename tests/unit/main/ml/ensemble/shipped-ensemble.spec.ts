import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyBeats, feedTensors, modelFeed, modelInputs } from '../../../../../src/main/ml/inference';
import { ensembleOf } from '../../../../../src/main/ml/ensemble/ensemble-card';
import { top2Weighted } from '../../../../../src/main/ml/ensemble/top2-rule';
import { loadModel } from '../../../../../src/main/ml/model-store';
import { createModelManager } from '../../../../../src/main/research/model-manager';
import { useTempDir } from '../../../../support/temp-dir';
import { syntheticBeats, useCpu } from '../ml-fixtures';

const ROOT = resolve(__dirname, '../../../../..');
/** The seed-003 ensemble shipped in the repository (models/SEED-003.md). */
const SHIPPED = resolve(ROOT, 'models/seed-003-ensemble');
const DEFAULT = resolve(ROOT, 'models/rhythm-attention-default');
const temp = useTempDir('ra-seed3-');

async function folderBytes(dir: string): Promise<number> {
  const sizes = await Promise.all((await readdir(dir)).map(async (n) => (await stat(join(dir, n))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

beforeAll(async () => {
  await useCpu();
});

describe('models/seed-003-ensemble', { timeout: 60_000 }, () => {
  it('loads as one small model whose card names its members, their weights and the DS1 validation choice', async () => {
    const loaded = await loadModel(SHIPPED);
    try {
      const description = ensembleOf(loaded.card);
      expect(loaded.card.model.architecture).toBe('top2-ensemble');
      expect(description?.members.map((m) => m.architecture)).toEqual(['rhythm-attention', 'cnn-bigru-attention']);
      expect(description!.members.reduce((sum, m) => sum + m.weight, 0)).toBeCloseTo(1, 9);
      expect(description?.selection.records).toEqual(['118', '124', '205', '223']);
      expect(loaded.model.countParams()).toBe(loaded.card.parameters);
      expect(await folderBytes(SHIPPED)).toBeLessThan(1_000_000);
    } finally {
      loaded.model.dispose();
    }
  });

  it('combines its members\' own outputs by the Top2 rule with the card\'s weights', async () => {
    const ensemble = await loadModel(SHIPPED);
    try {
      const n = 12;
      const beats = syntheticBeats(n, ensemble.card.model.windowLength, 5);
      const inputs = modelInputs(ensemble, beats);
      const net = ensemble.model;
      const inner = tfl.model({ inputs: net.inputs, outputs: ['m0_probabilities', 'm1_probabilities'].map((name) => net.getLayer(name).output as tfl.SymbolicTensor) });
      const members = tf.tidy(() => {
        return (inner.predict(modelFeed(net, feedTensors(inputs, 0, n))) as tf.Tensor[]).map((t) => Float32Array.from(t.dataSync()));
      });
      const weights = ensembleOf(ensemble.card)!.members.map((m) => m.weight);
      const expected = top2Weighted(members, weights, ensemble.card.model.classes.length);
      const got = classifyBeats(ensemble, beats, { calibrated: false }).probabilities;
      expected.forEach((p, i) => expect(got[i]).toBeCloseTo(p, 5));
    } finally {
      ensemble.model.dispose();
    }
  });

  it('is imported, listed and activated by the model manager like any model', async () => {
    const manager = createModelManager({ dataDir: temp(), bundledDir: DEFAULT });
    const imported = await manager.importFrom(SHIPPED);
    expect(imported).toMatchObject({ id: 'seed-003-ensemble', architecture: 'top2-ensemble', bundled: false, sizeBytes: await folderBytes(SHIPPED) });
    expect(imported.validation?.macroF1).toBeGreaterThan(0);
    const listed = await manager.activate(imported.id);
    expect(listed.find((m) => m.active)?.id).toBe('seed-003-ensemble');
    expect(manager.activeDir()).toBe(join(manager.modelsDir, 'seed-003-ensemble'));
  });
});
