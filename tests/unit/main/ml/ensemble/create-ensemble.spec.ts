import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnsemble } from '../../../../../src/main/ml/ensemble/create-ensemble';
import { ensembleOf } from '../../../../../src/main/ml/ensemble/ensemble-card';
import { top2Weighted } from '../../../../../src/main/ml/ensemble/top2-rule';
import { explainBeats } from '../../../../../src/main/ml/explain';
import { beatsBetween, classifyBeats } from '../../../../../src/main/ml/inference';
import { loadModel, saveModel } from '../../../../../src/main/ml/model-store';
import { buildModel, defaultModelConfig, ModelConfigError, type ModelConfig } from '../../../../../src/main/ml/models';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

let dir: string;
const beats = syntheticBeats(40, 64, 5);

/** A tiny CNN-LSTM-Attention reading other RR features than tinyConfig's. */
function tinyLstm(windowLength = 64): ModelConfig {
  return defaultModelConfig('cnn-lstm-attention', {
    windowLength, windowRateHz: windowLength, rrFeatures: ['nextRrSec', 'prevRrSec'],
    hyper: { filters1: 4, filters2: 4, filters3: 8, lstmUnits: 4, denseUnits: 8, rrUnits: 4 },
  });
}

async function saved(name: string, config: ModelConfig, seed: number): Promise<string> {
  const model = buildModel(config, seed);
  const folder = join(dir, name);
  await saveModel(folder, model, { ...cardFor(config, beats), name }); // RR statistics of the beats: not the identity
  model.dispose();
  return folder;
}

beforeAll(async () => {
  await useCpu();
  dir = await mkdtemp(join(tmpdir(), 'ra-ensemble-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createEnsemble', { timeout: 120_000 }, () => {
  it('saves a 2-member ensemble that loads and predicts as the rule says on its members', async () => {
    const members = [await saved('ra', tinyConfig(), 1), await saved('lstm', tinyLstm(), 2)];
    const out = join(dir, 'ensemble');
    const created = await createEnsemble({ memberDirs: members, outDir: out, name: 'two', dataDir: 'unused', beats, weights: [0.7, 0.3] });
    expect(created.weights[0]).toBeCloseTo(0.7, 10);
    expect((await readdir(out)).sort()).toEqual(['model-card.json', 'model.json', 'weights.bin']);

    const ensemble = await loadModel(out);
    expect(ensemble.card.model.architecture).toBe('top2-ensemble');
    // The union of the members' features (prevRrSec, prevOverLocal; nextRrSec, prevRrSec) in RR_FEATURE_NAMES order.
    expect(ensemble.card.model.rrFeatures).toEqual(['prevRrSec', 'nextRrSec', 'prevOverLocal']);
    const description = ensembleOf(ensemble.card);
    expect(description?.members.map((m) => [m.source, m.weight])).toEqual([['ra', 0.7], ['lstm', 0.3]]);
    expect(description?.attentionFrom).toBe('m0_');

    const first10 = beatsBetween(beats, 64, 0, 10);
    const memberProbabilities = await Promise.all(members.map(async (m) => {
      const loaded = await loadModel(m);
      return classifyBeats(loaded, first10, { calibrated: false }).probabilities;
    }));
    const expected = top2Weighted(memberProbabilities, [0.7, 0.3], 5);
    const got = classifyBeats(ensemble, first10, { attention: true });
    for (let i = 0; i < expected.length; i++) expect(got.probabilities[i]).toBeCloseTo(expected[i]!, 5);
    // The heatmap is the heaviest member's attention, over the input window.
    expect(got.attention).toHaveLength(10 * 64);
    expect(got.attention!.subarray(0, 64).reduce((a, b) => a + b)).toBeCloseTo(1, 4);
    // Grad-CAM differentiates the ensemble's output at the heaviest member's last convolution.
    const explained = explainBeats(ensemble, first10);
    expect(explained.layer).toBe('m0_block3_relu');
    expect(Array.from(explained.classes)).toEqual(Array.from(got.classes));
    expect(explained.maps.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });

  it('chooses the weights on the validation beats and records how in the card', async () => {
    const members = [await saved('ra2', tinyConfig(), 3), await saved('lstm2', tinyLstm(), 4)];
    const created = await createEnsemble({ memberDirs: members, outDir: join(dir, 'chosen'), name: 'chosen', dataDir: 'unused', beats, steps: 4 });
    const selection = ensembleOf(created.card)?.selection;
    expect(selection?.method).toBe('grid');
    expect(selection?.candidates).toBe(5);
    expect(selection?.beats).toBe(40);
    expect(created.weights.reduce((a, b) => a + b)).toBeCloseTo(1, 10);
    expect(created.card.metrics.validation?.metrics.macroF1).toBe(selection?.macroF1);
    // Zero-weight candidates are left out of the network and named in the card by folder name.
    expect(selection?.leftOut).toEqual(members.filter((_, i) => created.weights[i] === 0).map((m) => basename(m)));
  });

  it('feeds the neighbour differences to members that read them, and says so in its card', async () => {
    const config: ModelConfig = { ...tinyConfig(), neighbourDifference: true };
    const members = [await saved('diff1', config, 7), await saved('diff2', config, 8)];
    const out = join(dir, 'with-differences');
    // Constructed differences (a scaled copy of the windows): the test follows them through the network.
    const withDifferences = { ...beats, differences: beats.windows.map((v) => 0.5 * v - 0.1) };
    await createEnsemble({ memberDirs: members, outDir: out, name: 'diff', dataDir: 'unused', beats: withDifferences, weights: [1, 1] });
    const ensemble = await loadModel(out);
    expect(ensemble.card.model.neighbourDifference).toBe(true);
    expect(ensemble.model.inputNames).toEqual(['beat', 'difference', 'rr']);
    const first10 = beatsBetween(withDifferences, 64, 0, 10);
    const memberProbabilities = await Promise.all(members.map(async (m) => classifyBeats(await loadModel(m), first10, { calibrated: false }).probabilities));
    const expected = top2Weighted(memberProbabilities, [1, 1], 5);
    const got = classifyBeats(ensemble, first10).probabilities;
    for (let i = 0; i < expected.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
    // Without the differences the ensemble refuses, as its members do.
    expect(() => classifyBeats(ensemble, { ...first10, differences: null })).toThrow(/difference/);
  });

  it('refuses members that read different windows, and DS2 validation records', async () => {
    const members = [await saved('ra3', tinyConfig(), 5), await saved('lstm96', tinyLstm(96), 6)];
    await expect(createEnsemble({ memberDirs: members, outDir: join(dir, 'bad'), name: 'bad', dataDir: 'unused', beats, weights: [1, 1] })).rejects.toThrow(ModelConfigError);
    await expect(createEnsemble({ memberDirs: members, outDir: join(dir, 'bad'), name: 'bad', dataDir: 'unused', validationRecords: ['100'] })).rejects.toThrow(/DS2/);
  });
});
