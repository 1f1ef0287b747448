import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnnLstmAttention } from '../../../../../src/main/ml/models/cnn-lstm-attention';
import { ARCHITECTURES, buildModel, defaultModelConfig, ModelConfigError, type ModelConfig } from '../../../../../src/main/ml/models/index';
import { cyclicLabels, mean, predictValues, saveAndLoad, seededTensor, trainingLosses, useCpu } from '../layers/layer-checks';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';

beforeAll(useCpu);

function inputsFor(config: ModelConfig, batch: number, seed = 1): tf.Tensor[] {
  const beat = seededTensor(seed, [batch, config.windowLength, 1]);
  return config.rrFeatures.length === 0 ? [beat] : [beat, seededTensor(seed + 1, [batch, config.rrFeatures.length])];
}

/**
 * Parameters counted from the description in cnn-lstm-attention.ts: conv 5·1·32+32,
 * 5·32·64+64, 3·64·64+64, batch norms 4 per channel; LSTM(64) on 64 features:
 * 4·(64·64 + 64·64 + 64); attention 64+1; RR Dense 8→16; Dense (64+16)→32; Dense 32→5.
 */
function expectedParams(rr: number): number {
  const convs = 192 + 10304 + 12352 + 4 * (32 + 64 + 64);
  const lstm = 4 * (64 * 64 + 64 * 64 + 64);
  const rrUnits = rr > 0 ? 16 : 0;
  return convs + lstm + 65 + (rr > 0 ? rr * 16 + 16 : 0) + (64 + rrUnits) * 32 + 32 + 32 * 5 + 5;
}

// A loaded 2-core machine runs the cpu backend slowly: generous timeouts, not slow code.
describe('buildCnnLstmAttention', { timeout: 120_000 }, () => {
  it('is listed as an architecture with a 180-sample, 180 Hz default window', () => {
    expect(ARCHITECTURES).toContain('cnn-lstm-attention');
    const config = defaultModelConfig('cnn-lstm-attention');
    expect([config.windowLength, config.windowRateHz]).toEqual([180, 180]);
  });

  it('builds beat [N, 180, 1] + rr [N, RR_FEATURE_COUNT] → softmax [N, 5] with the parameters its description counts', () => {
    const config = defaultModelConfig('cnn-lstm-attention');
    const model = buildModel(config, 1);
    expect(model.inputs.map((i) => i.shape)).toEqual([[null, 180, 1], [null, RR_FEATURE_COUNT]]);
    expect(model.countParams()).toBe(expectedParams(RR_FEATURE_COUNT));
    expect(model.getLayer('lstm').outputShape).toEqual([null, 22, 64]);
    const sums = tf.sum(model.predict(inputsFor(config, 3)) as tf.Tensor, 1).dataSync();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    expect(buildModel(defaultModelConfig('cnn-lstm-attention', { rrFeatures: [] }), 1).countParams()).toBe(expectedParams(0));
  });

  it('starts with forget-gate biases at 1, other biases at 0 and an orthogonal recurrent kernel', () => {
    const model = buildCnnLstmAttention(defaultModelConfig('cnn-lstm-attention', { rrFeatures: [] }), 2);
    const [, recurrent, bias] = model.getLayer('lstm').getWeights();
    const b = Array.from(bias!.dataSync());
    expect(b.slice(64, 128).every((v) => v === 1)).toBe(true);
    expect([...b.slice(0, 64), ...b.slice(128)].every((v) => v === 0)).toBe(true);
    const gram = tf.matMul(recurrent as tf.Tensor2D, recurrent as tf.Tensor2D, false, true).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 4)));
  });

  it('is deterministic for a seed and refuses an invalid hyper-parameter', () => {
    const config = defaultModelConfig('cnn-lstm-attention', { windowLength: 64 });
    const x = inputsFor(config, 2);
    expect(predictValues(buildModel(config, 5), x)).toEqual(predictValues(buildModel(config, 5), x));
    expect(() => defaultModelConfig('cnn-lstm-attention', { hyper: { lstmDropout: 1 } })).toThrow(ModelConfigError);
  });

  it('saves and loads with identical predictions', async () => {
    const config = defaultModelConfig('cnn-lstm-attention', { windowLength: 64 });
    const model = buildModel(config, 4);
    const loaded = await saveAndLoad(model);
    const x = inputsFor(config, 3, 9);
    expect(predictValues(loaded, x)).toEqual(predictValues(model, x));
  });

  it('trains: a few Adam steps on a tiny batch lower the loss', async () => {
    const config = defaultModelConfig('cnn-lstm-attention', { windowLength: 64 });
    const losses = await trainingLosses(buildModel(config, 7), inputsFor(config, 5, 3), cyclicLabels(5, 5), 12, 3e-3);
    expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)));
  }, 60_000);
});
