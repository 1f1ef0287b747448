/**
 * Saving and loading models: a folder with the TensorFlow.js Layers files `model.json`
 * (topology and weights manifest, the tfjs "layers-model" format) and `weights.bin` (all
 * weights, little-endian float32, in manifest order), plus `model-card.json`
 * (./model-card). Plain Node file system — no tfjs-node: `model.save` and
 * `tfl.loadLayersModel` get an in-memory IOHandler and this module does the files.
 *
 * A folder is written atomically: everything goes into a temporary sibling folder, which is
 * then renamed into place (an existing folder is first renamed aside, then removed), so a
 * reader sees the old model or the new one, never half of one. A crash between the two
 * renames leaves the previous model in `<dir>.old-*`.
 *
 * Loading registers our custom layers, then refuses with a ModelLoadError: missing files, a
 * card that is not valid or not consistent, an unknown architecture, a card that does not
 * fit what the caller expects (window length/rate, classes, RR features, architecture),
 * weights whose size differs from the manifest, or a network whose inputs and output do not
 * match its card. The files are checked before tfjs sees them (./model-file-checks: sizes,
 * manifest, implausible topology numbers, non-finite weights).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelLoadError, MODEL_FILES, parseModelCard, type ModelCard } from './model-card';
import { checkFiniteWeights, manifestBytes, MODEL_FILE_LIMITS, modelFileSize, parseModelJson, readModelFile } from './model-file-checks';
import { LOADABLE_ARCHITECTURES, registerCustomLayers } from './models';

/** A model read from disk with its card. */
export interface LoadedModel {
  /** The folder it came from. */
  dir: string;
  card: ModelCard;
  model: tfl.LayersModel;
}

/** What the caller needs the model to be; each given field must match the card. */
export interface ModelExpectations {
  architecture?: string;
  windowLength?: number;
  windowRateHz?: number;
  classes?: readonly string[];
  rrFeatures?: readonly string[];
}

/** Files to write into a folder: name → bytes or text. */
export type FolderFiles = Record<string, Uint8Array | string>;

