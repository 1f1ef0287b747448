/**
 * The model card of a Top2-weighted ensemble. It is an ordinary card (../model-card), so
 * the loader, the manager and the app read it as they read any model's; architecture
 * 'top2-ensemble', the shared input of its members (RR features raw: the network
 * standardises them per member, see ./build-network), and what makes it an ensemble —
 * the rule, the members by name, source folder and weight, how the weights were chosen —
 * under `training.hyperParameters.ensemble` (the card's free-form settings, which the card
 * schema keeps as they are). The members themselves live inside the ensemble's own
 * model.json and weights.bin, so the folder is self-contained for export and import.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { MODEL_CARD_FORMAT, MODEL_CARD_VERSION, type CardMetrics, type ModelCard } from '../model-card';
import { ENSEMBLE_ARCHITECTURE } from '../models';
import { memberPrefix, unionRrFeatures, type NetworkMember } from './build-network';

/** One member as the card lists it. */
export interface EnsembleMemberInfo {
  /** Prefix of its layers inside the ensemble network ('m0_', …). */
  prefix: string;
  name: string;
  version: string;
  architecture: string;
  /** The folder it was read from (its name: the model manager's id). */
  source: string;
  weight: number;
  parameters: number;
  /** Its own validation macro F1, as its card gave it. */
  validationMacroF1: number | null;
}

/** How the weights were chosen. */
export interface EnsembleSelection {
  /** 'grid': the best on a grid over DS1 validation beats (./choose-weights); 'given': set by hand. */
  method: 'grid' | 'given';
  records: string[];
  beats: number;
  /** Grid steps per unit weight (grid only). */
  steps: number | null;
  candidates: number;
  /** Macro F1 (N, S, V, F) of the ensemble on those beats. */
  macroF1: number | null;
  /** Candidate members left out because their best weight was 0, by folder name (as `source`: a card names no machine path). */
  leftOut: string[];
}

/** What the card says about the ensemble. */
export interface EnsembleDescription {
  rule: 'top2-weighted';
  members: EnsembleMemberInfo[];
  /** Prefix of the member whose attention the ensemble's heatmap shows (the heaviest). */
  attentionFrom: string;
  selection: EnsembleSelection;
}

const descriptionSchema = z.object({
  rule: z.literal('top2-weighted'),
  members: z.array(z.object({
    prefix: z.string(), name: z.string(), version: z.string(), architecture: z.string(), source: z.string(),
    weight: z.number().min(0), parameters: z.number(), validationMacroF1: z.number().nullable(),
  })).min(1),
  attentionFrom: z.string(),
  selection: z.object({
    method: z.enum(['grid', 'given']), records: z.array(z.string()), beats: z.number(), steps: z.number().nullable(),
    candidates: z.number(), macroF1: z.number().nullable(), leftOut: z.array(z.string()),
  }),
});

/** The ensemble description of `card`, or null when it is not a (well-formed) ensemble card. */
export function ensembleOf(card: ModelCard): EnsembleDescription | null {
  if (card.model.architecture !== ENSEMBLE_ARCHITECTURE) return null;
  const parsed = descriptionSchema.safeParse(card.training.hyperParameters['ensemble']);
  return parsed.success ? parsed.data : null;
}

/** The card of an ensemble of `members` (already reduced to those kept) with `weights`. */
export function ensembleCard(options: {
  name: string;
  members: readonly NetworkMember[];
  weights: readonly number[];
  attentionFrom: number;
  selection: EnsembleSelection;
  validation: CardMetrics | null;
  validationBeats: number[];
  parameters: number;
  backend: string;
}): ModelCard {
  const { members, weights } = options;
  const first = members[0]!.card;
  const union = unionRrFeatures(members);
  const rrOptions = members.find((m) => m.card.input.rr !== null)?.card.input.rr?.options ?? {};
  const description: EnsembleDescription = {
    rule: 'top2-weighted',
    members: members.map((m, i) => ({
      prefix: memberPrefix(i), name: m.card.name, version: m.card.version, architecture: m.card.model.architecture, source: basename(m.dir),
      weight: weights[i]!, parameters: m.card.parameters, validationMacroF1: m.card.metrics.validation?.metrics.macroF1 ?? null,
    })),
    attentionFrom: memberPrefix(options.attentionFrom),
    selection: options.selection,
  };
  const trainRecords = [...new Set(members.flatMap((m) => m.card.training.trainRecords))].sort();
  return {
    format: MODEL_CARD_FORMAT,
    formatVersion: MODEL_CARD_VERSION,
    name: options.name,
    version: '1',
    model: { architecture: ENSEMBLE_ARCHITECTURE, windowLength: first.model.windowLength, windowRateHz: first.model.windowRateHz, rrFeatures: union, classes: [...first.model.classes], hyper: { members: members.length },
      ...(first.model.neighbourDifference === true ? { neighbourDifference: true } : {}) },
    input: {
      window: first.input.window, filter: first.input.filter, lead: first.input.lead,
      rr: union.length === 0 ? null : { options: rrOptions, normalisation: { features: union, mean: union.map(() => 0), std: union.map(() => 1) } },
    },
    training: {
      dataset: first.training.dataset, trainRecords, validationRecords: options.selection.records,
      split: `members and weights chosen on ${options.selection.records.join(',')} (${options.selection.method === 'grid' ? `grid of ${options.selection.steps} steps, macro F1` : 'weights given'}); members trained on their own records`,
      beats: { train: first.training.beats.train, validation: options.validationBeats },
      maxBeatsPerRecord: null, epochs: 0, bestEpoch: 0,
      hyperParameters: { ensemble: description },
    },
    metrics: { validation: options.validation, test: null },
    backend: options.backend,
    parameters: options.parameters,
    date: new Date().toISOString(),
    seed: 0,
  };
}
