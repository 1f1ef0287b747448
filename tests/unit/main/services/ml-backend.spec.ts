import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createMlBackendHandler } from '../../../../src/main/services/ml-backend';

/** tfjs-node-gpu installs only where libtensorflow can be downloaded (not on the CI machines). */
function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

describe('createMlBackendHandler', () => {
  it('reports the backend it selected with the reason, and selects only once', async () => {
    const handler = createMlBackendHandler('cpu');
    const first = await handler();
    expect(first.name).toBe('cpu');
    expect(first.reason).toMatch(/requested/);
    expect(first.tried.some((t) => t.name === 'cpu' && t.ok)).toBe(true);
    expect(await handler()).toBe(first);
  });

  it.runIf(!installed('@tensorflow/tfjs-node-gpu'))(
    'turns an explicit backend that cannot load into an error, and tries again on the next call',
    async () => {
      const handler = createMlBackendHandler('tensorflow-gpu');
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
      await expect(handler()).rejects.toThrow(/tensorflow-gpu|tfjs-node-gpu/);
    },
  );
});