/** Writes `files` into `dir` atomically (see the file header); creates parent folders. */
export async function writeFolderAtomically(dir: string, files: FolderFiles): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${tag}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${tag}`);
  await mkdir(temp, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(temp, name), content);
    const exists = await stat(dir).then(() => true, () => false);
    if (exists) await rename(dir, old);
    await rename(temp, dir);
    if (exists) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** The model's topology and weights as the two tfjs files. */
export async function serializeModel(model: tfl.LayersModel): Promise<FolderFiles> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save({
    save: async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (artifacts === null || artifacts.weightData === undefined) throw new Error('tfjs saved no model artifacts');
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const modelJson = {
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs ?? [] }],
  };
  return { [MODEL_FILES.topology]: JSON.stringify(modelJson), [MODEL_FILES.weights]: weights };
}

/**
 * Saves `model` with `card` into the folder `dir` (atomically), with `extraFiles` beside
 * them (a checkpoint's optimizer state).
 */
export async function saveModel(dir: string, model: tfl.LayersModel, card: ModelCard, extraFiles: FolderFiles = {}): Promise<void> {
  const files = await serializeModel(model);
  await writeFolderAtomically(dir, { ...files, [MODEL_FILES.card]: `${JSON.stringify(card, null, 2)}\n`, ...extraFiles });
}

/** Reads and checks the card of the model folder `dir`. @throws ModelLoadError */
export async function readModelCard(dir: string): Promise<ModelCard> {
  const text = (await readModelFile(dir, MODEL_FILES.card, MODEL_FILE_LIMITS.card)).toString('utf8');
  return parseModelCard(text, join(dir, MODEL_FILES.card));
}

/** Replaces the card of the model folder `dir` (temporary file + rename). */
export async function writeModelCard(dir: string, card: ModelCard): Promise<void> {
  const path = join(dir, MODEL_FILES.card);
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(temp, `${JSON.stringify(card, null, 2)}\n`);
  await rename(temp, path);
}

function checkExpectations(card: ModelCard, expect: ModelExpectations, path: string): void {
  const m = card.model;
  const mismatch = (what: string, wanted: unknown, has: unknown): ModelLoadError =>
    new ModelLoadError(path, `the caller needs ${what} ${String(wanted)} but the model has ${String(has)}`, { field: what });
  if (expect.architecture !== undefined && expect.architecture !== m.architecture) throw mismatch('architecture', expect.architecture, m.architecture);
  if (expect.windowLength !== undefined && expect.windowLength !== m.windowLength) throw mismatch('window length', `${expect.windowLength} samples`, `${m.windowLength} samples`);
  if (expect.windowRateHz !== undefined && expect.windowRateHz !== m.windowRateHz) throw mismatch('window rate', `${expect.windowRateHz} Hz`, `${m.windowRateHz} Hz`);
  if (expect.classes !== undefined && expect.classes.join() !== m.classes.join()) throw mismatch('classes', `[${expect.classes.join(' ')}]`, `[${m.classes.join(' ')}]`);
  if (expect.rrFeatures !== undefined && expect.rrFeatures.join() !== m.rrFeatures.join()) {
    throw mismatch('RR features', `[${expect.rrFeatures.join(' ')}]`, `[${m.rrFeatures.join(' ')}]`);
  }
}

async function readArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const path = join(dir, MODEL_FILES.topology);
  const json = parseModelJson((await readModelFile(dir, MODEL_FILES.topology, MODEL_FILE_LIMITS.topology)).toString('utf8'), path);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const expected = manifestBytes(specs);
  const weightsPath = join(dir, MODEL_FILES.weights);
  // Measured before it is read: a weights.bin of the wrong size is refused without loading it.
  const size = await modelFileSize(dir, MODEL_FILES.weights);
  if (size !== expected) throw new ModelLoadError(weightsPath, `holds ${size} bytes but the manifest in model.json describes ${expected}`);
  const bytes = await readModelFile(dir, MODEL_FILES.weights, Math.min(expected, MODEL_FILE_LIMITS.weights));
  if (bytes.byteLength !== expected) throw new ModelLoadError(weightsPath, `holds ${bytes.byteLength} bytes but the manifest in model.json describes ${expected}`);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  checkFiniteWeights(weightData, specs, weightsPath);
  return { modelTopology: json.modelTopology, weightSpecs: specs, weightData, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy ?? null };
}

/** Checks the built network's inputs and output against its card. */
function checkNetworkAgainstCard(model: tfl.LayersModel, card: ModelCard, path: string): void {
  const shapes = model.inputs.map((input) => ({ name: input.name, shape: input.shape }));
  const beat = shapes.find((s) => s.name.startsWith('beat')) ?? shapes[0];
  if (beat?.shape[1] !== card.model.windowLength) {
    throw new ModelLoadError(path, `the network reads ${String(beat?.shape[1])}-sample beats but its card says ${card.model.windowLength}`);
  }
  const rr = shapes.find((s) => s.name.startsWith('rr'));
  const rrLength = rr?.shape[1] ?? 0;
  const difference = shapes.find((s) => s.name.startsWith('difference'));
  const withDifference = card.model.neighbourDifference === true;
  if (withDifference !== (difference !== undefined) || (difference !== undefined && difference.shape[1] !== card.model.windowLength)) {
    throw new ModelLoadError(path, `the network has inputs ${JSON.stringify(shapes)} but its card says it ${withDifference ? 'reads' : 'does not read'} neighbour differences of ${card.model.windowLength} samples`);
  }
  if (rrLength !== card.model.rrFeatures.length || shapes.length !== (rrLength > 0 ? 2 : 1) + (withDifference ? 1 : 0)) {
    throw new ModelLoadError(path, `the network has inputs ${JSON.stringify(shapes)} but its card lists ${card.model.rrFeatures.length} RR features`);
  }
  const units = model.outputs[0]?.shape.at(-1);
  if (model.outputs.length !== 1 || units !== card.model.classes.length) {
    throw new ModelLoadError(path, `the network outputs ${String(units)} classes but its card lists ${card.model.classes.length}`);
  }
}

/**
 * Loads the model folder `dir` and checks it (see the file header) against `expect`.
 * @throws ModelLoadError naming the file and the problem.
 */
export async function loadModel(dir: string, expect: ModelExpectations = {}): Promise<LoadedModel> {
  const card = await readModelCard(dir);
  const cardPath = join(dir, MODEL_FILES.card);
  if (!LOADABLE_ARCHITECTURES.includes(card.model.architecture)) {
    throw new ModelLoadError(cardPath, `unknown architecture '${card.model.architecture}' (known: ${LOADABLE_ARCHITECTURES.join(', ')})`);
  }
  checkExpectations(card, expect, cardPath);
  const artifacts = await readArtifacts(dir);
  registerCustomLayers();
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel({ load: async () => artifacts }, { strict: true });
  } catch (error) {
    throw new ModelLoadError(join(dir, MODEL_FILES.topology), `tfjs cannot build the model from its files: ${(error as Error).message}`);
  }
  try {
    checkNetworkAgainstCard(model, card, join(dir, MODEL_FILES.topology));
    checkFiniteProbe(model, join(dir, MODEL_FILES.weights));
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { dir, card, model };
}

/**
 * One forward pass over a blank beat must give finite outputs. Weights that are each finite
 * can still make a network compute NaN — a shifted weights.bin puts a negative value in a
 * batch-norm variance, whose square root is NaN (found by fuzzing) — and such a model would
 * label every beat silently wrong. The pass costs one beat's inference at load.
 */
function checkFiniteProbe(model: tfl.LayersModel, weightsPath: string): void {
  const finite = tf.tidy(() => {
    const inputs = model.inputs.map((input) => tf.ones([1, ...input.shape.slice(1).map((d) => d ?? 1)]));
    const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
    const outputs = Array.isArray(out) ? out : [out];
    return outputs.every((o) => tf.all(tf.isFinite(o)).dataSync()[0] === 1);
  });
  if (!finite) throw new ModelLoadError(weightsPath, 'the weights make the network compute non-finite values (NaN or infinity): the file is damaged');
}
