import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, defaultModelConfig, ModelConfigError, withAttention, type ModelConfig } from '../../../../../src/main/ml/models/index';
import { maxAbsDiff, saveAndLoad, seededTensor, useCpu } from '../layers/layer-checks';

beforeAll(useCpu);

function inputsFor(config: ModelConfig, batch: number): tf.Tensor[] {
  const beat = seededTensor(1, [batch, config.windowLength, 1]);
  return config.rrFeatures.length === 0 ? [beat] : [beat, tf.add(1, tf.mul(0.2, seededTensor(2, [batch, config.rrFeatures.length])))];
}

function outputs(model: tfl.LayersModel, x: tf.Tensor[]): Float32Array[] {
  const out = model.predict(x);
  return (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync()));
}

describe('withAttention', () => {
  it.each([
    ['rhythm-attention', {}],
    ['rhythm-attention', { rrFeatures: [], windowLength: 187, windowRateHz: 125 }],
    ['cnn-bigru-attention', {}],
  ] as const)('gives %s (%o) the same probabilities plus attention over every input sample, summing to 1', (architecture, overrides) => {
    const config = defaultModelConfig(architecture, overrides);
    const model = buildModel(config, 1);
    const viewer = withAttention(model);
    const x = inputsFor(config, 3);
    const [probabilities, attention] = outputs(viewer, x);
    expect(probabilities).toEqual(outputs(model, x)[0]);
    const shapes = viewer.outputs.map((o) => o.shape);
    expect(shapes).toEqual([[null, 5], [null, config.windowLength]]);
    const map = attention as Float32Array;
    expect(map.length).toBe(3 * config.windowLength);
    for (let b = 0; b < 3; b++) {
      const row = map.subarray(b * config.windowLength, (b + 1) * config.windowLength);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
    }
  });

  it('shares the weights: changing one in the model changes both outputs alike', () => {
    const config = defaultModelConfig('rhythm-attention');
    const model = buildModel(config, 2);
    const viewer = withAttention(model);
    const x = inputsFor(config, 2);
    const [attentionBefore] = outputs(viewer, x).slice(1);
    const layer = model.getLayer('attention');
    layer.setWeights(layer.getWeights().map((w, i) => (i === 0 ? tf.mul(w, 3) : w))); // query kernel × 3
    const [probabilities, attentionAfter] = outputs(viewer, x);
    expect(probabilities).toEqual(outputs(model, x)[0]);
    expect(maxAbsDiff(attentionAfter as Float32Array, attentionBefore as Float32Array)).toBeGreaterThan(1e-4);
    expect(viewer.getLayer('attention')).toBe(layer);
  });

  it('works on a model loaded from disk, finding the attention layer by name', async () => {
    const config = defaultModelConfig('cnn-bigru-attention', { rrFeatures: [] });
    const model = buildModel(config, 3);
    const loaded = await saveAndLoad(model);
    const x = inputsFor(config, 2);
    expect(outputs(withAttention(loaded), x)).toEqual(outputs(withAttention(model), x));
  });

  it('puts the additive attention of a step on the samples that step covers', () => {
    const config = defaultModelConfig('cnn-bigru-attention', { rrFeatures: [] });
    const model = buildModel(config, 4);
    const attentionLayer = model.getLayer('attention');
    // 45 steps at stride 8: the mapped attention must peak on (or next to) the samples of
    // the step whose weight is largest.
    const x = inputsFor(config, 1);
    const weightsModel = tfl.model({ inputs: model.inputs, outputs: (attentionLayer.output as tfl.SymbolicTensor[])[1] as tfl.SymbolicTensor });
    const stepWeights = (weightsModel.predict(x) as tf.Tensor).dataSync();
    const peakStep = stepWeights.indexOf(Math.max(...stepWeights));
    const map = outputs(withAttention(model), x)[1] as Float32Array;
    const peakSample = map.indexOf(Math.max(...map));
    expect(Math.floor(peakSample / 8)).toBeGreaterThanOrEqual(peakStep - 1);
    expect(Math.floor(peakSample / 8)).toBeLessThanOrEqual(peakStep + 1);
  });

  it('refuses a model without an attention layer', () => {
    const input = tfl.input({ shape: [4] });
    const plain = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 2 }).apply(input) as tfl.SymbolicTensor });
    expect(() => withAttention(plain)).toThrow(ModelConfigError);
    expect(() => withAttention(plain)).toThrow(/no layer named 'attention'/);
  });
});
