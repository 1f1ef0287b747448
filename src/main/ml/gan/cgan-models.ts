/**
 * A conditional 1D GAN (Mirza & Osindero 2014) for beat windows of the rare AAMI classes
 * (seed 003: "data augmentation utilizing Generative Adversarial Networks addresses class
 * imbalance by artificially increasing the representation of minority classes"). The seed
 * gives no architecture; ours is a small DCGAN-style pair (Radford et al. 2016) in 1D:
 *
 * Generator: z [latent] ‖ one-hot class [C]
 *   → Dense(⌈L/4⌉ · 2F) → LeakyReLU(0.2) → reshape [⌈L/4⌉, 2F]
 *   → UpSampling(2) → Conv1D(2F, 5) → LeakyReLU → UpSampling(2) → Conv1D(F, 5) → LeakyReLU
 *   → Conv1D(1, 7, linear) → crop to L                                     beat [L, 1]
 * Linear output: the windows are z-scored (../../signal/beat-windows), not bounded.
 *
 * Discriminator: beat [L, 1] ‖ the class as a channel (Dense(L) of the one-hot, reshaped [L, 1])
 *   → Conv1D(F, 5, stride 2) → LeakyReLU(0.2) → Conv1D(2F, 5, stride 2) → LeakyReLU
 *   → Flatten → Dropout(0.3) → Dense(1)                                  logit "real"
 * No batch norm in either: it couples the beats of a batch, and the batches mix classes.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { glorot, ModelConfigError } from '../layers/layer-utils';
import { SeedSequence } from '../models/blocks';

/** What shapes the pair; saved with the generator. */
export interface GanConfig {
  /** Samples per beat window. */
  windowLength: number;
  /** The classes it is conditioned on (AAMI names, e.g. S V F). */
  classes: string[];
  /** Size of the noise vector z. */
  latentDim: number;
  /** F: the narrowest convolution's filters (the others have 2F). */
  filters: number;
}

/** Default sizes: z of 32, F = 16 (a generator of about 100k weights at L = 180). */
export const DEFAULT_GAN_SIZES = Object.freeze({ latentDim: 32, filters: 16 });

/** Checks a GAN config. @throws ModelConfigError naming the field. */
export function checkGanConfig(config: GanConfig): void {
  if (!Number.isInteger(config.windowLength) || config.windowLength < 16) throw new ModelConfigError(`GAN windowLength must be an integer ≥ 16, got ${config.windowLength}`);
  if (config.classes.length < 1 || new Set(config.classes).size !== config.classes.length) throw new ModelConfigError(`GAN classes must be distinct and at least one, got [${config.classes.join(', ')}]`);
  for (const key of ['latentDim', 'filters'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new ModelConfigError(`GAN ${key} must be an integer ≥ 1, got ${config[key]}`);
  }
}

function conv(filters: number, kernelSize: number, name: string, seeds: SeedSequence, strides = 1): tfl.layers.Layer {
  return tfl.layers.conv1d({ filters, kernelSize, strides, padding: 'same', name, kernelInitializer: glorot(seeds.next()) });
}

const leaky = (name: string): tfl.layers.Layer => tfl.layers.leakyReLU({ alpha: 0.2, name });

/**
 * Doubles the time axis of [T, C] by repeating each step. tfjs has no UpSampling1D: the
 * sequence goes through UpSampling2D as an image of width 1.
 */
function upsampleTime(x: tfl.SymbolicTensor, n: number): tfl.SymbolicTensor {
  const [, steps, channels] = x.shape as [null, number, number];
  let y = tfl.layers.reshape({ targetShape: [steps, 1, channels], name: `g_up${n}_2d` }).apply(x) as tfl.SymbolicTensor;
  y = tfl.layers.upSampling2d({ size: [2, 1], name: `g_up${n}` }).apply(y) as tfl.SymbolicTensor;
  return tfl.layers.reshape({ targetShape: [2 * steps, channels], name: `g_up${n}_1d` }).apply(y) as tfl.SymbolicTensor;
}

/** The generator: inputs 'z' [latent] and 'label' [C] one-hot, output 'beat' [L, 1]. */
export function buildGenerator(config: GanConfig, seed?: number): tfl.LayersModel {
  checkGanConfig(config);
  const seeds = new SeedSequence(seed);
  const { windowLength: L, filters: F } = config;
  const steps = Math.ceil(L / 4);
  const z = tfl.input({ shape: [config.latentDim], name: 'z' });
  const label = tfl.input({ shape: [config.classes.length], name: 'label' });
  let x = tfl.layers.concatenate({ name: 'g_input' }).apply([z, label]) as tfl.SymbolicTensor;
  x = tfl.layers.dense({ units: steps * 2 * F, name: 'g_dense', kernelInitializer: glorot(seeds.next()) }).apply(x) as tfl.SymbolicTensor;
  x = leaky('g_dense_act').apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.reshape({ targetShape: [steps, 2 * F], name: 'g_reshape' }).apply(x) as tfl.SymbolicTensor;
  for (const [n, width] of [[1, 2 * F], [2, F]] as const) {
    x = upsampleTime(x, n);
    x = conv(width, 5, `g_conv${n}`, seeds).apply(x) as tfl.SymbolicTensor;
    x = leaky(`g_act${n}`).apply(x) as tfl.SymbolicTensor;
  }
  x = conv(1, 7, 'g_out', seeds).apply(x) as tfl.SymbolicTensor;
  if (steps * 4 !== L) {
    // tfjs has no Cropping1D: crop as an image of width 1.
    x = tfl.layers.reshape({ targetShape: [steps * 4, 1, 1], name: 'g_crop_2d' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.cropping2D({ cropping: [[0, steps * 4 - L], [0, 0]], name: 'g_crop' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.reshape({ targetShape: [L, 1], name: 'g_crop_1d' }).apply(x) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: [z, label], outputs: x, name: 'beat_generator' });
}

/** The discriminator: inputs 'beat' [L, 1] and 'label' [C] one-hot, output the logit that the beat is real [1]. */
export function buildDiscriminator(config: GanConfig, seed?: number): tfl.LayersModel {
  checkGanConfig(config);
  const seeds = new SeedSequence(seed);
  const { windowLength: L, filters: F } = config;
  const beat = tfl.input({ shape: [L, 1], name: 'beat' });
  const label = tfl.input({ shape: [config.classes.length], name: 'label' });
  let channel = tfl.layers.dense({ units: L, name: 'd_label', kernelInitializer: glorot(seeds.next()) }).apply(label) as tfl.SymbolicTensor;
  channel = tfl.layers.reshape({ targetShape: [L, 1], name: 'd_label_reshape' }).apply(channel) as tfl.SymbolicTensor;
  let x = tfl.layers.concatenate({ name: 'd_input' }).apply([beat, channel]) as tfl.SymbolicTensor;
  for (const [n, width] of [[1, F], [2, 2 * F]] as const) {
    x = conv(width, 5, `d_conv${n}`, seeds, 2).apply(x) as tfl.SymbolicTensor;
    x = leaky(`d_act${n}`).apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers.flatten({ name: 'd_flat' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.dropout({ rate: 0.3, name: 'd_dropout' }).apply(x) as tfl.SymbolicTensor;
  const logit = tfl.layers.dense({ units: 1, name: 'd_logit', kernelInitializer: glorot(seeds.next()) }).apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: [beat, label], outputs: logit, name: 'beat_discriminator' });
}
