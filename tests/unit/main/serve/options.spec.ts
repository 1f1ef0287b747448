import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseServeArgs } from '../../../../src/main/serve/options';

describe('parseServeArgs', () => {
  it('defaults to a free port and the user data folder', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, dataDir: defaultDataDir() });
  });

  it('reads --port and --data-dir in both spellings', () => {
    expect(parseServeArgs(['--port', '5199', '--data-dir', 'x/y'])).toEqual({ port: 5199, dataDir: resolve('x/y') });
    expect(parseServeArgs(['--port=80', '--data-dir=/d'])).toEqual({ port: 80, dataDir: resolve('/d') });
  });

  it.each([['--port'], ['--port', '70000'], ['--port', '1.5'], ['--data-dir'], ['--verbose']])('refuses %j', (...argv) => {
    expect(() => parseServeArgs(argv)).toThrow();
  });
});

describe('defaultDataDir', () => {
  it('follows each OS’s convention for per-user application data', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'rhythm-attention'));
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'rhythm-attention'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'rhythm-attention'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'rhythm-attention'));
  });
});
