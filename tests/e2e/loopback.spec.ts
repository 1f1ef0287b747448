/**
 * The loopback transport in a real browser: the token in the printed address becomes an
 * HttpOnly session cookie and leaves the address bar, the page runs under the strict Content-Security-Policy without a single
 * violation, and the API refuses a page without the token.
 */
import { expect, test } from '@playwright/test';
import { APP_URL, E2E_TOKEN, openApp } from './app';

test.describe('loopback transport', () => {
  test('takes the token out of the address bar and keeps it for reloads', async ({ page, context }) => {
    await openApp(page);
    expect(page.url()).not.toContain('token');
    const cookie = (await context.cookies()).find((c) => c.value === E2E_TOKEN);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain(E2E_TOKEN);
    await page.reload();
    await expect(page.getByTestId('app-ready')).toBeVisible();
  });

  test('opens a sample under the strict CSP without any violation', async ({ page }) => {
    // Chromium reports every CSP violation on the console ("Refused to … because it violates
    // the following Content Security Policy directive …").
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(APP_URL);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await page.locator('[data-testid="samples-item"][data-name="100"]').click();
    await expect(page.getByTestId('record-name')).toHaveText('100');
    await expect(page.getByTestId('ecg-strip')).toHaveAttribute('data-state', 'ready');
    expect(violations).toEqual([]);
    // The watch itself works: an inline style attribute is reported.
    await page.locator('body').evaluate((body) => body.insertAdjacentHTML('beforeend', '<span style="color: red">probe</span>'));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });

  test('refuses the page and API calls to a browser without the token', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(401);
    const status = await page.evaluate(async () => (await fetch('/api/app:info', { method: 'POST' })).status);
    expect(status).toBe(401);
  });
});
