/**
 * Test helpers for our custom layers (style.md §5 checklist): run on tfjs' deterministic
 * `cpu` backend, wrap a layer in a tiny classifier, train it a few steps, save and load it
 * through memory, and count tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerCustomLayers } from '../../../../../src/main/ml/models/index';

/** Selects the cpu backend (quietly: it greets Node users on first use otherwise). */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  Object.assign(tf.backend(), { firstUse: false });
  registerCustomLayers();
}

/** Deterministic uniform values in [−1, 1) (mulberry32), so a failure is reproducible. */
export function seededValues(seed: number, size: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: size }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  });
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
