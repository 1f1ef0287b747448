/**
 * The patient-specific evaluation protocol (Hu et al. 1997, de Chazal & Reilly 2006,
 * Kiranyaz et al. 2016; ../shared/docs/protocol.md): for each record, the reference labels
 * of its first 5 minutes are the "reviewed" beats a model is adapted on, and the remaining
 * 25 minutes are the test beats, classified by the unadapted and by the adapted model. The
 * beats are the reference annotations (windows, filter and RR features as the model's card
 * says, RR features over the whole record as the review computes them), so both models see
 * exactly the same test beats.
 */
import { AAMI_CLASSES, loadRecordBeats, type BeatSet } from '../datasets';
import { classifyBeats } from '../ml/inference';
import { irregularFlagsFor } from '../ml/irregular-rhythm-rule';
import { loadModel, type LoadedModel } from '../ml/model-store';
import { confusionMatrix, type ConfusionMatrix } from '../ml/evaluation/confusion';
import { gatherBeats } from '../ml/training/data';
import { fineTune, type AdaptSettings, type LabelledBeats } from './fine-tune';

/** Seconds of each record whose labels are given to the adaptation. */
export const REVIEWED_SEC = 300;

/** One record under the protocol. */
export interface PatientResult {
  record: string;
  reviewedBeats: number;
  testBeats: number;
  base: ConfusionMatrix;
  adapted: ConfusionMatrix;
  /** Beats of the test part whose predicted class the adaptation changed. */
  changed: number;
  tuneSec: number;
}

/**
 * Beats `from` … `to` − 1 of `set` with a reference class, as labelled beats, with their
 * irregular-rhythm flags when `irregular` (the whole set's, ../ml/irregular-rhythm-rule) is given.
 */
export function sliceBeats(set: BeatSet, from: number, to: number, irregular: Uint8Array | null = null): LabelledBeats & { irregular: Uint8Array | null } {
  const keep: number[] = [];
  for (let i = from; i < to; i++) if (set.classes[i]! >= 0) keep.push(i);
  return {
    ...gatherBeats([set], keep.map((i) => [0, i] as const)),
    irregular: irregular === null ? null : Uint8Array.from(keep, (i) => irregular[i]!),
  };
}

/** Options of {@link evaluatePatient}. */
export interface PatientOptions {
  dataDir: string;
  cacheDir?: string;
  settings: AdaptSettings;
  replay: LabelledBeats | null;
  reviewedSec?: number;
}

/**
 * Runs the protocol on one record with the model in `base` (left untouched: a fresh copy is
 * loaded from `base.dir` and tuned).
 * @throws WfdbError for a missing record; TrainingError when the adaptation fails.
 */
export async function evaluatePatient(base: LoadedModel, record: string, options: PatientOptions): Promise<PatientResult> {
  const { card } = base;
  const set = await loadRecordBeats(record, { dataDir: options.dataDir, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {}, cacheDir: options.cacheDir });
  const split = set.samples.findIndex((s) => s >= (options.reviewedSec ?? REVIEWED_SEC) * set.fs);
  const cut = split < 0 ? set.count : split;
  const reviewed = sliceBeats(set, 0, cut);
  // Flags drawn over the whole record, as the review draws them, not over the test part alone.
  const test = sliceBeats(set, cut, set.count, irregularFlagsFor(card, set));
  const before = classifyBeats(base, test).classes;
  const copy = await loadModel(base.dir);
  const started = performance.now();
  try {
    await fineTune(copy, reviewed, options.replay, options.settings);
    const tuneSec = (performance.now() - started) / 1000;
    const after = classifyBeats(copy, test).classes;
    let changed = 0;
    for (let i = 0; i < after.length; i++) changed += after[i] === before[i] ? 0 : 1;
    return {
      record,
      reviewedBeats: reviewed.count,
      testBeats: test.count,
      base: confusionMatrix(AAMI_CLASSES, test.classes, before),
      adapted: confusionMatrix(AAMI_CLASSES, test.classes, after),
      changed,
      tuneSec,
    };
  } finally {
    copy.model.dispose();
  }
}
