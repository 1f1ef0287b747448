import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveResourcesDir } from '../../../src/main/resources-dir';

describe('resolveResourcesDir', () => {
  it('finds <project>/resources from the built main script when unpackaged', () => {
    expect(resolveResourcesDir({ isPackaged: false, appPath: '/anything', mainDir: join('/proj', 'out', 'main') })).toBe(join('/proj', 'resources'));
  });

  it('uses the unpacked copy beside app.asar when packaged', () => {
    const appPath = join('/opt', 'RA', 'resources', 'app.asar');
    expect(resolveResourcesDir({ isPackaged: true, appPath, mainDir: '/x' })).toBe(join('/opt', 'RA', 'resources', 'app.asar.unpacked', 'resources'));
  });

  it('prefers an explicit override', () => {
    expect(resolveResourcesDir({ isPackaged: true, appPath: '/a', mainDir: '/b', override: '/c' })).toBe('/c');
  });
});
