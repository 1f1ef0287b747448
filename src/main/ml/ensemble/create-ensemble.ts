/**
 * Building an ensemble folder from trained model folders: load the candidates, classify the
 * DS1 validation beats with each (their own softmax, uncalibrated: the ensemble network
 * combines the members' raw outputs), choose the weights (./choose-weights) unless given,
 * drop zero-weight members, build the network (./build-network), score it on the same beats
 * for its card (./ensemble-card) and save it (../model-store) — a folder any model reader
 * takes.
 */
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DS2_RECORDS, loadRecords } from '../../datasets';
import { ModelConfigError } from '../layers/layer-utils';
import { argMaxScores } from '../calibration/prior-shift';
import { classifyBeats } from '../inference';
import { confusionMatrix, metricsOf } from '../evaluation/confusion';
import type { CardMetrics, ModelCard } from '../model-card';
import { loadModel, saveModel, type LoadedModel } from '../model-store';
import { collectBeats, DS1_VALIDATION_RECORDS, type BeatArrays } from '../training/data';
import { buildEnsembleNetwork, checkMembersCompatible, heaviest } from './build-network';
import { chooseWeights } from './choose-weights';
import { ensembleCard, type EnsembleSelection } from './ensemble-card';
import { top2Weighted } from './top2-rule';

/** Options of {@link createEnsemble}. */
export interface CreateEnsembleOptions {
  /** Candidate member model folders. */
  memberDirs: readonly string[];
  /** The ensemble folder to write. */
  outDir: string;
  name: string;
  /** MIT-BIH folder. */
  dataDir: string;
  cacheDir?: string;
  /** Records whose reference beats choose the weights (default DS1_VALIDATION_RECORDS; never DS2). */
  validationRecords?: readonly string[];
  /** Weights set by hand, one per member (no search). */
  weights?: readonly number[];
  /** Grid steps per unit weight (default 10). */
  steps?: number;
  /** The validation beats, given directly (tests); the records are then not read. */
  beats?: BeatArrays;
  onProgress?: (line: string) => void;
}

/** What was built. */
export interface CreatedEnsemble {
  dir: string;
  card: ModelCard;
  /** Weight per candidate, in `memberDirs` order (0 = left out). */
  weights: number[];
}

async function validationBeats(first: ModelCard, options: CreateEnsembleOptions, records: readonly string[]): Promise<BeatArrays> {
  if (options.beats !== undefined) return options.beats;
  const sets = await loadRecords(records, {
    dataDir: options.dataDir, window: first.input.window, filter: first.input.filter,
    rr: first.input.rr?.options ?? {}, ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  });
  return collectBeats(sets, first.model.classes.length);
}

function checkWeights(weights: readonly number[], members: number): number[] {
  if (weights.length !== members || weights.some((w) => !(w >= 0) || !Number.isFinite(w)) || !weights.some((w) => w > 0)) {
    throw new ModelConfigError(`weights must be ${members} finite numbers ≥ 0, at least one > 0; got ${weights.join(', ')}`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/**
 * Builds and saves the ensemble (see the file header).
 * @throws ModelLoadError for a member that cannot be loaded, ModelConfigError for members
 *   that cannot share an input, bad weights or DS2 validation records; WfdbError for a record
 *   that cannot be read.
 */
export async function createEnsemble(options: CreateEnsembleOptions): Promise<CreatedEnsemble> {
  const records = [...(options.validationRecords ?? DS1_VALIDATION_RECORDS)];
  const leaked = records.filter((r) => DS2_RECORDS.includes(r));
  if (leaked.length > 0) throw new ModelConfigError(`validation records ${leaked.join(', ')} are DS2 (test) records: ensemble weights are chosen on DS1 only`);
  const loaded: LoadedModel[] = [];
  try {
    for (const dir of options.memberDirs) loaded.push(await loadModel(dir));
    checkMembersCompatible(loaded);
    const first = loaded[0]!.card;
    const beats = await validationBeats(first, options, records);
    const classes = first.model.classes;
    const probabilities = loaded.map((m) => {
      options.onProgress?.(`classifying ${beats.count} validation beats with ${m.dir}`);
      return classifyBeats(m, beats, { calibrated: false }).probabilities;
    });
    const steps = options.steps ?? 10;
    const choice = options.weights === undefined ? chooseWeights(probabilities, beats.classes, classes, steps) : { weights: checkWeights(options.weights, loaded.length), macroF1: null, candidates: 1 };
    const kept = loaded.map((_, i) => i).filter((i) => choice.weights[i]! > 0);
    const keptWeights = kept.map((i) => choice.weights[i]!);
    const keptMembers = kept.map((i) => loaded[i]!);
    const ensembleProbabilities = top2Weighted(kept.map((i) => probabilities[i]!), keptWeights, classes.length);
    const matrix = confusionMatrix(classes, beats.classes, argMaxScores(ensembleProbabilities, classes.length));
    const metrics = metricsOf(matrix);
    const selection: EnsembleSelection = {
      method: options.weights === undefined ? 'grid' : 'given', records, beats: beats.count, steps: options.weights === undefined ? steps : null,
      candidates: choice.candidates, macroF1: metrics.macroF1, leftOut: loaded.filter((_, i) => choice.weights[i] === 0).map((m) => basename(m.dir)),
    };
    const validation: CardMetrics = { records, source: 'reference', metrics, confusion: matrix.counts, date: new Date().toISOString() };
    const network = buildEnsembleNetwork(keptMembers, keptWeights);
    try {
      const perClass = classes.map((_, c) => beats.classes.reduce((n, k) => n + (k === c ? 1 : 0), 0));
      const card = ensembleCard({
        name: options.name, members: keptMembers, weights: keptWeights, attentionFrom: heaviest(keptWeights), selection, validation,
        validationBeats: perClass, parameters: network.countParams(), backend: tf.getBackend(),
      });
      await saveModel(options.outDir, network, card);
      return { dir: options.outDir, card, weights: choice.weights };
    } finally {
      network.dispose();
    }
  } finally {
    for (const m of loaded) m.model.dispose();
  }
}
