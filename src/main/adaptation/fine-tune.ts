/**
 * Patient adaptation of a loaded model (in place: the caller loads a fresh copy): a few
 * epochs over the beats the reviewer labelled in one recording, each epoch mixed with a
 * draw of replay beats from the model's training data (./replay-sample) so that it keeps
 * what it knew about the classes this patient has not shown (Li & Hoiem's "learning without
 * forgetting" concern; here by rehearsal). Focal/cross-entropy loss with class weights over
 * the epoch's mix, light augmentation, Adam at a small learning rate, batch normalisation
 * frozen (./adapt-step). Deterministic for a seed on one backend.
 *
 * The settings ({@link DEFAULT_ADAPT}) were chosen by `npm run eval:adapt -- --validation`
 * on the DS1 validation records (see models/README.md, "Patient adaptation").
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LoadedModel } from '../ml/model-store';
import { DEFAULT_AUGMENT, gatherWindows, type AugmentOptions } from '../ml/training/augment';
import { classWeights, countClasses, type ClassWeighting } from '../ml/training/class-weights';
import { gatherRows } from '../ml/training/data';
import { createPrng, deriveSeed, seedMathRandom, shuffleInPlace, type Prng } from '../ml/training/prng';
import { normaliseRr } from '../ml/training/rr-normalisation';
import { TrainingError } from '../ml/training/training-error';
import { planMcGraph } from '../ml/uncertainty/mc-dropout';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import { adaptStep, scopeVariables, type AdaptStepContext, type TrainableScope } from './adapt-step';

/** Settings of an adaptation. */
export interface AdaptSettings {
  /** Passes over the reviewed beats. */
  epochs: number;
  learningRate: number;
  batchSize: number;
  trainable: TrainableScope;
  /** Replay beats drawn per reviewed beat in every epoch (0: none). */
  replayRatio: number;
  /** Fewest replay beats per epoch when there is replay (a handful of reviewed beats still gets some). */
  minReplay: number;
  classWeighting: ClassWeighting;
  classWeightCap: number;
  /** Focal γ (0: weighted cross-entropy). */
  gamma: number;
  augmentation: AugmentOptions | null;
  clipNorm: number;
  seed: number;
}

/** The settings the adaptation uses unless told otherwise (see the file header). */
export const DEFAULT_ADAPT: Readonly<AdaptSettings> = Object.freeze({
  epochs: 10,
  learningRate: 3e-4,
  batchSize: 64,
  // Every weight: for run R, whose false calls come from the convolutions that read the
  // neighbour differences, tuning the head alone lowered the DS1 validation macro F1
  // (0.559 → 0.510) and tuning all raised it (→ 0.617); for run E the head had been best.
  trainable: 'all',
  replayRatio: 1,
  minReplay: 256,
  classWeighting: 'sqrt-inverse',
  classWeightCap: 10,
  gamma: 0,
  augmentation: DEFAULT_AUGMENT,
  clipNorm: 1,
  seed: 42,
});

/** Labelled beats: windows (and differences) as the model reads them, raw RR features, class indices. */
export interface LabelledBeats {
  count: number;
  /** count × windowLength. */
  windows: Float32Array;
  /** count × windowLength neighbour differences, or null (a model that reads them needs them). */
  differences: Float32Array | null;
  /** count × RR_FEATURE_COUNT raw RR features. */
  rr: Float32Array;
  classes: Int8Array;
}

/** Progress and cancellation of {@link fineTune}. */
export interface FineTuneHooks {
  signal?: AbortSignal;
  /** After each step: 0..1 of the tuning done and the mean loss of the epoch so far. */
  onProgress?: (progress: { fraction: number; epoch: number; loss: number }) => void;
}

