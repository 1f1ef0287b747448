import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMlBackendHandler, readBackendSetting } from '../../../../src/main/services/ml-backend';
import { isInstalled } from '../../../support/installed';
import { useTempDir } from '../../../support/temp-dir';

const dataDir = useTempDir('ml-backend-');

describe('readBackendSetting', () => {
  it('reads mlBackend from settings.json, and nothing when the file is absent', async () => {
    expect(await readBackendSetting(dataDir())).toBeUndefined();
    await writeFile(join(dataDir(), 'settings.json'), JSON.stringify({ mlBackend: 'cpu' }));
    expect(await readBackendSetting(dataDir())).toBe('cpu');
  });

  it('refuses an unknown backend, naming the settings file', async () => {
    await writeFile(join(dataDir(), 'settings.json'), JSON.stringify({ mlBackend: 'quantum' }));
    await expect(readBackendSetting(dataDir())).rejects.toThrow(/settings\.json: mlBackend: unknown TensorFlow\.js backend 'quantum'/);
  });
});

describe('createMlBackendHandler', () => {
  it('reports the backend it selected with the reason, and selects only once', async () => {
    const handler = createMlBackendHandler({ dataDir: dataDir(), preference: 'cpu', env: {} });
    const first = await handler();
    expect(first.name).toBe('cpu');
    expect(first.reason).toMatch(/requested/);
    expect(first.tried.some((t) => t.name === 'cpu' && t.ok)).toBe(true);
    expect(await handler()).toBe(first);
  });

  it('uses the setting when neither a flag nor RA_TF_BACKEND chooses, and lets the variable win over it', async () => {
    await writeFile(join(dataDir(), 'settings.json'), JSON.stringify({ mlBackend: 'cpu' }));
    expect((await createMlBackendHandler({ dataDir: dataDir(), env: {} })()).name).toBe('cpu');
    expect((await createMlBackendHandler({ dataDir: dataDir(), env: { RA_TF_BACKEND: 'wasm' } })()).name).toBe('wasm');
  });

  it.runIf(!isInstalled('@tensorflow/tfjs-node-gpu'))(
    'turns an explicit backend that cannot load into an error, and tries again on the next call',
    async () => {
      const handler = createMlBackendHandler({ dataDir: dataDir(), preference: 'tensorflow-gpu', env: {} });
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
    },
  );
});
