/**
 * Irregular rhythm in the review, in Chromium over the loopback transport: MIT-BIH record
 * 201 (DS1; atrial fibrillation for its first 6 minutes and again from 26:38), opened
 * through the path field and analysed with the default model. The Summary tab lists the
 * stretches of irregular rhythm; the first one starts in the first minute, and a click on it
 * shows its start on the strip, where the model, whose card says not to call S or F inside
 * such a rhythm, has called no beat S or F, and a captioned bar along the top of the paper
 * marks the stretch. Screenshots under test-results/screenshots/.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openApp } from './app';
import { ReviewPage } from './review-page';
import { ViewerPage } from './viewer-page';
import { IRREGULAR_LABEL } from '../../src/shared/charts/strip-rhythm';

test.use({ viewport: { width: 1600, height: 1000 } });

const RECORD_201 = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/mitdb/201');
const ANALYSIS_MS = 180_000;

test('lists the irregular-rhythm stretches of record 201 in the summary and calls no S or F beat inside them', async ({ page }) => {
  test.setTimeout(ANALYSIS_MS + 60_000);
  await openApp(page);
  const viewer = new ViewerPage(page);
  const review = new ReviewPage(page);
  await page.getByTestId('path-input').fill(RECORD_201);
  await page.getByTestId('path-open').click();
  await expect(page.getByTestId('record-name')).toHaveText('201');
  await viewer.waitReady();
  await expect(page.getByTestId('panel-status')).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });

  await page.getByTestId('side-tab-summary').click();
  await expect(page.getByTestId('event-kind-irregular')).toBeVisible();
  const stretches = page.locator('[data-testid="event-item"][data-kind="irregular"]');
  await expect.poll(() => stretches.count()).toBeGreaterThanOrEqual(2);
  const first = stretches.first();
  const start = Number(await first.getAttribute('data-start-sec'));
  const end = Number(await first.getAttribute('data-end-sec'));
  expect(start).toBeLessThan(60);
  expect(end - start).toBeGreaterThan(180);
  await expect(first).toContainText('Irregular');
  // The burden: record 201 spends about a third of its 30 minutes in fibrillation (and its flagged ectopy).
  const burden = page.getByTestId('summary-irregular');
  await expect(burden).toContainText(/Irregular rhythm \(AF or flutter\?\): .+ % of the analysed time\) in \d+ stretches/);
  expect(Number(await burden.getAttribute('data-irregular-sec'))).toBeGreaterThan(360);
  await review.shot('irregular-01-summary');

  await first.click();
  await expect.poll(async () => (await review.beats()).length).toBeGreaterThan(5);
  const shown = await review.beats();
  expect(shown.every((b) => b.timeSec >= start - 30 && b.timeSec <= end)).toBe(true);
  expect(shown.filter((b) => b.label === 'S' || b.label === 'F')).toEqual([]);
  // The strip marks the stretch with its bar, caption and legend entry.
  const bars = page.getByTestId('strip-irregular');
  await expect.poll(async () => Number(await bars.getAttribute('data-count'))).toBeGreaterThan(0);
  await expect(viewer.strip.locator('text', { hasText: IRREGULAR_LABEL }).first()).toBeVisible();
  await expect(page.getByTestId('legend-irregular')).toContainText(IRREGULAR_LABEL);
  await review.shot('irregular-02-strip');
});
