/**
 * Checks of a model folder's files before TensorFlow.js sees them (./model-store loadModel):
 * a bad file must end in a ModelLoadError naming it, never in a crash, a hang or gigabytes
 * allocated. Each check is cheap next to building the network.
 *
 * - Sizes: a file is measured before it is read; anything past `MODEL_FILE_LIMITS` is not
 *   one of ours (the default model: a 9 KB card, a 12 KB topology, 0.2 MB of weights), and
 *   weights.bin must have exactly the bytes its manifest describes.
 * - model.json: an object with a topology and a manifest of named float32/int32/bool
 *   weights with whole, non-negative dimensions.
 * - The topology: no number above 10^7 outside a `seed` (a units or filters count that
 *   large would make tfjs allocate the layer's weights, gigabytes, before it compares them
 *   with the manifest) and no nesting deeper than 64 levels.
 * - The weights: every float32 value finite (a NaN weight makes every probability NaN).
 */
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { ModelLoadError } from './model-card';

/** Largest size, in bytes, of each file of a model folder the loader accepts. */
export const MODEL_FILE_LIMITS = Object.freeze({ card: 1 << 20, topology: 16 << 20, weights: 512 << 20 });
/** Largest number a topology may hold outside a `seed` (see the module comment). */
export const MAX_TOPOLOGY_NUMBER = 1e7;
const MAX_TOPOLOGY_DEPTH = 64;

/**
 * Reads `dir/name` if it is at most `maxBytes` long.
 * @throws ModelLoadError naming the file: missing, unreadable, or too large.
 */
export async function readModelFile(dir: string, name: string, maxBytes: number): Promise<Buffer> {
  const path = join(dir, name);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ModelLoadError(path, `${name} is not a file`);
    if (info.size > maxBytes) throw new ModelLoadError(path, `${name} is ${info.size} bytes, more than the ${maxBytes} a model file may have`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelLoadError(path, code === 'ENOENT' ? `missing ${name}: not a complete model folder` : `cannot read ${name} (${code ?? String(error)})`);
  }
}

/** The size of `dir/name` in bytes. @throws ModelLoadError when it is missing or not a file. */
export async function modelFileSize(dir: string, name: string): Promise<number> {
  const path = join(dir, name);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ModelLoadError(path, error.code === 'ENOENT' ? `missing ${name}: not a complete model folder` : `cannot read ${name} (${error.code ?? String(error)})`);
  });
  if (!info.isFile()) throw new ModelLoadError(path, `${name} is not a file`);
  return info.size;
}

const manifestEntry = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0).max(MAX_TOPOLOGY_NUMBER)).max(8),
  dtype: z.enum(['float32', 'int32', 'bool']),
});
const modelJson = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()).optional(), weights: z.array(manifestEntry) })).min(1),
});

/** model.json as the loader uses it. */
export type ModelJson = z.infer<typeof modelJson>;

/**
 * Parses model.json text read from `path` and checks its topology (see the module comment).
 * @throws ModelLoadError naming the file and the first problem.
 */
export function parseModelJson(text: string, path: string): ModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelLoadError(path, `not JSON (${(error as Error).message})`);
  }
  const parsed = modelJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    const what = where.startsWith('modelTopology') || where === '(root)' ? 'not a tfjs layers model' : 'its weights manifest is not valid';
    throw new ModelLoadError(path, `${what}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  checkTopology(parsed.data.modelTopology, path, 'modelTopology', 0);
  return parsed.data;
}

function checkTopology(value: unknown, path: string, where: string, depth: number): void {
  if (depth > MAX_TOPOLOGY_DEPTH) throw new ModelLoadError(path, `${where}: the topology is nested deeper than ${MAX_TOPOLOGY_DEPTH} levels`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_TOPOLOGY_NUMBER) {
      throw new ModelLoadError(path, `${where}: ${value} is not a plausible size (more than ${MAX_TOPOLOGY_NUMBER}); the topology is damaged`);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'seed') checkTopology(child, path, `${where}.${key}`, depth + 1);
  }
}

/** Bytes the weights manifest describes (float32/int32 are 4 bytes, bool 1). */
export function manifestBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * (s.dtype === 'bool' ? 1 : 4), 0);
}

/**
 * Checks that every float32 weight in `data` (laid out as `specs` says) is finite.
 * @throws ModelLoadError naming weights.bin, the weight and the index of the first bad value.
 */
export function checkFiniteWeights(data: ArrayBuffer, specs: readonly tf.io.WeightsManifestEntry[], path: string): void {
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const size = spec.dtype === 'bool' ? 1 : 4;
    if (spec.dtype === 'float32') {
      // A bool weight before this one can leave the offset unaligned for a Float32Array view.
      const values = offset % 4 === 0 ? new Float32Array(data, offset, count) : new Float32Array(data.slice(offset, offset + count * 4));
      for (let i = 0; i < count; i++) {
        if (!Number.isFinite(values[i] as number)) throw new ModelLoadError(path, `weight ${spec.name} holds ${values[i]} at index ${i}: the weights are damaged`, { weight: spec.name });
      }
    }
    offset += count * size;
  }
}
