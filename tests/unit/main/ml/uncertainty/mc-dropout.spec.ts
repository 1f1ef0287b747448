import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyBeats, modelFeed } from '../../../../../src/main/ml/inference';
import type { ModelCard } from '../../../../../src/main/ml/model-card';
import { buildModel, type ModelConfig } from '../../../../../src/main/ml/models';
import { normaliseRr } from '../../../../../src/main/ml/training/rr-normalisation';
import { mcDropoutBeats, planMcGraph, summarisePasses, type McDropoutResult } from '../../../../../src/main/ml/uncertainty/mc-dropout';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

beforeAll(async () => {
  await useCpu();
});

/** tinyConfig with every dropout rate set to `rate`. */
function configWithDropout(rate: number): ModelConfig {
  const config = tinyConfig();
  return { ...config, hyper: { ...config.hyper, spatialDropout: rate, attentionDropout: rate, dropout: rate } };
}

/** A card for `config` with a temperature calibration. */
function calibratedCard(config: ModelConfig, temperature: number): ModelCard {
  const card = cardFor(config);
  return { ...card, calibration: { method: 'temperature', temperature, fittedOn: ['b'], beats: 1, validationEce: { before: 0.1, after: 0.05 }, date: new Date(0).toISOString() } };
}

/** Moving mean and variance of every batch-norm layer, as plain numbers. */
function movingStatistics(model: tfl.LayersModel): number[][] {
  return model.weights.filter((w) => /moving_(mean|variance)/.test(w.originalName)).map((w) => Array.from(w.read().dataSync()));
}

const emptyResult = (count: number, K: number): McDropoutResult => ({
  passes: 0, mean: new Float32Array(count * K), entropy: new Float32Array(count), mutualInformation: new Float32Array(count), spread: new Float32Array(count),
});

describe('mcDropoutBeats', () => {
  it('equals the plain calibrated prediction, with zero spread and mutual information, when every dropout rate is 0', () => {
    const config = configWithDropout(0);
    const model = buildModel(config, 5);
    const loaded = { dir: '', card: calibratedCard(config, 0.6), model };
    const beats = syntheticBeats(17, config.windowLength, 8);
    const plain = classifyBeats(loaded, beats);
    const mc = mcDropoutBeats(loaded, beats, { passes: 4, batchSize: 6 });
    Array.from(mc.mean).forEach((p, i) => expect(p).toBeCloseTo(plain.probabilities[i]!, 5));
    for (let i = 0; i < 17; i++) {
      const row = Array.from(plain.probabilities.subarray(i * 5, i * 5 + 5));
      expect(mc.entropy[i]).toBeCloseTo(-row.reduce((h, p) => h + (p > 0 ? p * Math.log(p) : 0), 0), 4);
      expect(mc.mutualInformation[i]).toBeCloseTo(0, 4);
      expect(mc.spread[i]).toBeCloseTo(0, 5);
    }
    model.dispose();
  });

  it('leaves the batch-norm moving statistics unchanged, which model.apply with training: true would not, and leaks no tensor', () => {
    const config = configWithDropout(0.5);
    const model = buildModel(config, 6);
    const loaded = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(12, config.windowLength, 9);
    const before = movingStatistics(model);
    expect(before.length).toBeGreaterThan(0);
    const tensors = tf.memory().numTensors;
    mcDropoutBeats(loaded, beats, { passes: 3 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(movingStatistics(model)).toEqual(before);
    // The naive way moves them: the reason for the walk.
    tf.tidy(() => {
      const beat = tf.tensor3d(beats.windows, [12, config.windowLength, 1]);
      const rr = tf.tensor2d(normaliseRr(beats.rr, loaded.card.input.rr!.normalisation), [12, config.rrFeatures.length]);
      model.apply(modelFeed(model, { beat, difference: null, rr }), { training: true });
    });
    expect(movingStatistics(model)).not.toEqual(before);
    model.dispose();
  });

  it('varies between passes with dropout on: some spread, rows of the mean summing to 1', () => {
    const config = configWithDropout(0.5);
    const model = buildModel(config, 7);
    const loaded = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(10, config.windowLength, 10);
    const mc = mcDropoutBeats(loaded, beats, { passes: 8 });
    expect(Math.max(...mc.spread)).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect(Array.from(mc.mean.subarray(i * 5, i * 5 + 5)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('refuses fewer than one pass', () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const beats = syntheticBeats(2, config.windowLength, 1);
    expect(() => mcDropoutBeats({ dir: '', card: cardFor(config), model }, beats, { passes: 0 })).toThrow(/passes/);
    model.dispose();
  });
});

describe('planMcGraph', () => {
  it('runs only the dropout layers in training mode and recomputes only what they feed', () => {
    const model = buildModel(configWithDropout(0.5), 3);
    const graph = planMcGraph(model);
    expect(graph.dropoutLayers).toEqual(['spatial_dropout', 'attention', 'head_dropout']);
    const stochastic = new Set(graph.steps.filter((s) => s.stochastic).map((s) => s.layer.name));
    for (const layer of model.layers) {
      if (layer.getClassName() === 'RaConvBatchNorm1D') expect(stochastic.has(layer.name)).toBe(false);
    }
    expect(stochastic.has('probabilities')).toBe(true);
    expect(stochastic.has('rr_dense')).toBe(false);
    model.dispose();
  });
});

describe('summarisePasses', () => {
  it('gives mean, entropy ln 2, mutual information ln 2 and spread 0.5 for two confident passes that disagree', () => {
    const into = emptyResult(1, 2);
    summarisePasses([Float32Array.of(1, 0), Float32Array.of(0, 1)], 2, into, 0);
    expect(Array.from(into.mean)).toEqual([0.5, 0.5]);
    expect(into.entropy[0]).toBeCloseTo(Math.log(2), 6);
    expect(into.mutualInformation[0]).toBeCloseTo(Math.log(2), 6);
    expect(into.spread[0]).toBeCloseTo(0.5, 6);
  });

  it('gives zero mutual information and spread for identical passes, writing at the offset given', () => {
    const into = emptyResult(2, 2);
    summarisePasses([Float32Array.of(0.25, 0.75), Float32Array.of(0.25, 0.75)], 2, into, 1);
    expect(Array.from(into.mean)).toEqual([0, 0, 0.25, 0.75]);
    expect(into.entropy[1]).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 6);
    expect(into.mutualInformation[1]).toBeCloseTo(0, 6);
    expect(into.spread[1]).toBe(0);
  });
});
