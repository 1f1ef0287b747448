/**
 * Out-of-fold fit of a model's class-prior correction (./prior-shift). The training records
 * of DS1 are split into k folds by patient; for each fold a model is trained with the card's
 * own recipe (architecture, input, settings, seed) on the other folds — the held-out fold
 * chooses its best epoch, as the card's validation records chose the card's — and classifies
 * the held-out fold's reference beats. The pooled out-of-fold probabilities, scaled by the
 * card's temperature, are beats of patients each model never trained on: the shift fitted
 * on them corrects the decisions for patients the training did not see, which the card's
 * few validation records cannot show reliably (the fold's epoch choice saw its own held-out
 * beats, a mild optimism the fit inherits).
 *
 * Training the folds is the caller's (the CLI runs ../training in a worker); this module
 * builds the jobs and fits on the fold models.
 */
import { AAMI_CLASSES } from '../../datasets';
import type { CardCalibration, CardPriorShiftFit, ModelCard } from '../model-card';
import type { LoadedModel } from '../model-store';
import { ARCHITECTURES, type ModelConfig } from '../models';
import type { TrainingJob } from '../training/job';
import { trainingSettings, type TrainingSettings } from '../training/settings';
import { collectProbabilities, type CalibrationDataOptions, type LabelledProbabilities } from './calibrate-model';
import { fitLogPriorShift, type PriorShiftFit } from './prior-shift';

/** Where a fold's training reads and writes. */
export interface FoldJobSpec {
  trainRecords: string[];
  /** The held-out fold: it chooses the epoch and is then classified. */
  heldOut: string[];
  outDir: string;
  dataDir: string;
  cacheDir: string | null;
}

/**
 * The training job of one fold: the card's model, settings and input exactly, with the
 * fold's records.
 * @throws RangeError for a card whose model is not a trainable architecture or whose settings do not check.
 */
export function foldTrainingJob(card: ModelCard, spec: FoldJobSpec, k: number): TrainingJob {
  const model = card.model;
  if (!(ARCHITECTURES as readonly string[]).includes(model.architecture)) throw new RangeError(`a ${model.architecture} model cannot be retrained per fold`);
  const settings = trainingSettings(card.training.hyperParameters as Partial<TrainingSettings>);
  return {
    name: card.name,
    model: { ...(model as ModelConfig), rrFeatures: [...model.rrFeatures], classes: [...model.classes], hyper: { ...model.hyper } },
    settings,
    data: {
      dataDir: spec.dataDir,
      cacheDir: spec.cacheDir,
      trainRecords: [...spec.trainRecords],
      validationRecords: [...spec.heldOut],
      split: `${k}-fold by patient over DS1: held-out fold ${spec.heldOut.join(',')} (epoch choice, then out-of-fold prediction)`,
      window: card.input.window,
      filter: card.input.filter,
      rr: card.input.rr?.options ?? {},
      maxBeatsPerRecord: card.training.maxBeatsPerRecord,
    },
    outDir: spec.outDir,
    resume: false,
  };
}

/**
 * The jobs of every fold: fold i holds out `folds[i]` and trains on the other folds' records,
 * in sorted order (as DS1_RECORDS and the train command list them: the order of the records
 * sets the order of the beats, hence the batches — a different order is a different model).
 * @throws RangeError when a record is in two folds or fewer than 2 folds are given.
 */
export function foldJobSpecs(folds: readonly (readonly string[])[], outDirOf: (fold: number) => string, data: { dataDir: string; cacheDir: string | null }): FoldJobSpec[] {
  if (folds.length < 2) throw new RangeError(`need at least 2 folds, got ${folds.length}`);
  const all = folds.flat();
  if (new Set(all).size !== all.length) throw new RangeError('a record is in more than one fold');
  const sorted = [...all].sort();
  return folds.map((heldOut, i) => ({ trainRecords: sorted.filter((r) => !heldOut.includes(r)), heldOut: [...heldOut], outDir: outDirOf(i), ...data }));
}

/** One fold's trained model and the records it held out. */
export interface FoldModel {
  loaded: LoadedModel;
  heldOut: readonly string[];
}

/**
 * The network's own probabilities for the reference beats of each fold's held-out records,
 * by that fold's model, pooled (fold after fold).
 * @throws WfdbError for a record that cannot be read.
 */
export async function outOfFoldProbabilities(folds: readonly FoldModel[], data: Omit<CalibrationDataOptions, 'records'>): Promise<LabelledProbabilities> {
  const parts: LabelledProbabilities[] = [];
  for (const fold of folds) parts.push(await collectProbabilities(fold.loaded, { ...data, records: fold.heldOut }));
  const classes = folds[0]?.loaded.card.model.classes.join() ?? '';
  if (folds.some((f) => f.loaded.card.model.classes.join() !== classes)) throw new RangeError('the fold models do not share their classes');
  const K = folds[0]?.loaded.card.model.classes.length ?? 0;
  const count = parts.reduce((s, p) => s + p.count, 0);
  const probabilities = new Float32Array(count * K);
  const labels = new Int8Array(count);
  let at = 0;
  for (const part of parts) {
    probabilities.set(part.probabilities, at * K);
    labels.set(part.labels, at);
    at += part.count;
  }
  return { records: parts.flatMap((p) => p.records), probabilities, labels, count };
}

/** The fit and the calibration entry it gives. */
export interface OutOfFoldPriorFit {
  fit: PriorShiftFit;
  calibration: CardCalibration;
}

/**
 * Fits the log-prior shift of `card` on out-of-fold probabilities `oof` (the card's
 * temperature applied first; macro F1 over N S V F) and returns the card's calibration with
 * it. Any shift already in the card is replaced, never compounded.
 * @throws RangeError when the card has no temperature calibration (run `calibrate` first) or is not over the AAMI classes.
 */
export function fitOutOfFoldPriors(card: ModelCard, oof: LabelledProbabilities, folds: readonly (readonly string[])[], now = new Date()): OutOfFoldPriorFit {
  const calibration = card.calibration;
  if (calibration === undefined) throw new RangeError(`model ${card.name} has no temperature calibration: the shift is added after it (calibrate the model first)`);
  const classes = card.model.classes;
  if (classes.join() !== AAMI_CLASSES.join()) throw new RangeError(`the prior fit needs a model of the AAMI classes ${AAMI_CLASSES.join(' ')}, not ${classes.join(' ')}`);
  const macroClasses = ['N', 'S', 'V', 'F'].map((name) => classes.indexOf(name));
  // Q (8 DS1 beats, outside the macro F1) is not fitted: left at 0 while S, V and F move down it
  // would gain beats, and searched freely it becomes a dump for the beats the others get wrong
  // (b_Q +5.9 in a first fit, 2,259 N beats called Q). It takes the lowest shift instead.
  const tiedToLowest = classes.map((_, c) => c).filter((c) => !macroClasses.includes(c));
  const fit = fitLogPriorShift(oof.probabilities, oof.labels, classes.length, { temperature: calibration.temperature, macroClasses, tiedToLowest });
  const priorShiftFit: CardPriorShiftFit = {
    method: 'out-of-fold macro F1 (N S V F) after the temperature, coordinate search over S V F, Q tied to the lowest',
    folds: folds.map((f) => [...f]),
    beats: fit.beats,
    macroF1: fit.macroF1,
    date: now.toISOString(),
  };
  return { fit, calibration: { ...calibration, logPriorShift: fit.logPriorShift, priorShiftFit } };
}
