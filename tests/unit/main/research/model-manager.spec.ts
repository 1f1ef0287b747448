import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModelManager, modelSlug } from '../../../../src/main/research/model-manager';
import { useTempDir } from '../../../support/temp-dir';

const ROOT = resolve(__dirname, '../../../..');
/** The model shipped in the repository, used as the bundled default. */
const BUNDLED = resolve(ROOT, 'models/rhythm-attention-default');
const temp = useTempDir('ra-models-');

/** A manager over a fresh data folder, plus a copy of the bundled model to import as "other". */
async function setup() {
  const dataDir = join(temp(), 'data');
  await mkdir(dataDir);
  const other = join(temp(), 'incoming');
  await cp(BUNDLED, other, { recursive: true });
  const card = JSON.parse(await readFile(join(other, 'model-card.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(other, 'model-card.json'), JSON.stringify({ ...card, name: 'My Model 2' }));
  return { dataDir, other, manager: createModelManager({ dataDir, bundledDir: BUNDLED }) };
}

describe('modelSlug', () => {
  it('makes a folder name from a free-text name', () => {
    expect(modelSlug('My Model 2')).toBe('my-model-2');
    expect(modelSlug('../..')).toBe('model');
  });
});

describe('createModelManager', () => {
  it('lists the bundled model as active with its card figures when nothing else is there', async () => {
    const { manager } = await setup();
    const card = JSON.parse(await readFile(join(BUNDLED, 'model-card.json'), 'utf8')) as { name: string; parameters: number; metrics: { test: { metrics: { macroF1: number } } } };
    const list = await manager.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'rhythm-attention-default', name: card.name, parameters: card.parameters, active: true, bundled: true });
    expect(list[0]!.test?.macroF1).toBe(card.metrics.test.metrics.macroF1);
    expect(list[0]!.sizeBytes).toBeGreaterThan(200_000);
    expect(manager.activeDir()).toBe(BUNDLED);
  });

  it('imports a model folder under a free id and activates it, keeping the other settings', async () => {
    const { dataDir, other, manager } = await setup();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ reviewer: 'Dr A', mlBackend: 'cpu' }));
    const imported = await manager.importFrom(other);
    expect(imported).toMatchObject({ id: 'my-model-2', name: 'My Model 2', active: false, bundled: false });
    const again = await manager.importFrom(join(other, 'model-card.json'));
    expect(again.id).toBe('my-model-2-2');
    const list = await manager.activate('my-model-2');
    expect(list.filter((m) => m.active).map((m) => m.id)).toEqual(['my-model-2']);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ reviewer: 'Dr A', mlBackend: 'cpu', activeModel: 'my-model-2' });
    expect(manager.activeDir()).toBe(join(dataDir, 'models', 'my-model-2'));
    // A new manager (the next start) reads the choice back.
    expect(createModelManager({ dataDir, bundledDir: BUNDLED }).activeDir()).toBe(join(dataDir, 'models', 'my-model-2'));
  });

  it('refuses to delete the bundled and the active model, and deletes another', async () => {
    const { other, manager } = await setup();
    await manager.importFrom(other);
    await manager.importFrom(other);
    await manager.activate('my-model-2');
    await expect(manager.remove('rhythm-attention-default')).rejects.toThrow(/bundled/);
    await expect(manager.remove('my-model-2')).rejects.toThrow(/active model/);
    const left = await manager.remove('my-model-2-2');
    expect(left.map((m) => m.id)).toEqual(['rhythm-attention-default', 'my-model-2']);
    await expect(manager.remove('nope')).rejects.toMatchObject({ code: 'research/not-found' });
  });

  it('exports a model folder, with the replay sample adaptation needs, that imports again elsewhere', async () => {
    const { manager } = await setup();
    const { path } = await manager.exportTo('rhythm-attention-default', join(temp(), 'usb'));
    expect((await readdir(path)).sort()).toEqual(['model-card.json', 'model.json', 'replay-ds1.bin', 'weights.bin']);
    const elsewhere = createModelManager({ dataDir: join(temp(), 'data2'), bundledDir: BUNDLED });
    const imported = await elsewhere.importFrom(path);
    expect(imported.id).toBe('rhythm-attention-default-2');
    expect(imported.sizeBytes).toBe((await manager.list())[0]!.sizeBytes);
  });

  it('refuses a corrupt card, naming the file, and copies nothing', async () => {
    const { other, manager } = await setup();
    const cardPath = join(other, 'model-card.json');
    const card = JSON.parse(await readFile(cardPath, 'utf8')) as Record<string, unknown>;
    await writeFile(cardPath, JSON.stringify({ ...card, formatVersion: 99 }));
    await expect(manager.importFrom(other)).rejects.toMatchObject({ code: 'ml/model-load', message: expect.stringContaining(cardPath) });
    await writeFile(cardPath, '{ not json');
    await expect(manager.importFrom(other)).rejects.toThrow(/model-card\.json: not JSON/);
    expect((await manager.list()).map((m) => m.id)).toEqual(['rhythm-attention-default']);
  });

  it('refuses a folder without its weights, naming the missing file', async () => {
    const { other, manager } = await setup();
    await rm(join(other, 'weights.bin'));
    await expect(manager.importFrom(other)).rejects.toThrow(/weights\.bin: missing weights\.bin/);
  });
});
