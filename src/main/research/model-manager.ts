/**
 * The model manager: the bundled default model (read-only) plus the models under
 * `<dataDir>/models/<id>/` (each a model folder: model-card.json, model.json, weights.bin, as
 * src/main/ml/model-store writes it). The active model's id is kept in the data folder's
 * settings.json as `activeModel` (other fields kept); without it, or when it names a model
 * that is gone, the bundled default is active.
 *
 * Export is a plain copy of the model folder (the three files above): a researcher moves the
 * folder to another machine and imports it there (`models:import` takes the folder, or its
 * model-card.json). No archive format, so nothing but a file manager is needed to inspect it.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ModelFigures, ModelSummary } from '../../shared/research';
import { MODEL_FILES, ModelLoadError, readModelCard, type CardMetrics, type ModelCard } from '../ml';
import { SETTINGS_FILE } from '../services/ml-backend';
import { readJsonOrUndefined, writeJsonAtomic } from '../services/json-file';
import { REPLAY_FILE } from '../adaptation/replay-sample';
import { ResearchError, ResearchNotFoundError } from './research-error';

/** Files a model folder may carry besides MODEL_FILES, copied with it when present: the replay sample patient adaptation tunes with. */
const COMPANION_FILES: readonly string[] = [REPLAY_FILE];

/** Copies a model folder's files (MODEL_FILES, and the companions it has) from `from` to the existing folder `to`. */
async function copyModelFiles(from: string, to: string): Promise<void> {
  const present = new Set(await readdir(from));
  const files = [...Object.values(MODEL_FILES), ...COMPANION_FILES.filter((f) => present.has(f))];
  await Promise.all(files.map((f) => cp(join(from, f), join(to, f))));
}

/** What the manager is built from. */
export interface ModelManagerOptions {
  dataDir: string;
  /** The bundled default model folder (src/main/analysis defaultModelDir). */
  bundledDir: string;
}

/** The manager; ids are folder names. */
export interface ModelManager {
  readonly modelsDir: string;
  /** The active model's folder, synchronously (the review service reads it per analysis). */
  activeDir(): string;
  list(): Promise<ModelSummary[]>;
  activate(id: string): Promise<ModelSummary[]>;
  remove(id: string): Promise<ModelSummary[]>;
  exportTo(id: string, to?: string): Promise<{ path: string }>;
  importFrom(path: string): Promise<ModelSummary>;
  /** Copies the model folder `dir` in as a new model named after `name`; resolves to its id. */
  add(dir: string, name: string): Promise<string>;
}

/** A folder name from a model name: lower case, [a-z0-9._-], at most 100 characters. */
export function modelSlug(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100);
  return slug === '' ? 'model' : slug;
}

function figures(m: CardMetrics | null): ModelFigures | null {
  if (m === null) return null;
  const perClass = Array.isArray((m.metrics as { perClass?: unknown }).perClass) ? m.metrics.perClass : [];
  return {
    records: m.records,
    macroF1: m.metrics.macroF1,
    accuracy: m.metrics.accuracy,
    perClass: perClass.map((c) => ({ name: c.name, se: c.se ?? null, ppv: c.ppv ?? null, f1: c.f1 ?? null })),
  };
}

