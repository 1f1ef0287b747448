/**
 * The test kit of our custom layers (style.md: every custom layer passes the TF.js
 * checklist): run on tfjs' deterministic `cpu` backend, wrap a layer in a tiny classifier,
 * train it a few steps, save and load it through memory, and count tensors — plus the
 * checklist items themselves (`expect…`), the same for every layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { registerCustomLayers } from '../../../../../src/main/ml/models/index';
import { createPrng } from '../../../../../src/main/ml/training/prng';

/** Selects the cpu backend (quietly: it greets Node users on first use otherwise). */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  Object.assign(tf.backend(), { firstUse: false });
  registerCustomLayers();
}

/** Deterministic uniform values in [−1, 1) (mulberry32), so a failure is reproducible. */
export function seededValues(seed: number, size: number): Float32Array {
  const random = createPrng(seed).next;
  return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

/** A seeded [batch, …shape] tensor. */
export function seededTensor(seed: number, shape: number[]): tf.Tensor {
  return tf.tensor(seededValues(seed, shape.reduce((p, d) => p * d, 1)), shape);
}

/** Saves `model` into memory (model.json + weights) and loads it back, as a file would. */
export async function saveAndLoad(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (artifacts === undefined) throw new Error('nothing was saved');
  // A JSON round trip, as through a file: nothing but plain data may survive.
  const topology = JSON.parse(JSON.stringify(artifacts.modelTopology)) as object;
  return tfl.loadLayersModel(tf.io.fromMemory({ ...artifacts, modelTopology: topology }));
}

/** Predictions of a single-output model as a flat array. */
export function predictValues(model: tfl.LayersModel, x: tf.Tensor | tf.Tensor[]): Float32Array {
  return tf.tidy(() => {
    const out = model.predict(x);
    return Float32Array.from((Array.isArray(out) ? (out[0] as tf.Tensor) : out).dataSync());
  });
}

/** Trains `model` (Adam) on one fixed batch; returns the loss before and after `steps` steps. */
export async function lossBeforeAfter(
  model: tfl.LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor,
  steps = 8,
  learningRate = 0.01,
): Promise<{ before: number; after: number }> {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const evaluate = (): number =>
    tf.tidy(() => {
      const loss = model.evaluate(x, y, { batchSize: 64 });
      return (Array.isArray(loss) ? (loss[0] as tf.Scalar) : loss).dataSync()[0] as number;
    });
  const before = evaluate();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  return { before, after: evaluate() };
}

/**
 * The loss of each of `steps` training steps on one batch, as trainOnBatch reports it. For
 * "does it learn" checks on whole models: an evaluation in inference mode would mix in
 * batch-norm moving statistics that a few steps barely move, and dropout makes single steps
 * noisy, so compare the mean of the first steps with the mean of the last.
 */
export async function trainingLosses(
  model: tfl.LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor,
  steps: number,
  learningRate: number,
): Promise<number[]> {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = await model.trainOnBatch(x, y);
    losses.push(Array.isArray(loss) ? (loss[0] as number) : loss);
  }
  return losses;
}

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Copies of every weight of a model (to compare before and after training). */
export function weightValues(model: tfl.LayersModel | tfl.layers.Layer): Float32Array[] {
  return model.getWeights().map((w) => Float32Array.from(w.dataSync()));
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** One-hot labels 0, 1, …, classes−1, 0, 1, … for `batch` examples. */
export function cyclicLabels(batch: number, classes: number): tf.Tensor2D {
  return tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % classes), 'int32'), classes) as tf.Tensor2D;
}

/** Runs `work` and returns how many tensors it left behind. */
export async function tensorsLeftBy(work: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  const result = work();
  if (result instanceof Promise) await result;
  return tf.memory().numTensors - before;
}

/** Checklist: `getConfig → fromConfig` rebuilds the same config, and it holds `expected` (when given). */
export function expectConfigRoundTrip<T extends tfl.layers.Layer>(
  cls: tf.serialization.SerializableConstructor<T>,
  layer: T,
  expected?: Record<string, unknown>,
): void {
  const copy = cls.fromConfig(cls, layer.getConfig());
  expect(copy.getConfig()).toEqual(layer.getConfig());
  if (expected !== undefined) expect(layer.getConfig()).toMatchObject(expected);
}

/** Checklist: `model` saved and loaded through memory predicts exactly what it did on `x`. */
export async function expectSameAfterSaveLoad(model: tfl.LayersModel, x: tf.Tensor | tf.Tensor[]): Promise<void> {
  const loaded = await saveAndLoad(model);
  expect(predictValues(loaded, x)).toEqual(predictValues(model, x));
}

/**
 * Checklist: a few Adam steps on one fixed batch lower the loss and change every weight of
 * the layer `layerName` (the layer under test, or the one it must pass gradients to).
 * Returns that layer's weights after training, for further checks.
 */
export async function expectLearns(
  model: tfl.LayersModel,
  layerName: string,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor,
  steps?: number,
): Promise<Float32Array[]> {
  const before = weightValues(model.getLayer(layerName));
  expect(before.length).toBeGreaterThan(0);
  const loss = await lossBeforeAfter(model, x, y, steps);
  expect(loss.after).toBeLessThan(loss.before);
  const after = weightValues(model.getLayer(layerName));
  after.forEach((w, i) => expect(maxAbsDiff(w, before[i] as Float32Array)).toBeGreaterThan(0));
  return after;
}

/**
 * Checklist: applying `layer` to `x` leaves no tensor behind, once for each of `calls`
 * (e.g. `[{}, { training: true }]`; default one inference call). `buildFirst` applies it
 * once beforehand, uncounted, so that the weights created on first use are not taken for a
 * leak. Disposes `x`.
 */
export async function expectNoTensorLeft(
  layer: tfl.layers.Layer,
  x: tf.Tensor,
  options: { buildFirst?: boolean; calls?: { training?: boolean }[] } = {},
): Promise<void> {
  const applyOnce = (kwargs: { training?: boolean }): void => tf.dispose(layer.apply(x, kwargs) as tf.Tensor | tf.Tensor[]);
  if (options.buildFirst) applyOnce({});
  for (const kwargs of options.calls ?? [{}]) expect(await tensorsLeftBy(() => applyOnce(kwargs))).toBe(0);
  x.dispose();
}
