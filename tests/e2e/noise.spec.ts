/**
 * Noise in the review (issue 11), in Chromium over the loopback transport: the first 5
 * minutes of MIT-BIH record 100 with synthetic electrode-motion noise at −6 dB over
 * 2:00–3:00, written to a temp WFDB record (tests/support/noisy-record) and opened through
 * the path field. The analysis marks the stretch: the strip shades it grey with the caption
 * "noise — not analysed" and lists no analysed beat inside it, the legend explains the
 * shading, and the Summary tab states the noisy time and its share. Screenshots under
 * test-results/screenshots/noise-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openApp } from './app';
import { ViewerPage } from './viewer-page';
import { ReviewPage } from './review-page';
import { writeNoisyPair } from '../support/noisy-record';
import { NOISE_COLOR, NOISE_LABEL } from '../../src/shared/charts/strip-noise';

test.use({ viewport: { width: 1600, height: 1000 } });

const MITDB = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/mitdb');
const NOISY = { startSec: 120, endSec: 180 };
const ANALYSIS_MS = 120_000;

test.describe('noise', () => {
  let folder = '';
  test.beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'e2e-noise-'));
  });
  test.afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('shades the noisy stretch on the strip, keeps no beat there, and states the noisy time in the summary', async ({ page }) => {
    test.setTimeout(ANALYSIS_MS + 60_000);
    const { noisy } = await writeNoisyPair(folder, { dataDir: MITDB, record: '100', minutes: 5, noisy: NOISY, snrDb: -6 });
    await openApp(page);
    const viewer = new ViewerPage(page);
    const review = new ReviewPage(page);
    await page.getByTestId('path-input').fill(noisy);
    await page.getByTestId('path-open').click();
    await expect(page.getByTestId('record-name')).toHaveText('100-noisy');
    await viewer.waitReady();
    await expect(page.getByTestId('panel-status')).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });

    // To the middle of the noisy minute (150 s of 300 s).
    await viewer.clickOverviewAt(0.5);
    const list = page.getByTestId('strip-noise');
    await expect.poll(async () => Number(await list.getAttribute('data-count'))).toBeGreaterThan(0);
    const spans = await list.locator('li').evaluateAll((els) => els.map((e) => ({ start: Number(e.getAttribute('data-start-sec')), end: Number(e.getAttribute('data-end-sec')) })));
    expect(spans.every((s) => s.end > s.start && s.end > NOISY.startSec && s.start < NOISY.endSec)).toBe(true);
    await expect(viewer.strip.locator('text', { hasText: NOISE_LABEL }).first()).toBeVisible();
    const grey = await viewer.strip.locator('rect, path').evaluateAll((els, color) => els.filter((el) => (el.getAttribute('fill') ?? '').toLowerCase() === color).length, NOISE_COLOR);
    expect(grey).toBeGreaterThan(0);
    const beats = await review.beats();
    expect(beats.filter((b) => !b.added && spans.some((s) => b.timeSec >= s.start && b.timeSec < s.end))).toEqual([]);
    await expect(page.getByTestId('legend-noise')).toContainText(NOISE_LABEL);
    await review.strip.screenshot({ path: 'test-results/screenshots/noise-01-strip.png' });

    await page.getByTestId('side-tab-summary').click();
    const line = page.getByTestId('summary-noise');
    await expect(line).toContainText(/Noise: .+ % of the analysed time\) in [\d,]+ stretch(es)?, not analysed/);
    // Most of the noisy minute is marked, and little else (eval:noise: 0.1 % of clean time).
    const noisySec = Number(await line.getAttribute('data-noise-sec'));
    expect(noisySec).toBeGreaterThan(40);
    expect(noisySec).toBeLessThan(70);
    await review.shot('noise-02-summary');
  });
});
