import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHITECTURES, buildModel, defaultModelConfig, ModelConfigError, type ModelConfig } from '../../../../../src/main/ml/models/index';
import { cyclicLabels, mean, predictValues, saveAndLoad, seededTensor, trainingLosses, useCpu } from '../layers/layer-checks';
import { RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';

beforeAll(useCpu);

/** Inputs for `config`: seeded beats and, when on, RR features around 1. */
function inputsFor(config: ModelConfig, batch: number, seed = 1): tf.Tensor[] {
  const beat = seededTensor(seed, [batch, config.windowLength, 1]);
  if (config.rrFeatures.length === 0) return [beat];
  return [beat, tf.add(1, tf.mul(0.3, seededTensor(seed + 1, [batch, config.rrFeatures.length])))];
}

/** Parameters of RhythmAttention counted from its description (rhythm-attention.ts), not from tfjs. */
function expectedRhythmAttentionParams(config: ModelConfig): number {
  const h = config.hyper as Record<string, number>;
  const f = [1, h['filters1'] ?? 0, h['filters2'] ?? 0, h['filters3'] ?? 0];
  const k = [0, h['kernel1'] ?? 0, h['kernel2'] ?? 0, h['kernel3'] ?? 0];
  let total = 0;
  for (const n of [1, 2, 3]) {
    const [cin, cout, kn] = [f[n - 1] as number, f[n] as number, k[n] as number];
    total += kn * cin * cout + 4 * cout; // conv (no bias) + γ, β, moving mean and variance
    total += kn * cout * cout + 4 * cout;
    if (cin !== cout) total += cin * cout + cout; // 1×1 shortcut with bias
  }
  const dim = f[3] as number;
  const inner = (h['heads'] ?? 0) * (h['keyDim'] ?? 0);
  total += Math.floor(config.windowLength / 8) * dim; // position embedding
  total += 3 * (dim * inner + inner) + inner * dim + dim + 2 * dim; // Q, K, V, output; layer norm
  const rr = config.rrFeatures.length;
  const rrUnits = rr > 0 ? (h['rrUnits'] ?? 0) : 0;
  if (rr > 0) total += rr * rrUnits + rrUnits;
  const dense = h['denseUnits'] ?? 0;
  total += (2 * dim + rrUnits) * dense + dense + dense * config.classes.length + config.classes.length;
  return total;
}

/**
 * Parameters of seed 002's network counted by hand: conv 5·1·32+32, 5·32·64+64, 3·64·64+64,
 * batch norms 4 per channel, GRU(32) per direction 3·(64·32 + 32·32 + 32) (tfjs: one bias,
 * reset_after=False), attention 64+1, Dense 64→32, Dense 32→5.
 */
function expectedSeed002Params(rr: number): number {
  const convs = 192 + 10304 + 12352 + 4 * (32 + 64 + 64);
  const gru = 2 * 3 * (64 * 32 + 32 * 32 + 32);
  const rrUnits = rr > 0 ? 16 : 0;
  return convs + gru + 65 + (rr > 0 ? rr * 16 + 16 : 0) + (64 + rrUnits) * 32 + 32 + 32 * 5 + 5;
}

describe('buildModel', () => {
  it.each([
    // 16 weights per RR feature: the RR branch's Dense(16) kernel.
    ['rhythm-attention', 180, 52837 + 16 * RR_FEATURE_COUNT],
    ['cnn-bigru-attention', 360, expectedSeed002Params(RR_FEATURE_COUNT)],
  ] as const)('builds %s with inputs beat [N, %i, 1] and rr [N, RR_FEATURE_COUNT], and softmax [N, 5]', (architecture, length, params) => {
    const config = defaultModelConfig(architecture);
    const model = buildModel(config, 1);
    expect(model.inputNames).toEqual(['beat', 'rr']);
    expect(model.inputs.map((i) => i.shape)).toEqual([[null, length, 1], [null, RR_FEATURE_COUNT]]);
    expect(model.outputs[0]?.shape).toEqual([null, 5]);
    console.info(`${architecture}: ${model.countParams()} parameters`);
    expect(model.countParams()).toBe(params);
    const p = model.predict(inputsFor(config, 3)) as tf.Tensor;
    expect(p.shape).toEqual([3, 5]);
    const sums = tf.sum(p, 1).dataSync();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });

  it.each(ARCHITECTURES)('builds %s reading neighbour differences beside the beat when asked: one more input, used', (architecture) => {
    const small = { windowLength: 64, windowRateHz: 64 };
    const config = defaultModelConfig(architecture, { ...small, neighbourDifference: true });
    const model = buildModel(config, 1);
    expect(model.inputNames).toEqual(['beat', 'difference', 'rr']);
    expect(model.inputs[1]?.shape).toEqual([null, 64, 1]);
    const plain = buildModel(defaultModelConfig(architecture, small), 1);
    // The first convolution reads two channels: its kernel grows by kernel × filters weights.
    const firstKernel = (m: tfl.LayersModel) => m.getWeights()[0]!.shape;
    expect(firstKernel(model)[1]).toBe(2);
    expect(firstKernel(plain)[1]).toBe(1);
    const [beat, rr] = inputsFor(config, 2);
    const predict = (difference: tf.Tensor) => Array.from((model.predict([beat!, difference, rr!]) as tf.Tensor).dataSync());
    expect(predict(seededTensor(7, [2, 64, 1]))).not.toEqual(predict(tf.zeros([2, 64, 1])));
  }, 30_000);

  it('counts RhythmAttention parameters as its description says, within 40k … 150k, for several configs', () => {
    for (const overrides of [{}, { rrFeatures: [] }, { windowLength: 187, windowRateHz: 125, rrFeatures: [] }, { hyper: { heads: 2, filters3: 64 } }]) {
      const config = defaultModelConfig('rhythm-attention', overrides);
      const params = buildModel(config, 1).countParams();
      expect(params).toBe(expectedRhythmAttentionParams(config));
      expect(params).toBeGreaterThan(40_000);
      expect(params).toBeLessThan(150_000);
    }
  });

  it('builds both without RR features (seed reproduction): one input, the seed 002 count', () => {
    for (const architecture of ['rhythm-attention', 'cnn-bigru-attention'] as const) {
      const config = defaultModelConfig(architecture, { rrFeatures: [] });
      const model = buildModel(config, 2);
      expect(model.inputNames).toEqual(['beat']);
      expect((model.predict(inputsFor(config, 2)) as tf.Tensor).shape).toEqual([2, 5]);
      if (architecture === 'cnn-bigru-attention') expect(model.countParams()).toBe(expectedSeed002Params(0));
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const config = defaultModelConfig('rhythm-attention');
    const weights = (seed: number) => buildModel(config, seed).getWeights().map((w) => Array.from(w.dataSync()));
    const a = weights(5);
    expect(weights(5)).toEqual(a);
    expect(weights(6)).not.toEqual(a);
    const x = inputsFor(config, 2);
    expect(predictValues(buildModel(config, 5), x)).toEqual(predictValues(buildModel(config, 5), x));
  });

  it('gives the two GRU directions different initial weights (tfjs would copy them)', () => {
    const model = buildModel(defaultModelConfig('cnn-bigru-attention', { rrFeatures: [] }), 3);
    const [fk, frk, , bk, brk] = model.getLayer('bigru').getWeights().map((w) => Array.from(w.dataSync()));
    expect(fk).not.toEqual(bk);
    expect(frk).not.toEqual(brk);
    // The recurrent kernels are orthogonal: rows of the [32, 96] matrix are orthonormal.
    const r = tf.tensor2d(frk as number[], [32, 96]);
    const gram = tf.matMul(r, r, false, true).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 4)));
  });

  it('refuses an invalid configuration and a non-integer seed', () => {
    const config = defaultModelConfig('rhythm-attention');
    expect(() => buildModel({ ...config, windowLength: 16 })).toThrow(ModelConfigError);
    expect(() => buildModel(config, 1.5)).toThrow(/seed must be an integer/);
  });

  it.each(['rhythm-attention', 'cnn-bigru-attention'] as const)(
    'saves and loads %s through memory with identical predictions, in under 5 MB',
    async (architecture) => {
      const config = defaultModelConfig(architecture);
      const model = buildModel(config, 4);
      let bytes = 0;
      await model.save(
        tf.io.withSaveHandler(async (a) => {
          bytes = (a.weightData as ArrayBuffer).byteLength + JSON.stringify(a.modelTopology).length;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      expect(bytes).toBeLessThan(5 * 1024 * 1024);
      const loaded = await saveAndLoad(model);
      const x = inputsFor(config, 4, 9);
      expect(predictValues(loaded, x)).toEqual(predictValues(model, x));
    },
  );

  // The pure-JavaScript cpu backend trains at a few beats/s: short windows keep this quick
  // (the default windows train on wasm in wasm-smoke.spec.ts).
  it.each(['rhythm-attention', 'cnn-bigru-attention'] as const)('trains %s: a few Adam steps on a tiny batch lower the loss', async (architecture) => {
    const config = defaultModelConfig(architecture, { windowLength: 64 });
    const model: tfl.LayersModel = buildModel(config, 7);
    const x = inputsFor(config, 5, 3);
    const losses = await trainingLosses(model, x, cyclicLabels(5, 5), 12, 3e-3);
    expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)));
  }, 60_000);
});
