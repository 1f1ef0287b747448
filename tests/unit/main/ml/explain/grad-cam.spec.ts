import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAD_CAM_LAYERS, gradCamBeats, gradCamLayerOf } from '../../../../../src/main/ml/explain/grad-cam';
import { ARCHITECTURES, buildModel, defaultModelConfig, ModelConfigError } from '../../../../../src/main/ml/models';
import { cardFor, useCpu } from '../ml-fixtures';

beforeAll(useCpu);

const L = 64;
/** Where class 1 looks: positive deflections in samples [8, 16). */
const REGION_1 = [8, 16] as const;
/** Where class 2 looks: negative deflections in samples [40, 48). */
const REGION_2 = [40, 48] as const;

/**
 * A hand-made network whose answer depends on known regions: 'conv' (kernel 1, ReLU) makes
 * channel 0 = max(x, 0) and channel 1 = max(−x, 0); 'pool' halves the time axis; the softmax
 * layer's logit 1 sums channel 0 over REGION_1, logit 2 channel 1 over REGION_2, logit 0 is 0.
 */
function regionModel(): tfl.LayersModel {
  const beat = tfl.input({ shape: [L, 1], name: 'beat' });
  const conv = tfl.layers.conv1d({ filters: 2, kernelSize: 1, useBias: false, activation: 'relu', name: 'conv' });
  const pooled = tfl.layers.maxPooling1d({ poolSize: 2, name: 'pool' }).apply(conv.apply(beat)) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten({ name: 'flat' }).apply(pooled) as tfl.SymbolicTensor;
  const dense = tfl.layers.dense({ units: 3, activation: 'softmax', name: 'probabilities' });
  const model = tfl.model({ inputs: beat, outputs: dense.apply(flat) as tfl.SymbolicTensor });
  conv.setWeights([tf.tensor3d([[[1, -1]]])]);
  const kernel = new Float32Array((L / 2) * 2 * 3);
  for (let t = REGION_1[0] / 2; t < REGION_1[1] / 2; t++) kernel[(t * 2 + 0) * 3 + 1] = 1;
  for (let t = REGION_2[0] / 2; t < REGION_2[1] / 2; t++) kernel[(t * 2 + 1) * 3 + 2] = 1;
  dense.setWeights([tf.tensor2d(kernel, [L, 3]), tf.zeros([3])]);
  return model;
}

/**
 * A window with a positive bump in REGION_1 (height a), a negative one in REGION_2 (depth b)
 * and, when `decoy` is not 0, a bump of that height outside both regions (at 26–30 when
 * positive, 56–60 when negative).
 */
function window(a: number, b: number, decoy = 0): Float32Array {
  const x = new Float32Array(L);
  for (let j = 10; j < 14; j++) x[j] = a;
  for (let j = 42; j < 46; j++) x[j] = -b;
  for (let j = decoy > 0 ? 26 : 56; j < (decoy > 0 ? 30 : 60); j++) x[j] = decoy;
  return x;
}

const massIn = (row: Float32Array, [from, to]: readonly [number, number]): number => row.subarray(from, to).reduce((s, v) => s + v, 0);

describe('gradCamBeats', { timeout: 120_000 }, () => {
  // Grad-CAM weighs whole channels (gradients averaged over time), so a decoy lit in the
  // explained class's own channel would be lit in the map too: that is the method. A decoy in
  // the other channel gets a negative weight and must vanish.
  it('puts the mass where the predicted class looks, not on what another channel sees', () => {
    const model = regionModel();
    const windows = new Float32Array(2 * L);
    windows.set(window(1, 0.25, -2), 0); // class 1 wins; the decoy is in channel 1
    windows.set(window(0.25, 1, 2), L); // class 2 wins; the decoy is in channel 0
    const { maps, classes } = gradCamBeats(model, { windows, windowLength: L, differences: null, rr: null, rrWidth: 0, count: 2 }, 'pool');
    expect(Array.from(classes)).toEqual([1, 2]);
    // The map interpolates between the pooled steps: a little mass spills one sample past each region's edge.
    expect(massIn(maps.subarray(0, L), [REGION_1[0] - 1, REGION_1[1] + 1])).toBeGreaterThan(0.95);
    expect(massIn(maps.subarray(L), [REGION_2[0] - 1, REGION_2[1] + 1])).toBeGreaterThan(0.95);
  });

  it('moves the mass with the class it is asked to explain', () => {
    const model = regionModel();
    const input = { windows: window(1, 1), windowLength: L, differences: null, rr: null, rrWidth: 0, count: 1 };
    const one = gradCamBeats(model, input, 'pool', { classes: Int32Array.from([1]) });
    const two = gradCamBeats(model, input, 'pool', { classes: Int32Array.from([2]) });
    expect(massIn(one.maps, [REGION_1[0] - 1, REGION_1[1] + 1])).toBeGreaterThan(0.95);
    expect(massIn(two.maps, [REGION_2[0] - 1, REGION_2[1] + 1])).toBeGreaterThan(0.95);
  });

  it('leaves a row at 0 when nothing speaks for the class', () => {
    const model = regionModel();
    const { maps } = gradCamBeats(model, { windows: new Float32Array(L), windowLength: L, differences: null, rr: null, rrWidth: 0, count: 1 }, 'pool', { classes: Int32Array.from([1]) });
    expect(maps.every((v) => v === 0)).toBe(true);
  });

  it.each(ARCHITECTURES)('gives %s one map per beat over its input, each summing to 1 or 0', (architecture) => {
    const config = defaultModelConfig(architecture, { windowLength: L, windowRateHz: L, rrFeatures: ['prevRrSec'] });
    const model = buildModel(config, 3);
    const windows = Float32Array.from({ length: 3 * L }, (_, i) => Math.sin(i / 3) + (i % L === 32 ? 4 : 0));
    const rr = Float32Array.from([0.5, -1, 2]);
    const { maps, classes } = gradCamBeats(model, { windows, windowLength: L, differences: null, rr, rrWidth: 1, count: 3 }, GRAD_CAM_LAYERS[architecture]!, { batchSize: 2 });
    expect(maps).toHaveLength(3 * L);
    expect(maps.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    const predicted = tf.argMax(model.predict([tf.tensor3d(windows, [3, L, 1]), tf.tensor2d(rr, [3, 1])]) as tf.Tensor, 1).dataSync();
    expect(Array.from(classes)).toEqual(Array.from(predicted));
    for (let i = 0; i < 3; i++) {
      const total = massIn(maps.subarray(i * L, (i + 1) * L), [0, L]);
      expect(total === 0 || Math.abs(total - 1) < 1e-4).toBe(true);
    }
  });

  it('refuses a layer the model does not have', () => {
    expect(() => gradCamBeats(regionModel(), { windows: new Float32Array(L), windowLength: L, differences: null, rr: null, rrWidth: 0, count: 1 }, 'nope')).toThrow(ModelConfigError);
  });
});

describe('gradCamLayerOf', () => {
  it('names the last convolutional layer of each architecture, and refuses an unknown one', () => {
    expect(gradCamLayerOf(cardFor(defaultModelConfig('rhythm-attention')))).toBe('block3_relu');
    expect(gradCamLayerOf(cardFor(defaultModelConfig('cnn-lstm-attention')))).toBe('conv3');
    const card = cardFor(defaultModelConfig('rhythm-attention'));
    expect(() => gradCamLayerOf({ ...card, model: { ...card.model, architecture: 'top2-ensemble' } })).toThrow(ModelConfigError);
  });
});
