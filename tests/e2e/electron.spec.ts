/**
 * The Electron shell end to end, with Playwright's `_electron`: launch the built app with a
 * fresh user-data folder, wait for the app-ready marker, open a sample and see the strip.
 *
 * Where the Electron binary is absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as
 * on the project's CI machines, which cannot download it) the test skips and says why.
 */
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Electron binary's path, or why there is none. */
function findElectron(): { path: string } | { reason: string } {
  let binary: unknown;
  try {
    // The electron package's main export is the path of the binary its install script fetched.
    binary = createRequire(import.meta.url)('electron');
  } catch (error) {
    return { reason: `require('electron') failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: `no binary at ${String(binary)}` };
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { reason: `${binary} is not executable` };
  }
  return { path: binary };
}

const electronBinary = findElectron();
const SKIP_REASON = 'reason' in electronBinary ? `Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): ${electronBinary.reason}` : null;
if (SKIP_REASON) console.log(`tests/e2e/electron.spec.ts: skipped. ${SKIP_REASON}`);

test.describe('Electron app', () => {
  test.skip(SKIP_REASON !== null, SKIP_REASON ?? '');

  test('opens a sample recording and renders the strip', async () => {
    const mainScript = join(ROOT, 'out', 'main', 'index.js');
    test.skip(!existsSync(mainScript), `${mainScript} is missing: run npm run build first`);
    const userData = mkdtempSync(join(tmpdir(), 'ra-electron-'));
    const app = await electron.launch({
      executablePath: 'path' in electronBinary ? electronBinary.path : undefined,
      args: [mainScript],
      cwd: ROOT,
      env: { ...process.env, RA_USER_DATA_DIR: userData },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('app-ready')).toBeVisible();
      await window.locator('[data-testid="samples-item"][data-name="100"]').click();
      await expect(window.getByTestId('record-name')).toHaveText('100');
      await expect(window.getByTestId('ecg-strip')).toHaveAttribute('data-state', 'ready');
      await window.screenshot({ path: test.info().outputPath('electron-strip.png') });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
