/**
 * Training the conditional GAN (./cgan-models) on real beats of its classes. Each step
 * draws a batch balanced over the classes (class uniformly, then a beat of it: the rarest,
 * F with 415 DS1 beats, is seen as often as V with 3,788), and makes two Adam updates
 * (lr 2e-4, β1 0.5, as DCGAN):
 *
 *   discriminator: BCE(D(x, y), 0.9) + BCE(D(G(z, y), y), 0)   (one-sided label smoothing,
 *                  Salimans et al. 2016: keeps D from growing over-confident on real beats)
 *   generator:     BCE(D(G(z', y), y), 1)                      (the non-saturating loss)
 *
 * with BCE on logits (sigmoid cross-entropy), each network updating only its own weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createPrng, type Prng } from '../training/prng';
import { trainableVariables } from '../training/train-step';
import { TrainingError } from '../training/training-error';
import { buildDiscriminator, buildGenerator, type GanConfig } from './cgan-models';

/** Real beats for the GAN: windows and the class index (into GanConfig.classes) of each. */
export interface GanBeats {
  count: number;
  windowLength: number;
  /** count × windowLength. */
  windows: Float32Array;
  labels: Int8Array;
}

/** The two networks, their optimisers and the sampler's state. */
export interface GanState {
  config: GanConfig;
  generator: tfl.LayersModel;
  discriminator: tfl.LayersModel;
  generatorOptimizer: tf.Optimizer;
  discriminatorOptimizer: tf.Optimizer;
  prng: Prng;
}

/** Losses of one step. */
export interface GanStepLosses {
  discriminator: number;
  generator: number;
}

/** Progress of a run, every `every` steps and at the end. */
export interface GanProgress {
  step: number;
  steps: number;
  /** Mean losses over the steps since the last report. */
  losses: GanStepLosses;
  beatsPerSec: number;
}

/** Label given to real beats in the discriminator's loss (one-sided smoothing). */
const REAL_LABEL = 0.9;

/** A fresh pair for `config`, deterministic for `seed`. */
export function createGan(config: GanConfig, seed = 1): GanState {
  return {
    config,
    generator: buildGenerator(config, seed),
    discriminator: buildDiscriminator(config, seed + 1000),
    generatorOptimizer: tf.train.adam(2e-4, 0.5),
    discriminatorOptimizer: tf.train.adam(2e-4, 0.5),
    prng: createPrng(seed),
  };
}

/** Indices of each class's beats. */
function byClass(beats: GanBeats, classes: number): number[][] {
  const lists: number[][] = Array.from({ length: classes }, () => []);
  beats.labels.forEach((c, i) => lists[c]?.push(i));
  return lists;
}

/** A class-balanced batch: windows n × L and class indices. */
export function sampleBatch(beats: GanBeats, lists: readonly number[][], n: number, prng: Prng): { windows: Float32Array; labels: Int32Array } {
  const L = beats.windowLength;
  const present = lists.map((l, c) => (l.length > 0 ? c : -1)).filter((c) => c >= 0);
  if (present.length === 0) throw new TrainingError('no beats of the GAN classes to train on');
  const windows = new Float32Array(n * L);
  const labels = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = present[prng.int(present.length)]!;
    const list = lists[c]!;
    const i = list[prng.int(list.length)]!;
    windows.set(beats.windows.subarray(i * L, (i + 1) * L), k * L);
    labels[k] = c;
  }
  return { windows, labels };
}

/** Noise z [n, latent] from the state's generator (reproducible for a seed). */
function noise(state: GanState, n: number): tf.Tensor2D {
  const values = new Float32Array(n * state.config.latentDim);
  for (let i = 0; i < values.length; i++) values[i] = state.prng.normal();
  return tf.tensor2d(values, [n, state.config.latentDim]);
}

