/**
 * A trained generator on disk: a folder with the tfjs files (`model.json`, `weights.bin`, as
 * ../model-store writes them) and `gan-card.json` — what it makes (window, filter, classes),
 * what it learnt from (DS1 records only) and how long. The discriminator is not kept: only
 * the generator is needed to synthesise beats.
 */
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import type { FilterConfig } from '../../datasets/filter-config';
import type { BeatWindowConfig } from '../../signal/beat-windows';
import { ModelLoadError, MODEL_FILES } from '../model-card';
import { checkFiniteWeights, manifestBytes, MODEL_FILE_LIMITS, parseModelJson, readModelFile } from '../model-file-checks';
import { serializeModel, writeFolderAtomically } from '../model-store';
import { checkGanConfig, type GanConfig } from './cgan-models';

/** File name of the generator's card. */
export const GAN_CARD_FILE = 'gan-card.json';
/** Value of the card's `format`. */
export const GAN_CARD_FORMAT = 'rhythm-attention-beat-gan';

/** The generator's card. */
export interface GanCard {
  format: typeof GAN_CARD_FORMAT;
  formatVersion: 1;
  config: GanConfig;
  window: BeatWindowConfig;
  filter: FilterConfig;
  /** DS1 records whose beats it learnt from. */
  trainRecords: string[];
  /** Real beats per class (config.classes order). */
  beats: number[];
  steps: number;
  batchSize: number;
  /** Mean losses over the last reported steps. */
  finalLosses: { discriminator: number; generator: number } | null;
  date: string;
  seed: number;
}

const cardSchema = z.object({
  format: z.literal(GAN_CARD_FORMAT),
  formatVersion: z.literal(1),
  config: z.object({ windowLength: z.number().int(), classes: z.array(z.string()), latentDim: z.number().int(), filters: z.number().int() }),
  window: z.object({ rateHz: z.number(), length: z.number().int() }).passthrough(),
  filter: z.object({}).passthrough(),
  trainRecords: z.array(z.string()),
  beats: z.array(z.number()),
  steps: z.number().int(),
  batchSize: z.number().int(),
  finalLosses: z.object({ discriminator: z.number(), generator: z.number() }).nullable(),
  date: z.string(),
  seed: z.number(),
});

/** Saves `generator` with `card` into `dir` (atomically). */
export async function saveGenerator(dir: string, generator: tfl.LayersModel, card: GanCard): Promise<void> {
  const files = await serializeModel(generator);
  await writeFolderAtomically(dir, { ...files, [GAN_CARD_FILE]: `${JSON.stringify(card, null, 2)}\n` });
}

/**
 * Loads a generator folder.
 * @throws ModelLoadError naming the file: a missing or invalid card, or tfjs files that do not build a generator of the card's shape.
 */
export async function loadGenerator(dir: string): Promise<{ generator: tfl.LayersModel; card: GanCard }> {
  const cardPath = join(dir, GAN_CARD_FILE);
  let json: unknown;
  try {
    json = JSON.parse((await readModelFile(dir, GAN_CARD_FILE, MODEL_FILE_LIMITS.card)).toString('utf8'));
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(cardPath, `not JSON (${(error as Error).message})`);
  }
  const parsed = cardSchema.safeParse(json);
  if (!parsed.success) throw new ModelLoadError(cardPath, `not a GAN card: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  const card = parsed.data as unknown as GanCard;
  try {
    checkGanConfig(card.config);
  } catch (error) {
    throw new ModelLoadError(cardPath, (error as Error).message);
  }
  const topology = join(dir, MODEL_FILES.topology);
  const generator = await readNetwork(dir);
  const shape = generator.outputs[0]?.shape;
  if (shape?.[1] !== card.config.windowLength || generator.inputs.length !== 2) {
    generator.dispose();
    throw new ModelLoadError(topology, `the network makes [${String(shape)}] but the card says ${card.config.windowLength}-sample beats from (z, label)`);
  }
  return { generator, card };
}

/** The network of `dir`, its files checked as ../model-store checks a model's. @throws ModelLoadError */
async function readNetwork(dir: string): Promise<tfl.LayersModel> {
  const topology = join(dir, MODEL_FILES.topology);
  const json = parseModelJson((await readModelFile(dir, MODEL_FILES.topology, MODEL_FILE_LIMITS.topology)).toString('utf8'), topology);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const bytes = await readModelFile(dir, MODEL_FILES.weights, MODEL_FILE_LIMITS.weights);
  const weightsPath = join(dir, MODEL_FILES.weights);
  if (bytes.byteLength !== manifestBytes(specs)) throw new ModelLoadError(weightsPath, `holds ${bytes.byteLength} bytes but the manifest in model.json describes ${manifestBytes(specs)}`);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  checkFiniteWeights(weightData, specs, weightsPath);
  try {
    return await tfl.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }) }, { strict: true });
  } catch (error) {
    throw new ModelLoadError(topology, `tfjs cannot build the generator: ${(error as Error).message}`);
  }
}
