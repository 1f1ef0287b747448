/**
 * The network of a Top2-weighted ensemble: one tfjs model holding a copy of every member's
 * layers and the ./top2-layer on their outputs, so that an ensemble is saved, loaded,
 * exported and run exactly like a single model (../model-store, ../inference, the model
 * manager), its members inside its own `model.json` and `weights.bin`.
 *
 *   beat [L, 1] ─┬─ m0_… (member 0's layers) ─ m0_probabilities ─┐
 *   difference ──┤                                                  │
 *                ├─ m1_… ─────────────────────── m1_probabilities ─┼─ Top2Weighted 'probabilities'
 *   rr [F] ──────┴─ m<i>_rr_norm (frozen Dense: member i's RR selection and standardisation)
 *
 * Members must read the same beat window, filter, lead and classes (the ensemble cuts one
 * window per beat, and, when the window asks for them, one neighbour difference: the
 * 'difference' input, shared like 'beat'); they may differ in RR features and their statistics: the ensemble's 'rr'
 * input takes the raw features (the union, in RR_FEATURE_NAMES order; its card's
 * normalisation is the identity) and each member's frozen `rr_norm` Dense applies that
 * member's own selection and (x − mean) / std. Layers are renamed `m<i>_<name>`, except the
 * 'attention' layer of the heaviest member, which keeps its name: the ensemble's attention
 * heatmap (../models withAttention) is that member's.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { RR_FEATURE_NAMES } from '../../signal/rr-features';
import { ModelConfigError } from '../layers/layer-utils';
import type { ModelCard } from '../model-card';
import { LAYER_NAMES } from '../models';
import { walkGraph } from '../explain/graph-walk';
import { Top2Weighted } from './top2-layer';

/** A member as the builder needs it: its network, card and folder (named in errors). */
export interface NetworkMember {
  dir: string;
  card: ModelCard;
  model: tfl.LayersModel;
}

/** Prefix of member `index`'s layer names. */
export function memberPrefix(index: number): string {
  return `m${index}_`;
}

/** Index of the largest weight (the first on a tie). */
export function heaviest(weights: readonly number[]): number {
  return weights.reduce((best, w, i) => (w > weights[best]! ? i : best), 0);
}

/** JSON of a value with sorted keys, to compare configs regardless of key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * Checks that the members can share one input: same window, filter, lead, classes and RR
 * options (for the members that read RR features), none of them an ensemble.
 * @throws ModelConfigError naming the first member that differs from member 0 and how.
 */
export function checkMembersCompatible(members: readonly NetworkMember[]): void {
  const first = members[0];
  if (first === undefined) throw new ModelConfigError('an ensemble needs at least one member');
  const rrOptions = members.find((m) => m.card.input.rr !== null)?.card.input.rr?.options;
  for (const member of members) {
    const { card } = member;
    const differs = (what: string): ModelConfigError =>
      new ModelConfigError(`${member.dir}: its ${what} differs from ${first.dir}'s; ensemble members must read the same input (train them with the same --window and --filter)`, { file: member.dir });
    if (card.model.architecture === 'top2-ensemble') throw new ModelConfigError(`${member.dir}: is an ensemble; members must be single models`, { file: member.dir });
    if (canonical(card.input.window) !== canonical(first.card.input.window)) throw differs('beat window');
    if (canonical(card.input.filter) !== canonical(first.card.input.filter)) throw differs('filter');
    if (card.input.lead !== first.card.input.lead) throw differs('lead');
    if (card.model.classes.join() !== first.card.model.classes.join()) throw differs('class list');
    if (card.input.rr !== null && canonical(card.input.rr.options) !== canonical(rrOptions)) throw differs('RR feature options');
  }
}

/** The RR features the ensemble's 'rr' input carries: every member's, in RR_FEATURE_NAMES order. */
export function unionRrFeatures(members: readonly NetworkMember[]): string[] {
  const used = new Set(members.flatMap((m) => m.card.input.rr?.normalisation.features ?? []));
  return RR_FEATURE_NAMES.filter((name) => used.has(name));
}

