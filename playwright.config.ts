import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PORT, E2E_TOKEN } from './tests/e2e/app';

/**
 * End-to-end tests. The served renderer runs in Chromium over the loopback transport
 * (everywhere); tests/e2e/electron*.spec.ts drive the Electron app with Playwright's
 * `_electron` and skip, saying why, where the Electron binary is absent.
 *
 * The renderer must already be built (`npm test` builds before `test:e2e`); this config
 * starts the loopback server on a fixed port with a fixed token and a data folder that is
 * wiped first, so every run starts from an empty recent list.
 *
 * Chromium: Debian's /usr/bin/chromium where present (Playwright's own browser download does
 * not work on the project's CI machines), else Playwright's.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Wipe the data folder, then serve the already-built renderer (no rebuild here).
    command: `node -e "require('node:fs').rmSync('${E2E_DATA_DIR}',{recursive:true,force:true})" && npx tsx src/main/serve/start.ts --port ${E2E_PORT} --data-dir ${E2E_DATA_DIR}`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    env: { RA_LOOPBACK_TOKEN: E2E_TOKEN },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
