/**
 * The review screen in Chromium over the loopback transport, on sample 213 (220 V and 362 F
 * beats among 2,641 N): the analysis runs with its progress shown, the reviewer jumps to
 * the next flagged V beat, relabels it from the keyboard, sees it marked as a reviewer's
 * label, undoes and redoes, reloads and finds the edit kept; relabels a template group;
 * adds and deletes a beat; turns the heatmap and the reference row on and off; opens the
 * keyboard help. Each state is saved under test-results/screenshots/review-*.png.
 */
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './app';
import { ViewerPage } from './viewer-page';
import { ReviewPage, type ListedBeat } from './review-page';
import type { RecordingInfo } from '../../src/shared/domain';
import type { TemplateGroup } from '../../src/shared/review';

test.use({ viewport: { width: 1600, height: 1000 } });

const WHITE = /^(#fff|#ffffff|white|rgb\(255, ?255, ?255\))$/;
/** The analysis of a half-hour record takes seconds; a slow shared machine gets room. */
const ANALYSIS_MS = 150_000;

/**
 * Opens sample 213, checks the progress is shown, waits for the analysis to finish; returns
 * its id and the states seen. Other spec files share the server's data folder and may have
 * reviewed sample 213 already; `fresh` uploads the sample's files instead (a new folder, so a
 * review of its own that is analysed from scratch).
 */
async function openAnalysed(page: Page, review: ReviewPage, fresh: boolean): Promise<{ id: string; states: string[] }> {
  const viewer = new ViewerPage(page);
  await review.watchProgress();
  const info = fresh ? await uploadSample(page, viewer, '213') : await viewer.openSample('213');
  await expect(review.progress).toBeVisible();
  if (fresh && (await review.progress.getAttribute('data-state')) === 'running') {
    await review.shot('review-01-analysing');
  }
  await expect(review.progress).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });
  await expect(page.getByTestId('analysis-counts')).toContainText(/[\d,]+ beats · [\d,]+ flagged/);
  await viewer.waitReady();
  await expect.poll(async () => (await review.beats()).length).toBeGreaterThan(5);
  return { id: info.id, states: await review.progressStates() };
}

/** Uploads the files of the bundled sample `name` as a user would from their computer, and opens it. */
async function uploadSample(page: Page, viewer: ViewerPage, name: string): Promise<RecordingInfo> {
  const files = ['hea', 'dat', 'atr'].map((ext) => resolve('resources/samples', `${name}.${ext}`));
  await page.getByTestId('upload-input').setInputFiles(files);
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/recording:upload'));
  await page.getByTestId('upload-open').click();
  const info = await viewer.recordingFrom(await opened);
  await viewer.waitReady();
  return info;
}

