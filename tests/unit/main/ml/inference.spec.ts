import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyBeats, predictBatches } from '../../../../src/main/ml/inference';
import { buildModel } from '../../../../src/main/ml/models';
import { cardFor, syntheticBeats, tinyConfig, useCpu } from './ml-fixtures';
import { RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';

beforeAll(async () => {
  await useCpu();
});

describe('classifyBeats', () => {
  it('gives the same probabilities whatever the batch size, rows summing to 1, and the arg-max class', () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const loaded = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(23, config.windowLength, 3);
    const whole = classifyBeats(loaded, beats);
    const small = classifyBeats(loaded, beats, { batchSize: 5 });
    expect(whole.probabilities).toHaveLength(23 * 5);
    Array.from(small.probabilities).forEach((p, i) => expect(p).toBeCloseTo(whole.probabilities[i]!, 5));
    for (let i = 0; i < 23; i++) {
      const row = Array.from(whole.probabilities.subarray(i * 5, i * 5 + 5));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(whole.classes[i]).toBe(row.indexOf(Math.max(...row)));
    }
    model.dispose();
  });

  it('returns attention over the input samples, summing to 1 per beat, when asked, and leaks no tensor', () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const loaded = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(6, config.windowLength, 4);
    classifyBeats(loaded, beats, { attention: true }); // builds the attention view once
    const before = tf.memory().numTensors;
    const result = classifyBeats(loaded, beats, { attention: true, batchSize: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.attention).toHaveLength(6 * config.windowLength);
    for (let i = 0; i < 6; i++) {
      const row = result.attention!.subarray(i * config.windowLength, (i + 1) * config.windowLength);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    model.dispose();
  });

  it('refuses windows that are not whole beats of the model\'s length, and a wrong number of RR rows', () => {
    const config = tinyConfig();
    const model = buildModel(config, 2);
    const loaded = { dir: '', card: cardFor(config), model };
    const beats = syntheticBeats(2, config.windowLength, 4);
    expect(() => classifyBeats(loaded, { ...beats, windows: beats.windows.subarray(1) })).toThrow(/64-sample windows/);
    expect(() => classifyBeats(loaded, { ...beats, rr: beats.rr.subarray(RR_FEATURE_COUNT) })).toThrow(/1 RR feature rows for 2 beats/);
    model.dispose();
  });

  it('feeds a model without RR input from the windows alone', () => {
    const config = tinyConfig(false);
    const model = buildModel(config, 2);
    const beats = syntheticBeats(3, config.windowLength, 4);
    const out = predictBatches(model, { windows: beats.windows, windowLength: config.windowLength, differences: null, rr: null, rrWidth: 0, count: 3 });
    expect(out.probabilities).toHaveLength(15);
    const input = { windows: beats.windows, windowLength: config.windowLength, differences: null, rr: null, rrWidth: 0, count: 4 };
    expect(() => predictBatches(model, input)).toThrow(/not 4 windows of/);
    expect(() => predictBatches(model, { ...input, count: 3, differences: new Float32Array(5) })).toThrow(/5 difference samples for 3 windows/);
    model.dispose();
  });
});