/** One discriminator and one generator update on a batch of real beats (see the file header). */
export function ganStep(state: GanState, batch: { windows: Float32Array; labels: Int32Array }): GanStepLosses {
  const n = batch.labels.length;
  const { generator: G, discriminator: D, config } = state;
  const L = config.windowLength;
  const bce = (target: number, logits: tf.Tensor): tf.Scalar => tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, target), logits) as tf.Scalar;
  return tf.tidy(() => {
    const real = tf.tensor3d(batch.windows, [n, L, 1]);
    const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), config.classes.length);
    const z = noise(state, n);
    const dLoss = state.discriminatorOptimizer.minimize(() => {
      const fake = G.apply([z, y], { training: true }) as tf.Tensor;
      const realLogits = D.apply([real, y], { training: true }) as tf.Tensor;
      const fakeLogits = D.apply([fake, y], { training: true }) as tf.Tensor;
      return tf.add(bce(REAL_LABEL, realLogits), bce(0, fakeLogits));
    }, true, trainableVariables(D));
    const z2 = noise(state, n);
    const gLoss = state.generatorOptimizer.minimize(() => {
      const fake = G.apply([z2, y], { training: true }) as tf.Tensor;
      return bce(1, D.apply([fake, y], { training: true }) as tf.Tensor);
    }, true, trainableVariables(G));
    return { discriminator: dLoss!.dataSync()[0]!, generator: gLoss!.dataSync()[0]! };
  });
}

/**
 * Trains `state` for `options.steps` steps on `beats` (class-balanced batches), reporting
 * mean losses every `options.every` steps (default 50) and at the end. Stops early, between
 * steps, when `options.signal` aborts. Resolves to the steps done and the last report.
 * @throws TrainingError when there are no beats of the GAN's classes or a loss turns non-finite.
 */
export async function trainGan(
  state: GanState,
  beats: GanBeats,
  options: { steps: number; batchSize?: number; every?: number; signal?: AbortSignal; onProgress?: (p: GanProgress) => void },
): Promise<{ steps: number; last: GanProgress | null }> {
  if (beats.windowLength !== state.config.windowLength) throw new TrainingError(`the beats have ${beats.windowLength}-sample windows, the GAN makes ${state.config.windowLength}`);
  const lists = byClass(beats, state.config.classes.length);
  const n = options.batchSize ?? 64;
  const every = Math.max(1, options.every ?? 50);
  let sum = { discriminator: 0, generator: 0 };
  let since = 0;
  let started = performance.now();
  let last: GanProgress | null = null;
  let step = 0;
  while (step < options.steps && !options.signal?.aborted) {
    const losses = ganStep(state, sampleBatch(beats, lists, n, state.prng));
    if (!Number.isFinite(losses.discriminator) || !Number.isFinite(losses.generator)) throw new TrainingError(`GAN step ${step + 1}: non-finite loss (D ${losses.discriminator}, G ${losses.generator})`);
    sum = { discriminator: sum.discriminator + losses.discriminator, generator: sum.generator + losses.generator };
    since++;
    step++;
    if (step % every === 0 || step === options.steps) {
      const seconds = (performance.now() - started) / 1000;
      last = { step, steps: options.steps, losses: { discriminator: sum.discriminator / since, generator: sum.generator / since }, beatsPerSec: (since * n) / Math.max(seconds, 1e-9) };
      options.onProgress?.(last);
      sum = { discriminator: 0, generator: 0 };
      since = 0;
      started = performance.now();
      await new Promise((resolve) => setImmediate(resolve)); // let a cancel or a message in
    }
  }
  return { steps: step, last };
}

/**
 * `count` synthetic beats of class index `classIndex` (count × windowLength), from noise
 * drawn with `seed`.
 * @throws RangeError for a class index the generator does not know.
 */
export function synthesiseBeats(generator: tfl.LayersModel, config: GanConfig, classIndex: number, count: number, seed = 1): Float32Array {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= config.classes.length) throw new RangeError(`class index ${classIndex} is not one of the GAN's ${config.classes.length} classes`);
  const prng = createPrng(seed);
  return tf.tidy(() => {
    const z = tf.tensor2d(Float32Array.from({ length: count * config.latentDim }, () => prng.normal()), [count, config.latentDim]);
    const y = tf.oneHot(tf.fill([count], classIndex, 'int32') as tf.Tensor1D, config.classes.length);
    return Float32Array.from((generator.predict([z, y]) as tf.Tensor).dataSync());
  });
}
