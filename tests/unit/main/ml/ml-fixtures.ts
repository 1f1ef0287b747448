/**
 * Test helpers for the training engine: a small RhythmAttention config that builds and runs
 * fast on the cpu backend, a model card for it, and synthetic beats whose class shows in
 * the window (so that a few training steps can learn something).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_FILTER } from '../../../../src/main/datasets/filter-config';
import { defaultModelConfig, type ModelConfig } from '../../../../src/main/ml/models';
import type { ModelCard } from '../../../../src/main/ml/model-card';
import { trainingCard, type CardContext } from '../../../../src/main/ml/training/card';
import type { BeatArrays } from '../../../../src/main/ml/training/data';
import { createPrng } from '../../../../src/main/ml/training/prng';
import { centredWindow } from '../../../../src/main/ml/training/presets';
import { fitRrNormalisation } from '../../../../src/main/ml/training/rr-normalisation';
import { trainingSettings } from '../../../../src/main/ml/training/settings';
import { RR_FEATURE_COUNT, RR_FEATURE_NAMES } from '../../../../src/main/signal/rr-features';

/** Selects the cpu backend, without its tfjs-node advertisement. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  Object.assign(tf.backend(), { firstUse: false });
}

/** RhythmAttention shrunk to a few thousand weights: 64-sample windows, 2 RR features. */
export function tinyConfig(rr = true): ModelConfig {
  return defaultModelConfig('rhythm-attention', {
    windowLength: 64,
    windowRateHz: 64,
    rrFeatures: rr ? ['prevRrSec', 'prevOverLocal'] : [],
    hyper: { filters1: 4, filters2: 4, filters3: 8, heads: 2, keyDim: 4, denseUnits: 8, rrUnits: 4 },
  });
}

/** The card context of a test run. */
export function cardContext(config: ModelConfig): CardContext {
  return {
    name: 'test-model', version: '1', dataset: 'synthetic',
    window: { ...centredWindow(config.windowLength, config.windowRateHz), ...(config.neighbourDifference === true ? { difference: { neighbours: 2 } } : {}) },
    filter: DEFAULT_FILTER, lead: 'MLII', rrOptions: {}, trainRecords: ['a'], validationRecords: ['b'], split: 'test',
    maxBeatsPerRecord: null, backend: 'cpu',
  };
}

/** A card for `config` with RR statistics from `beats` (or unit statistics). */
export function cardFor(config: ModelConfig, beats?: BeatArrays): ModelCard {
  const norm = config.rrFeatures.length === 0 ? null : beats ? fitRrNormalisation(beats.rr, config.rrFeatures) : { features: [...config.rrFeatures], mean: config.rrFeatures.map(() => 0), std: config.rrFeatures.map(() => 1) };
  return trainingCard({
    context: cardContext(config), model: config, settings: trainingSettings(), rrNormalisation: norm,
    beats: { train: [1, 1, 1, 1, 1], validation: [1, 1, 1, 1, 1] }, epochs: 1, bestEpoch: 1, validation: null, parameters: 0,
  });
}

/**
 * `count` synthetic beats of classes 0 … 4 (round robin): a bump whose position and width
 * depend on the class, plus noise; RR features whose prevRrSec is short for class 1.
 */
export function syntheticBeats(count: number, L: number, seed: number): BeatArrays {
  const prng = createPrng(seed);
  const windows = new Float32Array(count * L);
  const rr = new Float32Array(count * RR_FEATURE_COUNT);
  const classes = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 5;
    classes[i] = c;
    const centre = L * (0.3 + 0.1 * c);
    const width = 2 + c;
    for (let j = 0; j < L; j++) windows[i * L + j] = Math.exp(-(((j - centre) / width) ** 2)) + 0.05 * prng.normal();
    for (let k = 0; k < RR_FEATURE_COUNT; k++) rr[i * RR_FEATURE_COUNT + k] = 0.8 + 0.05 * prng.normal();
    rr[i * RR_FEATURE_COUNT + RR_FEATURE_NAMES.indexOf('prevRrSec')] = c === 1 ? 0.5 : 0.8;
  }
  return { count, windowLength: L, windows, differences: null, rr, classes, records: ['synthetic'] };
}
