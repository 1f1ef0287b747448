/**
 * Training checkpoints: after each epoch the run writes `<outDir>/checkpoint/`, a model
 * folder (../model-store: model.json, weights.bin, model-card.json, written atomically)
 * with two more files:
 * - `optimizer.bin`: Adam's state (iteration count, first and second moments) as tfjs
 *   weights (`tf.io.encodeWeights`), so a resumed run takes exactly the step it would have;
 * - `trainer-state.json`: epochs done, optimizer steps, early-stopping state, history,
 *   the weight specs of optimizer.bin, and the run's identity (model config, data and
 *   settings but the epoch count and patience), which a resume must match.
 * Randomness needs no saved state: every epoch seeds its batches, augmentation and dropout
 * from (seed, epoch) (./prng `deriveSeed`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelCard } from '../model-card';
import { loadModel, saveModel } from '../model-store';
import type { EarlyStoppingState } from './early-stopping';
import type { EpochSummary } from './progress';
import { TrainingError } from './training-error';

/** Checkpoint file names (besides the model folder's own). */
export const CHECKPOINT_FILES = Object.freeze({ optimizer: 'optimizer.bin', state: 'trainer-state.json' });

/** What `trainer-state.json` holds. */
export interface TrainerState {
  version: 1;
  /** Completed epochs. */
  epochsDone: number;
  /** Optimizer steps taken. */
  steps: number;
  earlyStopping: EarlyStoppingState;
  history: EpochSummary[];
  /** JSON of what must not change between a run and its resume. */
  identity: string;
  optimizerSpecs: tf.io.WeightsManifestEntry[];
}

/** Writes the checkpoint folder `dir` (atomically). */
export async function saveCheckpoint(dir: string, model: tfl.LayersModel, optimizer: tf.Optimizer, card: ModelCard, state: Omit<TrainerState, 'optimizerSpecs' | 'version'>): Promise<void> {
  const named = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(named);
  const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
  const full: TrainerState = { version: 1, ...state, optimizerSpecs: specs };
  await saveModel(dir, model, card, {
    [CHECKPOINT_FILES.optimizer]: bytes,
    [CHECKPOINT_FILES.state]: `${JSON.stringify(full)}\n`,
  });
}

/** A checkpoint read back. */
export interface RestoredCheckpoint {
  state: TrainerState;
  /** The checkpoint's model (its weights go into the run's model). */
  model: tfl.LayersModel;
  card: ModelCard;
}

/**
 * Reads the checkpoint folder `dir` and checks that it belongs to a run with `identity`.
 * @throws TrainingError when there is no usable checkpoint or it is another run's;
 *   ModelLoadError when its model files are damaged.
 */
export async function readCheckpoint(dir: string, identity: string): Promise<RestoredCheckpoint> {
  let state: TrainerState;
  try {
    state = JSON.parse(await readFile(join(dir, CHECKPOINT_FILES.state), 'utf8')) as TrainerState;
  } catch (error) {
    throw new TrainingError(`${dir}: no checkpoint to resume from (${(error as Error).message})`, { file: dir });
  }
  if (state.version !== 1 || typeof state.epochsDone !== 'number') throw new TrainingError(`${dir}: ${CHECKPOINT_FILES.state} is not a checkpoint state`);
  if (state.identity !== identity) {
    throw new TrainingError(`${dir}: the checkpoint belongs to a run with other settings, data or model; resume with the same options (only --epochs and --patience may change)`, { file: dir });
  }
  const { model, card } = await loadModel(dir);
  return { state, model, card };
}

/** Puts the checkpoint's weights into `model` and its Adam state into `optimizer`. */
export async function restoreInto(dir: string, restored: RestoredCheckpoint, model: tfl.LayersModel, optimizer: tf.Optimizer): Promise<void> {
  const weights = restored.model.getWeights();
  try {
    model.setWeights(weights);
  } catch (error) {
    throw new TrainingError(`${dir}: the checkpoint's weights do not fit the model (${(error as Error).message})`, { file: dir });
  } finally {
    restored.model.dispose();
  }
  const bytes = await readFile(join(dir, CHECKPOINT_FILES.optimizer));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const map = tf.io.decodeWeights(buffer, restored.state.optimizerSpecs);
  // decodeWeights keys by name in spec order; Adam wants [iterations, m…, v…] in that order.
  try {
    await optimizer.setWeights(restored.state.optimizerSpecs.map((spec) => ({ name: spec.name, tensor: map[spec.name]! })));
  } finally {
    tf.dispose(Object.values(map)); // the optimizer's variables hold their own references
  }
}