/** What a finished tuning reports. */
export interface FineTuneResult {
  state: 'done' | 'cancelled';
  /** Reviewed beats per class, BEAT_LABELS order. */
  reviewedCounts: number[];
  /** Distinct replay beats used, and replay beats drawn over all epochs. */
  replayBeats: number;
  steps: number;
  finalLoss: number;
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Both sets as one (reviewed first), the RR features normalised for the model. */
function pool(loaded: LoadedModel, reviewed: LabelledBeats, replay: LabelledBeats | null): { all: LabelledBeats; rr: Float32Array | null; width: number } {
  const L = loaded.card.model.windowLength;
  const withDifferences = loaded.card.model.neighbourDifference === true;
  const parts = replay === null ? [reviewed] : [reviewed, replay];
  const count = parts.reduce((n, p) => n + p.count, 0);
  const all: LabelledBeats = {
    count,
    windows: new Float32Array(count * L),
    differences: withDifferences ? new Float32Array(count * L) : null,
    rr: new Float32Array(count * RR_FEATURE_COUNT),
    classes: new Int8Array(count),
  };
  let at = 0;
  for (const p of parts) {
    if (p.windows.length !== p.count * L) throw new TrainingError(`adaptation: ${p.windows.length} window samples for ${p.count} beats of ${L} samples`);
    if (withDifferences && p.differences?.length !== p.count * L) throw new TrainingError('adaptation: the model reads neighbour differences, and some beats come without them');
    all.windows.set(p.windows, at * L);
    if (withDifferences) all.differences!.set(p.differences!, at * L);
    all.rr.set(p.rr, at * RR_FEATURE_COUNT);
    all.classes.set(p.classes, at);
    at += p.count;
  }
  const norm = loaded.card.input.rr?.normalisation ?? null;
  return { all, rr: norm === null ? null : normaliseRr(all.rr, norm), width: norm?.features.length ?? 0 };
}

/** One epoch's beat indices into the pool: every reviewed beat, plus `replayCount` replay beats cycling through a shuffled order. */
function epochIndices(reviewed: number, replayOrder: Int32Array, replayCount: number, cursor: { at: number }, prng: Prng): Int32Array {
  const out = new Int32Array(reviewed + replayCount);
  for (let i = 0; i < reviewed; i++) out[i] = i;
  for (let k = 0; k < replayCount; k++) {
    if (cursor.at >= replayOrder.length) {
      shuffleInPlace(replayOrder, prng);
      cursor.at = 0;
    }
    out[reviewed + k] = reviewed + replayOrder[cursor.at++]!;
  }
  return shuffleInPlace(out, prng);
}

/**
 * Tunes `loaded.model` in place on `reviewed` (+ `replay`); see the file header. Resolves
 * with state 'cancelled' (the model half-tuned: discard it) when `hooks.signal` aborts.
 * @throws TrainingError when there is no reviewed beat or the loss diverges.
 */
export async function fineTune(loaded: LoadedModel, reviewed: LabelledBeats, replay: LabelledBeats | null, settings: AdaptSettings, hooks: FineTuneHooks = {}): Promise<FineTuneResult> {
  if (reviewed.count === 0) throw new TrainingError('adaptation: no reviewed beat to tune on');
  const K = loaded.card.model.classes.length;
  const L = loaded.card.model.windowLength;
  const { all, rr, width } = pool(loaded, reviewed, replay);
  const replayTotal = replay?.count ?? 0;
  const replayPerEpoch = replayTotal === 0 ? 0 : Math.max(settings.minReplay, Math.round(settings.replayRatio * reviewed.count));
  const prng = createPrng(deriveSeed(settings.seed, 'adapt'));
  const replayOrder = shuffleInPlace(Int32Array.from({ length: replayTotal }, (_, i) => i), prng);
  const cursor = { at: 0 };
  const epochs = Array.from({ length: settings.epochs }, () => epochIndices(reviewed.count, replayOrder, replayPerEpoch, cursor, prng));
  const mix = countClasses(Array.from(epochs[0] ?? [], (i) => all.classes[i]!), K);
  const ctx: AdaptStepContext = {
    graph: planMcGraph(loaded.model),
    optimizer: tf.train.adam(settings.learningRate),
    variables: scopeVariables(loaded.model, settings.trainable),
    loss: { gamma: settings.gamma, classWeights: classWeights(mix, settings.classWeighting, settings.classWeightCap) },
    clipNorm: settings.clipNorm,
  };
  const stepsPerEpoch = Math.ceil((reviewed.count + replayPerEpoch) / settings.batchSize);
  const totalSteps = stepsPerEpoch * settings.epochs;
  const restoreRandom = seedMathRandom(deriveSeed(settings.seed, 'adapt-dropout'));
  let steps = 0;
  let finalLoss = Number.NaN;
  try {
    for (let e = 0; e < settings.epochs; e++) {
      const indices = epochs[e]!;
      let lossSum = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        if (hooks.signal?.aborted) return { state: 'cancelled', reviewedCounts: countClasses(reviewed.classes, K), replayBeats: replayPerEpoch * settings.epochs, steps, finalLoss };
        const batch = indices.subarray(b * settings.batchSize, (b + 1) * settings.batchSize);
        const loss = adaptStep(ctx, {
          beat: gatherWindows(all, L, batch, settings.augmentation, prng),
          windowLength: L,
          rr: rr === null ? null : gatherRows(rr, width, batch),
          rrWidth: width,
          labels: Int32Array.from(batch, (i) => all.classes[i]!),
        });
        if (!Number.isFinite(loss)) throw new TrainingError(`adaptation: the loss became ${loss} at epoch ${e + 1}; lower the learning rate`);
        lossSum += loss;
        steps++;
        finalLoss = lossSum / (b + 1);
        hooks.onProgress?.({ fraction: steps / totalSteps, epoch: e + 1, loss: finalLoss });
        await yieldToEvents();
      }
    }
  } finally {
    restoreRandom();
    ctx.optimizer.dispose();
  }
  return { state: 'done', reviewedCounts: countClasses(reviewed.classes, K), replayBeats: Math.min(replayTotal, replayPerEpoch * settings.epochs), steps, finalLoss };
}
