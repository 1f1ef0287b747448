/**
 * The loopback server's defences where only a real browser shows them: a page on another
 * port of 127.0.0.1 (same-site, so the SameSite=Strict cookie does go along) cannot call the
 * API, and a name rebound to 127.0.0.1 (DNS rebinding, simulated with Chromium's host
 * resolver rules) gets neither the page nor the cookie.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Page } from '@playwright/test';
import { APP_URL, E2E_PORT, openApp } from './app';

/** A page on another port of 127.0.0.1 that tries to change the reviewer's name. */
const EVIL_PAGE = '<!doctype html><title>evil</title><p>evil</p>';

/**
 * Posts settings:reviewer from the current page to the e2e server as a "simple" request
 * (text/plain, no custom header: no preflight, so it does reach the server) with the
 * browser's cookies, and returns the name the server answers, or null when the page could
 * not read an answer.
 */
async function setReviewer(page: Page, name: string | undefined): Promise<string | null> {
  return page.evaluate(
    async ({ port, body }) => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/settings:reviewer`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'text/plain' },
          body,
        });
        return ((await response.json()) as { value?: { name: string } }).value?.name ?? null;
      } catch {
        return null;
      }
    },
    { port: E2E_PORT, body: JSON.stringify(name === undefined ? {} : { name }) },
  );
}

let evil: Server;
let evilOrigin: string;

test.beforeAll(async () => {
  evil = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(EVIL_PAGE);
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => evil.close(() => resolve()));
});

test.describe('loopback server against a hostile browser page', () => {
  test('refuses a call from another port of 127.0.0.1 even though the cookie goes along', async ({ page }) => {
    await openApp(page);
    const original = await setReviewer(page, undefined);
    try {
      // Control: from the app's own page the very same request goes through.
      expect(await setReviewer(page, 'Alice')).toBe('Alice');
      await page.goto(`${evilOrigin}/`);
      expect(await setReviewer(page, 'Mallory')).toBeNull();
      await openApp(page);
      expect(await setReviewer(page, undefined)).toBe('Alice');
    } finally {
      await setReviewer(page, original ?? '');
    }
  });

  test('answers 421 and sets no cookie when a rebound name points at the server (DNS rebinding)', async () => {
    const launchOptions = test.info().project.use.launchOptions ?? {};
    const browser = await chromium.launch({
      ...launchOptions,
      args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(`http://rebind.test:${E2E_PORT}${APP_URL}`);
      expect(response?.status()).toBe(421);
      expect(await context.cookies()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
