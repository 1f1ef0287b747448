/**
 * Smoke run of both default models on the wasm backend with engineer G's training kernels:
 * they predict what the reference cpu backend predicts, and they train.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../src/main/ml/backend/wasm-training-kernels';
import { buildModel, defaultModelConfig, withAttention, type Architecture } from '../../../../../src/main/ml/models/index';
import { cyclicLabels, maxAbsDiff, mean, seededTensor, trainingLosses, weightValues } from '../layers/layer-checks';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmTrainingKernels();
});

function predictOn(backend: string, run: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  return tf.setBackend(backend).then(() => {
    Object.assign(tf.backend(), { firstUse: false });
    return tf.tidy(() => {
      const out = run();
      return (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync()));
    });
  });
}

describe('buildModel on wasm', () => {
  it.each(['rhythm-attention', 'cnn-bigru-attention'] as Architecture[])(
    'predicts %s (and its attention) as the cpu backend does, then trains on wasm',
    async (architecture) => {
      const config = defaultModelConfig(architecture);
      const model = buildModel(config, 1);
      const viewer = withAttention(model);
      const x = [seededTensor(1, [16, config.windowLength, 1]), tf.add(1, tf.mul(0.2, seededTensor(2, [16, RR_FEATURE_COUNT])))];
      const onWasm = await predictOn('wasm', () => viewer.predict(x));
      const onCpu = await predictOn('cpu', () => viewer.predict(x));
      await tf.setBackend('wasm');
      onWasm.forEach((values, i) => expect(maxAbsDiff(values, onCpu[i] as Float32Array)).toBeLessThan(1e-4));
      const before = weightValues(model);
      const losses = await trainingLosses(model, x, cyclicLabels(16, 5), 20, 3e-3);
      expect(tf.getBackend()).toBe('wasm');
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));
      expect(weightValues(model).some((w, i) => maxAbsDiff(w, before[i] as Float32Array) > 0)).toBe(true);
    },
    60_000,
  );
});
