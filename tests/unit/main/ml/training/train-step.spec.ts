import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, defaultModelConfig } from '../../../../../src/main/ml/models';
import { trainableVariables, trainStep, type StepContext } from '../../../../../src/main/ml/training/train-step';
import { syntheticBeats, tinyConfig, useCpu } from '../ml-fixtures';

beforeAll(async () => {
  await useCpu();
});

function context(l2: number, clipNorm: number | null = 1): StepContext {
  const base = tinyConfig();
  const model = buildModel(defaultModelConfig('rhythm-attention', { ...base, hyper: { ...base.hyper, l2, dropout: 0, spatialDropout: 0, attentionDropout: 0 } }), 11);
  return { model, optimizer: tf.train.adam(1e-3), variables: trainableVariables(model), loss: { gamma: 2 }, clipNorm };
}

function batch(ctx: StepContext) {
  const L = ctx.model.inputs[0]!.shape[1] as number;
  const beats = syntheticBeats(10, L, 4);
  return { beat: { windows: beats.windows, differences: null }, windowLength: L, rr: new Float32Array(10 * 2), rrWidth: 2, labels: Int32Array.from(beats.classes) };
}

/** Σ w² over every kernel (the weights our models put L2 on), before the step. */
function sumOfSquaredKernels(ctx: StepContext): number {
  return ctx.model.trainableWeights
    .filter((w) => /kernel$/.test(w.name))
    .reduce((s, w) => s + Array.from(w.read().dataSync()).reduce((a, v) => a + v * v, 0), 0);
}

describe('trainStep', () => {
  it('adds the layers\' L2 terms (l2 × Σ kernel²) to the loss it differentiates', () => {
    const ctx = context(0.01);
    const expected = 0.01 * sumOfSquaredKernels(ctx);
    const result = trainStep(ctx, batch(ctx));
    expect(result.regularisation).toBeGreaterThan(0);
    expect(result.regularisation).toBeCloseTo(expected, 4);
    ctx.model.dispose();
  });

  it('adds nothing when the model has no L2', () => {
    const ctx = context(0);
    expect(trainStep(ctx, batch(ctx)).regularisation).toBeCloseTo(0, 6);
    ctx.model.dispose();
  });

  it('updates the weights through Adam: each moves, by at most the learning rate on the first step', () => {
    const ctx = context(0, 1e-3);
    const before = ctx.variables.map((v) => Float32Array.from(v.dataSync()));
    const result = trainStep(ctx, batch(ctx));
    expect(result.gradNorm).toBeGreaterThan(1e-3); // so clipping acted
    const moved = ctx.variables.map((v, i) => Math.max(...Array.from(v.dataSync(), (x, k) => Math.abs(x - before[i]![k]!))));
    expect(Math.max(...moved)).toBeLessThan(1.01e-3);
    expect(Math.max(...moved)).toBeGreaterThan(0);
    ctx.model.dispose();
  });

  it('counts the beats it got right and leaves no tensor behind', () => {
    const ctx = context(0.01);
    trainStep(ctx, batch(ctx)); // Adam creates its moments on the first step
    const before = tf.memory().numTensors;
    const result = trainStep(ctx, batch(ctx));
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isInteger(result.correct) && result.correct >= 0 && result.correct <= 10).toBe(true);
    ctx.model.dispose();
  });
});
