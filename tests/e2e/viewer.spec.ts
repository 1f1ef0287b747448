/**
 * The viewer in Chromium over the loopback transport: opening records (samples, path,
 * upload), what the strip shows (beats where the annotation service puts them, time labels,
 * true paper scale), paging, the overview, and a readable error for a missing file. Each
 * state is saved under test-results/screenshots/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openApp } from './app';
import { ViewerPage, clock } from './viewer-page';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mitdb = resolve(repoRoot, '../shared/data/mitdb');
/** 1 mm in CSS px (96 px per inch). */
const PX_PER_MM = 96 / 25.4;

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('viewer', () => {
  test('reopens the most recent recording at start (the first sample at the very first start)', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await expect(page.locator('[data-testid="samples-item"]')).toHaveCount(3);
    await viewer.waitReady();
    // The services' recent list (most recent first) says what should have been reopened;
    // with an empty list it is the first bundled sample.
    const recent = page.locator('[data-testid="recent-item"]');
    const expected = (await recent.count()) > 0 ? await recent.first().getAttribute('data-name') : '100';
    await expect(page.getByTestId('record-name')).toHaveText(expected ?? '');
    await expect(page.getByTestId('start-screen')).toHaveCount(0);
    // The models' backend is shown, with why the better ones were not used (issue 4).
    const backend = page.getByTestId('ml-backend');
    await expect(backend).toContainText(/models on (wasm|tensorflow|cpu)/);
    if ((await backend.textContent())?.includes('wasm')) {
      await expect(backend).toHaveAttribute('title', /tensorflow-gpu: .+/);
    }
    await viewer.shot('01-start');
  });

  test('labels the beats of sample 100 where the annotation service puts them', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    const info = await viewer.openSample('100');
    await expect(page.getByTestId('record-name')).toHaveText('100');
    await expect(page.getByTestId('record-duration')).toHaveText('0:30:05');
    const view = await viewer.stripPage();
    expect(view.startSec).toBe(0);
    expect(view.pxPerSec).toBeCloseTo(25 * PX_PER_MM, 2);
    const expected = (await viewer.annotations(info.id, view.startSec, view.startSec + view.durationSec)).filter((m) => m.symbol === 'N');
    expect(expected.length).toBeGreaterThan(8);
    const shown = (await viewer.beatLabels()).filter((l) => l.text === 'N');
    expect(shown).toHaveLength(expected.length);
    for (const mark of expected) {
      const x = view.plotLeftPx + (mark.timeSec - view.startSec) * view.pxPerSec;
      expect(shown.some((l) => Math.abs(l.x - x) < 2), `an N label at ${mark.timeSec.toFixed(3)} s (x ≈ ${x.toFixed(1)} px)`).toBe(true);
    }
    await viewer.shot('02-sample-100');
  });

  test('pages forward and back by one page with buttons and keys', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    const first = await viewer.stripPage();
    expect((await viewer.timeLabels())[0]).toBe('0:00:00');
    await page.getByTestId('page-next').click();
    await viewer.waitReady();
    const second = await viewer.stripPage();
    expect(second.startSec).toBeCloseTo(first.durationSec, 2);
    const labels = await viewer.timeLabels();
    expect(labels[0]).toBe(clock(Math.ceil(second.startSec)));
    expect(labels[labels.length - 1]).toBe(clock(second.startSec + second.durationSec));
    await viewer.shot('03-next-page');
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBeCloseTo(2 * first.durationSec, 2);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBeCloseTo(1.5 * first.durationSec, 2);
    await page.keyboard.press('End');
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBeCloseTo(1805.556 - first.durationSec, 1);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBe(0);
  });

  test('jumps to a time typed in the time field', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    await page.getByTestId('time-input').fill('0:10:00');
    await page.getByTestId('time-input').press('Enter');
    await viewer.waitReady();
    expect((await viewer.stripPage()).startSec).toBe(600);
    expect((await viewer.timeLabels())[0]).toBe('0:10:00');
  });

  test('jumps to a typed time with the Go button, clicked or reached with Tab', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    await page.getByTestId('time-input').fill('0:10:00');
    await page.getByTestId('time-go').click();
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBe(600);
    await page.getByTestId('time-input').fill('0:20:00');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('time-go')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await viewer.stripPage()).startSec).toBe(1200);
    await expect(page.getByTestId('time-input')).toHaveValue('0:20:00');
  });

  test('jumps through the overview to three quarters of the record', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    const info = await viewer.openSample('100');
    await viewer.clickOverviewAt(0.75);
    await viewer.waitReady();
    const view = await viewer.stripPage();
    const centre = view.startSec + view.durationSec / 2;
    const total = info.durationSec ?? 0;
    // One overview pixel is about 1.8 s of this record.
    expect(Math.abs(centre - 0.75 * total)).toBeLessThan(3);
    const labels = await viewer.timeLabels();
    expect(labels[0]).toBe(clock(Math.ceil(view.startSec)));
    expect(labels.some((l) => l.startsWith('0:22:'))).toBe(true);
    await viewer.shot('04-overview-75');
  });

  test('draws 20 mm per mV after switching the gain to 20', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await viewer.openSample('100');
    const chart = viewer.strip.locator('.strip__chart');
    const before = (await chart.boundingBox())?.height ?? 0;
    await page.getByTestId('gain-select').selectOption('20');
    await viewer.waitReady();
    await expect.poll(async () => (await chart.boundingBox())?.height ?? 0).toBeGreaterThan(before);
    const after = (await chart.boundingBox())?.height ?? 0;
    // Two lanes of 4 mV: from 40 mm each at 10 mm/mV to 80 mm each at 20 mm/mV.
    expect(Math.abs(after - before - 2 * 40 * PX_PER_MM)).toBeLessThan(1.5);
    await expect(viewer.strip.locator('text', { hasText: '20 mm/mV' })).toHaveCount(1);
    await viewer.shot('05-gain-20');
  });

  test('opens a record by the path of its header', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    await page.getByTestId('path-input').fill(resolve(mitdb, '101.hea'));
    await page.getByTestId('path-open').click();
    await expect(page.getByTestId('record-name')).toHaveText('101');
    await viewer.waitReady();
    await expect(page.locator('[data-testid="recent-item"][data-name="101"]')).toBeVisible();
    expect((await viewer.beatLabels()).length).toBeGreaterThan(5);
    await viewer.shot('06-open-path-101');
  });

  test('opens a record uploaded from its files', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    const files = ['103.hea', '103.dat', '103.atr'].map((f) => resolve(mitdb, f));
    await page.getByTestId('upload-input').setInputFiles(files);
    await expect(page.getByTestId('upload-files')).toContainText('103.dat');
    const totalBytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    await expect(page.getByTestId('upload-status')).toContainText(`3 files, ${(totalBytes / 1e6).toFixed(1)} MB`);
    await page.getByTestId('upload-open').click();
    await expect(page.getByTestId('record-name')).toHaveText('103');
    await viewer.waitReady();
    // The reference labels come with their own request, which may land after the strip is ready.
    await expect.poll(async () => (await viewer.beatLabels()).length).toBeGreaterThan(5);
    expect(files.map((f) => basename(f))).toContain('103.atr');
    await viewer.shot('07-upload-103');
  });

  test('shows wall-clock time and every signal of a record with a base time', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    // 03700181: base time 17:27:45, MCL1 (mV, 4 samples per frame), ABP (mmHg), RESP.
    await page.getByTestId('path-input').fill(resolve(repoRoot, '../shared/data/wfdb-sample-data/03700181.hea'));
    await page.getByTestId('path-open').click();
    await expect(page.getByTestId('record-name')).toHaveText('03700181');
    await viewer.waitReady();
    await expect(page.getByTestId('record-start')).toHaveText('15/08/1994 17:27:45');
    const texts = (await viewer.stripTexts()).map((t) => t.text);
    expect(texts).toContain('0:00:00');
    expect(texts).toContain('17:27:45');
    expect(texts).toContain('17:27:50');
    for (const name of ['MCL1', 'ABP', 'RESP']) expect(texts).toContain(name);
    await viewer.shot('08-wall-clock-03700181');
  });

  test('says plainly which file is missing when a path does not exist', async ({ page }) => {
    await openApp(page);
    const viewer = new ViewerPage(page);
    const missing = resolve(repoRoot, '.tmp/no-such-folder/nothing.hea');
    await page.getByTestId('path-input').fill(missing);
    await page.getByTestId('path-open').click();
    const error = page.getByTestId('error-message');
    await expect(error).toBeVisible();
    await expect(error).toContainText('nothing.hea');
    await expect(error).not.toContainText('undefined');
    // A failed open leaves the recording that was open (reopened at start) on screen.
    await expect(page.getByTestId('record-name')).toBeVisible();
    await viewer.waitReady();
    await viewer.shot('09-error-missing');
  });
});