test.describe('review', () => {
  test.describe.configure({ timeout: 240_000 });

  test('finds a flagged V beat, relabels it, undoes, redoes, and keeps it over a reload', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    const { id, states } = await openAnalysed(page, review, true);
    // A fresh copy of 213 is analysed: the progress showed it running, then done.
    expect(states.slice(-2)).toEqual(['running', 'done']);
    await expect(review.progress).toHaveAttribute('data-restored', 'false');
    await review.shot('review-02-analysed');

    // Filter the flagged beats to V (the side panel's filter), then the next-flagged key.
    await page.getByTestId('side-tab-flagged').click();
    await page.getByTestId('flag-filter-V').click();
    await expect(page.getByTestId('flag-filter-V')).toHaveAttribute('aria-pressed', 'true');
    const startSec = Number(await review.strip.getAttribute('data-start-sec'));
    const expected = await review.nextFlagged(id, startSec - 1e-6, ['V']);
    expect(expected, 'the model flags at least one V beat in 213').not.toBeNull();
    await page.keyboard.press(']');
    const found = await review.waitSelected();
    expect(found.id).toBe(expected?.id);
    expect(found.label).toBe('V');
    expect(found.reviewed).toBe(false);
    await expect(page.getByTestId('inspector-label')).toHaveText('V');
    await expect(page.getByTestId('inspector-model')).toContainText(/^V, \d+ % sure/);
    const before = await review.letterOf(found);
    expect(before?.text).toBe('V');
    expect(before?.fill).not.toMatch(WHITE);
    await review.shot('review-03-flagged-v');

    // Relabel from the keyboard: a boxed (white-on-colour) letter marks the reviewer's label.
    await page.keyboard.press('n');
    await expect.poll(async () => (await review.selected())?.label).toBe('N');
    expect((await review.selected())?.reviewed).toBe(true);
    await expect(page.getByTestId('inspector-origin')).toHaveAttribute('data-reviewed', 'true');
    await expect(page.getByTestId('inspector-origin')).toContainText('relabelled by the reviewer (model: V)');
    await expect.poll(async () => (await review.letterOf(found))?.fill ?? '').toMatch(WHITE);
    expect((await review.letterOf(found))?.text).toBe('N');
    await expect(page.getByTestId('undo')).toHaveAttribute('title', /V → N|V to N|relabel/i);
    await review.shot('review-04-relabelled');
    await review.strip.screenshot({ path: 'test-results/screenshots/review-04-strip.png' });

    // Undo, then redo, from the keyboard.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await review.beats()).find((b) => b.id === found.id)?.label).toBe('V');
    expect((await review.beats()).find((b) => b.id === found.id)?.reviewed).toBe(false);
    await expect.poll(async () => (await review.letterOf(found))?.fill ?? '').not.toMatch(WHITE);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await review.beats()).find((b) => b.id === found.id)?.label).toBe('N');
    expect((await review.beats()).find((b) => b.id === found.id)?.reviewed).toBe(true);

    // The review is saved; a reload reopens 213 and restores the edit.
    await expect.poll(async () => (await review.status(id)).savedAt !== null && !(await review.status(id)).canRedo).toBe(true);
    const saved = await review.status(id);
    await expect.poll(async () => (await review.status(id)).revision === saved.revision && (await review.status(id)).savedAt !== null).toBe(true);
    await page.waitForTimeout(600);
    await page.reload();
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await expect(page.getByTestId('record-name')).toHaveText('213');
    await expect(review.progress).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });
    await page.getByTestId('time-input').fill(String(Math.max(0, Math.floor(found.timeSec - 2))));
    await page.getByTestId('time-input').press('Enter');
    const same = (b: ListedBeat) => Math.abs(b.timeSec - found.timeSec) < 0.01;
    await expect.poll(async () => (await review.beats()).find(same)?.label).toBe('N');
    expect((await review.beats()).find(same)?.reviewed).toBe(true);
    await expect.poll(async () => (await review.letterOf(found))?.fill ?? '').toMatch(WHITE);
    await review.shot('review-05-after-reload');
  });

  test('moves the selection with the arrows, adds a beat by double-click and deletes it', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    await openAnalysed(page, review, false);
    await review.strip.focus();
    await page.keyboard.press('ArrowRight');
    const first = await review.waitSelected();
    const onPage = await review.beats();
    expect(first.id).toBe(onPage[0]?.id);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await review.selected())?.id).toBe(onPage[1]?.id);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await review.selected())?.id).toBe(first.id);

    // Double-click midway between two beats: the services put a new beat on the nearest peak.
    const [a, b] = [onPage[2], onPage[3]] as [ListedBeat, ListedBeat];
    const box = await review.strip.getByTestId('strip-chart').boundingBox();
    const rowY = Number(await review.strip.getAttribute('data-paper-top-px')) + 60;
    await page.mouse.dblclick((box?.x ?? 0) + (await review.xOf((a.timeSec + b.timeSec) / 2)), (box?.y ?? 0) + rowY);
    await expect.poll(async () => (await review.beats()).length).toBe(onPage.length + 1);
    const added = (await review.beats()).find((x) => x.added);
    expect(added?.selected).toBe(true);
    expect(Math.abs((added?.timeSec ?? 0) - (a.timeSec + b.timeSec) / 2)).toBeLessThan(0.1 + (b.timeSec - a.timeSec) / 2);
    await expect(page.getByTestId('inspector-origin')).toContainText('added by the reviewer');
    await review.shot('review-06-added');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await review.beats()).length).toBe(onPage.length);
    expect((await review.beats()).some((x) => x.added)).toBe(false);
  });

  test('relabels a template group from the Templates tab', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    const { id } = await openAnalysed(page, review, false);
    await page.getByTestId('side-tab-templates').click();
    const groups = await review.call<TemplateGroup[]>('review:templates', { recordingId: id });
    // The smallest group of several beats that the model calls something other than N, relabelled N.
    const target = groups.filter((g) => g.label !== 'N' && g.count >= 3).sort((x, y) => x.count - y.count)[0];
    expect(target).toBeDefined();
    const card = page.locator(`[data-testid="template-group"][data-template-id="${target?.id}"]`);
    await card.scrollIntoViewIfNeeded();
    await card.click();
    await page.getByTestId('template-relabel-N').click();
    await expect.poll(async () => {
      const after = await review.call<TemplateGroup[]>('review:templates', { recordingId: id });
      return after.find((g) => g.id === target?.id)?.labelCounts.N;
    }).toBe(target?.count);
    await expect(card).toHaveAttribute('data-label', 'N');
    await expect(page.getByTestId('undo')).toBeEnabled();
    await review.shot('review-07-template-relabelled');
  });

  test('shows the attention heatmap and hides the reference row from the keyboard; lists every key', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    await openAnalysed(page, review, false);
    expect((await review.rowLetters('data-reference-row-px')).length).toBeGreaterThan(5);
    await review.strip.focus();

    await page.keyboard.press('h');
    await expect(review.strip).toHaveAttribute('data-heatmap', 'shown');
    await expect.poll(() => review.heatRects()).toBeGreaterThan(10);
    await expect(page.getByTestId('toggle-heatmap')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('legend-heatmap')).toBeVisible();
    await review.shot('review-08-heatmap');
    await review.strip.screenshot({ path: 'test-results/screenshots/review-08-strip.png' });

    await page.keyboard.press('r');
    await expect(review.strip).toHaveAttribute('data-reference', 'hidden');
    await expect.poll(async () => (await review.rowLetters('data-reference-row-px')).length).toBe(0);
    expect((await review.rowLetters('data-prediction-row-px')).length).toBeGreaterThan(5);
    await review.shot('review-09-no-reference');
    await page.keyboard.press('h');
    await expect(review.strip).toHaveAttribute('data-heatmap', 'hidden');
    await expect.poll(() => review.heatRects()).toBe(0);
    await page.keyboard.press('r');
    await expect(review.strip).toHaveAttribute('data-reference', 'shown');

    // Keys do nothing while typing in a field.
    await page.getByTestId('reviewer-input').fill('Dr Test');
    await page.getByTestId('reviewer-input').press('h');
    await expect(page.getByTestId('reviewer-input')).toHaveValue('Dr Testh');
    await expect(review.strip).toHaveAttribute('data-heatmap', 'hidden');
    await page.getByTestId('reviewer-input').press('Escape');

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await expect(help).toBeVisible();
    await expect(help.getByTestId('shortcut-row')).toHaveCount(26);
    await expect(help).toContainText('Next flagged beat');
    await expect(help.locator('kbd', { hasText: 'Page Down' })).toHaveCount(1);
    await review.shot('review-10-help');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await page.getByTestId('help-button').click();
    await expect(help).toBeVisible();
    await page.getByTestId('shortcut-help-close').click();
    await expect(help).toBeHidden();
  });

  test('shows each next page with its beats within 100 ms (median of 12 pages)', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    await openAnalysed(page, review, false);
    await page.getByTestId('time-input').fill('0:05:00');
    await page.getByTestId('time-input').press('Enter');
    await review.strip.focus();
    const times = await review.pageTimes(12);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
    console.log(`page times, ms: ${times.map((t) => t.toFixed(0)).join(' ')}; median ${median.toFixed(0)}`);
    expect(median).toBeLessThanOrEqual(100);
    await review.shot('review-11-paged');
  });
});
