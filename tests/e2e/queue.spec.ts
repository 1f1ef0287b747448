/**
 * The selective-review queue end to end (issue 9), over the loopback transport: a sample is
 * analysed for real, then its background Monte Carlo dropout pass runs; the flagged list
 * sorted "most uncertain first" is ordered by the uncertainty it shows, the next-flagged
 * key walks that order, and moving the flagging threshold changes the count of beats sent
 * to review and the coverage.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './app';
import { ViewerPage } from './viewer-page';

/** The analysis and the uncertainty pass of a half-hour record on a busy 2-core machine. */
const PASS_TIMEOUT_MS = 300_000;

/** What the review-set line shows: beats sent to review, coverage and the threshold counted. */
async function reviewSet(page: Page): Promise<{ sent: number; coverage: number; threshold: number }> {
  const line = page.getByTestId('review-set');
  const read = async (name: string) => Number(await line.getAttribute(`data-${name}`));
  return { sent: await read('sent'), coverage: await read('coverage'), threshold: await read('threshold') };
}

/** The uncertainty each loaded row of the flagged list shows, in row order. */
async function shownUncertainties(page: Page): Promise<{ index: number; value: number; text: string }[]> {
  return page.getByTestId('flagged-item').evaluateAll((els) =>
    els
      .map((e) => ({ index: Number(e.getAttribute('data-index')), value: Number(e.getAttribute('data-uncertainty')), text: e.textContent ?? '' }))
      .sort((a, b) => a.index - b.index),
  );
}

test.describe('review queue by uncertainty', () => {
  test.setTimeout(PASS_TIMEOUT_MS + 60_000);

  test('orders the flagged list by uncertainty, steps through it, and counts the beats under the threshold', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    await expect(page.getByTestId('panel-status')).toHaveAttribute('data-state', 'done', { timeout: PASS_TIMEOUT_MS });
    const pass = page.getByTestId('uncertainty-status');
    await expect(pass).toHaveAttribute('data-state', 'done', { timeout: PASS_TIMEOUT_MS });
    await expect(pass).toContainText('passes');

    // Most uncertain first: the rows' uncertainties never rise, and each row shows its value.
    await page.getByTestId('flag-sort').selectOption('uncertainty');
    const items = page.getByTestId('flagged-item');
    await expect(items.first()).toContainText('unc.');
    await expect.poll(async () => (await shownUncertainties(page)).length).toBeGreaterThan(10);
    const rows = await shownUncertainties(page);
    expect(rows[0]!.index).toBe(0);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.value).toBeLessThanOrEqual(rows[i - 1]!.value);
    for (const row of rows) expect(row.text).toContain(`unc. ${(row.value * 100).toFixed(1)} %`);
    // Monte Carlo values, not 1 − confidence: at least one row differs from its confidence's complement.
    expect(rows.some((r) => !r.text.includes(`${Math.round((1 - r.value) * 100)} %`))).toBe(true);
    await viewer.shot('queue-uncertainty');

    // The next-flagged key follows the list's order: the first row, then the second.
    await viewer.strip.focus();
    await page.keyboard.press(']');
    await expect(page.locator('[data-testid="flagged-item"][data-index="0"]')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press(']');
    await expect(page.locator('[data-testid="flagged-item"][data-index="1"]')).toHaveAttribute('aria-selected', 'true');

    // The review set under the threshold: a higher threshold sends more beats, covers fewer.
    await expect.poll(async () => (await reviewSet(page)).threshold).toBeCloseTo(0.8, 6);
    const before = await reviewSet(page);
    expect(before.sent).toBeGreaterThan(0);
    expect(before.coverage).toBeGreaterThan(0);
    expect(before.coverage).toBeLessThan(1);
    await page.getByTestId('flag-threshold').fill('97');
    await expect.poll(async () => (await reviewSet(page)).threshold).toBeCloseTo(0.97, 6);
    const after = await reviewSet(page);
    expect(after.sent).toBeGreaterThan(before.sent);
    expect(after.coverage).toBeLessThan(before.coverage);
    await expect(page.getByTestId('review-set')).toContainText(after.sent.toLocaleString('en-US'));
    await expect(page.getByTestId('flagged-list')).toHaveAttribute('data-total', String(after.sent));
    await viewer.shot('queue-threshold');
  });
});