async function folderSize(dir: string): Promise<number> {
  const names = await readdir(dir);
  const sizes = await Promise.all(names.map(async (n) => (await stat(join(dir, n))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

/** The card of `dir` after checking that the topology parses and the weights exist. @throws ModelLoadError naming the file */
async function checkedModel(dir: string): Promise<ModelCard> {
  const card = await readModelCard(dir);
  const topology = join(dir, MODEL_FILES.topology);
  let text: string;
  try {
    text = await readFile(topology, 'utf8');
  } catch {
    throw new ModelLoadError(topology, `missing ${MODEL_FILES.topology}: not a complete model folder`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ModelLoadError(topology, `not JSON (${(error as Error).message})`);
  }
  const weights = join(dir, MODEL_FILES.weights);
  await stat(weights).catch(() => {
    throw new ModelLoadError(weights, `missing ${MODEL_FILES.weights}: not a complete model folder`);
  });
  return card;
}

/** `activeModel` of settings.json, read synchronously (once, at start). */
function readActiveSync(settingsPath: string): string | null {
  try {
    const json = JSON.parse(readFileSync(settingsPath, 'utf8')) as unknown;
    const id = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['activeModel'] : undefined;
    return typeof id === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** A manager over `options`; see the file header. */
export function createModelManager(options: ModelManagerOptions): ModelManager {
  const modelsDir = join(resolve(options.dataDir), 'models');
  const bundledDir = resolve(options.bundledDir);
  const bundledId = basename(bundledDir);
  const settingsPath = join(resolve(options.dataDir), SETTINGS_FILE);
  let activeId = readActiveSync(settingsPath);
  let writes: Promise<unknown> = Promise.resolve();

  const dirOf = (id: string): string => (id === bundledId ? bundledDir : join(modelsDir, id));
  const userIds = async (): Promise<string[]> => {
    const entries = await readdir(modelsDir, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  };
  const summary = async (id: string, active: string): Promise<ModelSummary | null> => {
    const dir = dirOf(id);
    const card = await readModelCard(dir).catch(() => null);
    if (card === null) return null;
    return {
      id, name: card.name, version: card.version, architecture: card.model.architecture, parameters: card.parameters,
      sizeBytes: await folderSize(dir), date: card.date, test: figures(card.metrics.test), validation: figures(card.metrics.validation),
      active: id === active, bundled: id === bundledId, dir,
    };
  };
  const currentActive = (ids: readonly string[]): string => (activeId !== null && ids.includes(activeId) ? activeId : bundledId);
  const list = async (): Promise<ModelSummary[]> => {
    const ids = [bundledId, ...(await userIds()).filter((id) => id !== bundledId)];
    const active = currentActive(ids);
    return (await Promise.all(ids.map((id) => summary(id, active)))).filter((s): s is ModelSummary => s !== null);
  };
  const find = async (id: string): Promise<ModelSummary> => {
    const hit = (await list()).find((m) => m.id === id);
    if (!hit) throw new ResearchNotFoundError(`no model "${id}" in ${modelsDir}`, { id });
    return hit;
  };
  const freeId = async (base: string): Promise<string> => {
    const taken = new Set([bundledId, ...(await userIds())]);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  const copyIn = async (dir: string, base: string): Promise<string> => {
    await mkdir(modelsDir, { recursive: true });
    const id = await freeId(base);
    await mkdir(join(modelsDir, id));
    await copyModelFiles(dir, join(modelsDir, id));
    return id;
  };

  return {
    modelsDir,
    activeDir: () => (activeId === null ? bundledDir : dirOf(activeId)),
    list,
    async activate(id) {
      await find(id);
      const write = writes.then(async () => {
        const settings = await readJsonOrUndefined(settingsPath);
        const base = typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? settings : {};
        await writeJsonAtomic(settingsPath, { ...base, activeModel: id });
        activeId = id;
      });
      writes = write.catch(() => undefined);
      await write;
      return list();
    },
    async remove(id) {
      const model = await find(id);
      if (model.bundled) throw new ResearchError(`the bundled model "${id}" cannot be deleted`, { id });
      if (model.active) throw new ResearchError(`model "${id}" is the active model: activate another before deleting it`, { id });
      await rm(model.dir, { recursive: true, force: true });
      return list();
    },
    async exportTo(id, to) {
      const model = await find(id);
      const target = resolve(to ?? join(resolve(options.dataDir), 'exports', 'models'));
      await mkdir(target, { recursive: true });
      const taken = new Set(await readdir(target));
      let name = id;
      for (let n = 2; taken.has(name); n++) name = `${id}-${n}`;
      const out = join(target, name);
      await mkdir(out);
      await copyModelFiles(model.dir, out);
      return { path: out };
    },
    async importFrom(path) {
      const full = resolve(path);
      const dir = basename(full) === MODEL_FILES.card ? dirname(full) : full;
      const card = await checkedModel(dir);
      const id = await copyIn(dir, modelSlug(card.name));
      return find(id);
    },
    async add(dir, name) {
      await checkedModel(dir);
      return copyIn(dir, modelSlug(name));
    },
  };
}
