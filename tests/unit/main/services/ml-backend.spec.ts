import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMlBackendHandler, readBackendSetting } from '../../../../src/main/services/ml-backend';

/** tfjs-node-gpu installs only where libtensorflow can be downloaded (not on the CI machines). */
function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ml-backend-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('readBackendSetting', () => {
  it('reads mlBackend from settings.json, and nothing when the file is absent', async () => {
    expect(await readBackendSetting(dataDir)).toBeUndefined();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mlBackend: 'cpu' }));
    expect(await readBackendSetting(dataDir)).toBe('cpu');
  });

  it('refuses an unknown backend, naming the settings file', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mlBackend: 'quantum' }));
    await expect(readBackendSetting(dataDir)).rejects.toThrow(/settings\.json: mlBackend: unknown TensorFlow\.js backend 'quantum'/);
  });
});

describe('createMlBackendHandler', () => {
  it('reports the backend it selected with the reason, and selects only once', async () => {
    const handler = createMlBackendHandler({ dataDir, preference: 'cpu', env: {} });
    const first = await handler();
    expect(first.name).toBe('cpu');
    expect(first.reason).toMatch(/requested/);
    expect(first.tried.some((t) => t.name === 'cpu' && t.ok)).toBe(true);
    expect(await handler()).toBe(first);
  });

  it('uses the setting when neither a flag nor RA_TF_BACKEND chooses, and lets the variable win over it', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mlBackend: 'cpu' }));
    expect((await createMlBackendHandler({ dataDir, env: {} })()).name).toBe('cpu');
    expect((await createMlBackendHandler({ dataDir, env: { RA_TF_BACKEND: 'wasm' } })()).name).toBe('wasm');
  });

  it.runIf(!installed('@tensorflow/tfjs-node-gpu'))(
    'turns an explicit backend that cannot load into an error, and tries again on the next call',
    async () => {
      const handler = createMlBackendHandler({ dataDir, preference: 'tensorflow-gpu', env: {} });
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
    },
  );
});