/** The frozen Dense giving member `card`'s normalised RR features from the ensemble's raw `union`. */
function rrNormLayer(rr: tfl.SymbolicTensor, union: readonly string[], card: ModelCard, prefix: string): tfl.SymbolicTensor {
  const norm = card.input.rr!.normalisation;
  const layer = tfl.layers.dense({ units: norm.features.length, trainable: false, name: `${prefix}rr_norm` });
  const out = layer.apply(rr) as tfl.SymbolicTensor;
  const kernel = new Float32Array(union.length * norm.features.length);
  const bias = new Float32Array(norm.features.length);
  norm.features.forEach((name, k) => {
    kernel[union.indexOf(name) * norm.features.length + k] = 1 / norm.std[k]!;
    bias[k] = -norm.mean[k]! / norm.std[k]!;
  });
  const values = [tf.tensor2d(kernel, [union.length, norm.features.length]), tf.tensor1d(bias)];
  layer.setWeights(values);
  tf.dispose(values);
  return out;
}

/** A new layer of `layer`'s class and configuration, named `name`. */
function cloneLayer(layer: tfl.layers.Layer, name: string): tfl.layers.Layer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
  if (entry === undefined) throw new ModelConfigError(`layer '${layer.name}' has the unregistered class ${layer.getClassName()}`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, { ...layer.getConfig(), name }) as tfl.layers.Layer;
}

/**
 * Builds the ensemble network of `members` with `weights` (see the file header); the
 * members' weights are copied, the members themselves left as they are.
 * @throws ModelConfigError for incompatible members or invalid weights.
 */
export function buildEnsembleNetwork(members: readonly NetworkMember[], weights: readonly number[]): tfl.LayersModel {
  checkMembersCompatible(members);
  if (weights.length !== members.length) throw new ModelConfigError(`${weights.length} weights for ${members.length} members`);
  const { window } = members[0]!.card.input;
  const union = unionRrFeatures(members);
  const beat = tfl.input({ shape: [window.length, 1], name: LAYER_NAMES.beat });
  // The members share one window config (checked above), so they all read differences or none does.
  const difference = window.difference === undefined ? null : tfl.input({ shape: [window.length, 1], name: LAYER_NAMES.difference });
  const rr = union.length > 0 ? tfl.input({ shape: [union.length], name: LAYER_NAMES.rr }) : null;
  const attentionMember = heaviest(weights);
  const copies: [tfl.layers.Layer, tfl.layers.Layer][] = [];
  const outputs = members.map((member, i) => {
    const prefix = memberPrefix(i);
    const feeds: Record<string, tfl.SymbolicTensor> = { [LAYER_NAMES.beat]: beat };
    if (difference !== null) feeds[LAYER_NAMES.difference] = difference;
    if (member.card.input.rr !== null && rr !== null) feeds[LAYER_NAMES.rr] = rrNormLayer(rr, union, member.card, prefix);
    const walked = walkGraph(member.model, feeds, (layer, x) => {
      const keep = i === attentionMember && layer.name === LAYER_NAMES.attention;
      const copy = cloneLayer(layer, keep ? layer.name : `${prefix}${layer.name}`);
      copies.push([layer, copy]);
      return copy.apply(x) as tfl.SymbolicTensor | tfl.SymbolicTensor[];
    });
    const output = member.model.outputs[0];
    const probabilities = output === undefined ? undefined : walked.get(output.sourceLayer.name)?.[0];
    if (probabilities === undefined) throw new ModelConfigError(`${member.dir}: the network has no output`);
    return probabilities;
  });
  const combined = new Top2Weighted({ memberWeights: [...weights], name: LAYER_NAMES.probabilities }).apply(outputs) as tfl.SymbolicTensor;
  const inputs = [beat, difference, rr].filter((x): x is tfl.SymbolicTensor => x !== null);
  const model = tfl.model({ inputs, outputs: combined, name: 'top2_ensemble' });
  for (const [from, to] of copies) to.setWeights(from.getWeights());
  return model;
}
