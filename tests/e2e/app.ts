/**
 * Shared facts of the end-to-end setup (playwright.config.ts starts the loopback server
 * with them) and the helpers viewer tests use to open the app.
 */
import { expect, type Page } from '@playwright/test';

/** Port of the loopback server during e2e runs. */
export const E2E_PORT = 5199;
/** Fixed token (RA_LOOPBACK_TOKEN) so tests know the address; a real launch draws a random one. */
export const E2E_TOKEN = 'e2e-token';
/** Data folder of the e2e server, wiped at the start of every run. */
export const E2E_DATA_DIR = '.tmp/e2e-data';
/** The app's address relative to baseURL, token included, as the server prints it. */
export const APP_URL = `/?token=${E2E_TOKEN}`;

/** Opens the app and waits for its app-ready marker. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(APP_URL);
  await expect(page.getByTestId('app-ready')).toBeVisible();
}
