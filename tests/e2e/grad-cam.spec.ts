/**
 * The heatmap's two methods on the review screen, in Chromium over the loopback transport,
 * on sample 100: the attention heatmap from the toolbar, then Grad-CAM from its toggle (the
 * services asked with `method: 'grad-cam'`, the strip and the legend saying which map is on,
 * the drawn cells changing), back to attention with the G key (from the cache, the same
 * cells as before); the help lists G; the report form's "Heatmap on sample strips" choice
 * reaches `report:create` and the PDF is made. Screenshots under
 * test-results/screenshots/grad-cam-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './app';
import { ReviewPage } from './review-page';
import { ViewerPage } from './viewer-page';

test.use({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });

/** The analysis of a half-hour record takes seconds; a slow shared machine gets room. */
const ANALYSIS_MS = 150_000;

/** The heatmap's rectangles (orange fill) as "x:width:opacity", left to right. */
async function heatCells(page: Page): Promise<string[]> {
  return page.getByTestId('ecg-strip').getByTestId('strip-chart').evaluate((host) =>
    [...host.querySelectorAll('path, rect')]
      .filter((el) => (el.getAttribute('fill') ?? '').toLowerCase() === '#e69f00')
      .map((el) => {
        const box = el.getBoundingClientRect();
        const opacity = el.getAttribute('fill-opacity') ?? el.getAttribute('opacity') ?? '';
        return { x: box.left, text: `${box.left.toFixed(1)}:${box.width.toFixed(1)}:${opacity}` };
      })
      .sort((a, b) => a.x - b.x)
      .map((c) => c.text),
  );
}

test.describe('heatmap methods', () => {
  test.describe.configure({ timeout: 240_000 });

  test('switches the strip\'s heatmap between attention and Grad-CAM, and prints Grad-CAM strips on request', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    await expect(review.progress).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });
    await viewer.waitReady();
    await expect.poll(async () => (await review.beats()).length).toBeGreaterThan(5);

    await page.getByTestId('toggle-heatmap').click();
    await expect(review.strip).toHaveAttribute('data-heatmap', 'shown');
    await expect(review.strip).toHaveAttribute('data-heatmap-method', 'attention');
    await expect(page.getByTestId('legend-heatmap')).toContainText('attention low → high');
    await expect.poll(async () => (await heatCells(page)).length).toBeGreaterThan(10);
    const attention = await heatCells(page);

    const asked = page.waitForRequest((r) => r.url().endsWith('/api/review:attention') && (r.postData() ?? '').includes('"grad-cam"'));
    await page.getByTestId('heatmap-method-grad-cam').click();
    await asked;
    await expect(page.getByTestId('heatmap-method-grad-cam')).toHaveAttribute('aria-checked', 'true');
    await expect(review.strip).toHaveAttribute('data-heatmap-method', 'grad-cam');
    await expect(page.getByTestId('legend-heatmap')).toHaveAttribute('data-method', 'grad-cam');
    await expect(page.getByTestId('legend-heatmap')).toContainText('Grad-CAM low → high');
    await expect(review.strip).toHaveAttribute('data-heatmap', 'shown');
    await expect.poll(async () => (await heatCells(page)).length).toBeGreaterThan(10);
    const gradCam = await heatCells(page);
    expect(gradCam).not.toEqual(attention);
    await review.shot('grad-cam-01-review');
    await review.strip.screenshot({ path: 'test-results/screenshots/grad-cam-02-strip.png' });

    // G goes back to attention: the same cells, from the store's cache (no new call).
    let calls = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/review:attention') && calls++));
    await review.strip.focus();
    await page.keyboard.press('g');
    await expect(review.strip).toHaveAttribute('data-heatmap-method', 'attention');
    await expect.poll(() => heatCells(page)).toEqual(attention);
    expect(calls).toBe(0);
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-help')).toContainText('switch between attention and Grad-CAM');
    await page.keyboard.press('Escape');

    // The report form's choice goes to report:create, which makes the PDF.
    await page.getByTestId('report-button').click();
    await expect(page.getByTestId('report-dialog')).toBeVisible();
    await expect.poll(() => page.getByTestId('report-dialog').locator('[data-testid^="report-strip-"]:checked').count()).toBeGreaterThan(0);
    await page.getByTestId('report-heatmap').selectOption('grad-cam');
    await page.getByTestId('report-field-reviewer').fill('Dr Grad Cam');
    await review.shot('grad-cam-03-report-form');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/report:create'));
    await page.getByTestId('report-create').click();
    const response = await created;
    expect(response.request().postDataJSON()).toMatchObject({ stripHeatmap: 'grad-cam' });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    await expect(page.getByTestId('report-saved')).toContainText('.pdf');
  });
});
