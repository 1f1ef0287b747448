/**
 * The review side panel end to end, over the loopback transport: the flagged list filtered
 * to V beats moves the strip to the beat clicked; relabelling a template group with a key
 * changes the summary's counts and writes an audit line; a pause in the summary's events
 * moves the strip to it. The analysis runs for real on the bundled MIT-BIH samples.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { PerLabel } from '../../src/shared/review';
import { openApp } from './app';
import { ViewerPage } from './viewer-page';

/** The analysis of a half-hour record on a busy 2-core machine. */
const ANALYSIS_TIMEOUT_MS = 240_000;

/** Opens a sample and waits until its analysis has finished. */
async function openAnalysed(page: Page, name: string): Promise<{ viewer: ViewerPage; durationSec: number }> {
  await openApp(page);
  const viewer = new ViewerPage(page);
  const info = await viewer.openSample(name);
  await expect(page.getByTestId('panel-status')).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_TIMEOUT_MS });
  return { viewer, durationSec: info.durationSec ?? 0 };
}

/** Waits until the strip's page is centred on `timeSec` (or pinned to the start of the record). */
async function expectStripCentredOn(viewer: ViewerPage, timeSec: number): Promise<void> {
  await expect
    .poll(async () => {
      const { startSec, durationSec } = await viewer.stripPage();
      return Math.abs(startSec - Math.max(0, timeSec - durationSec / 2));
    })
    .toBeLessThan(0.01);
  await viewer.waitReady();
}

async function openTab(page: Page, id: 'flagged' | 'templates' | 'summary' | 'audit'): Promise<void> {
  await page.getByTestId(`side-tab-${id}`).click();
  await expect(page.getByTestId(`side-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
}

async function counts(page: Page): Promise<PerLabel<number>> {
  const read = async (label: string) => Number((await page.getByTestId(`count-${label}`).textContent())?.replace(/,/g, ''));
  return { N: await read('N'), S: await read('S'), V: await read('V'), F: await read('F'), Q: await read('Q') };
}

async function labelCounts(group: Locator): Promise<PerLabel<number>> {
  return JSON.parse((await group.getAttribute('data-label-counts')) ?? '{}') as PerLabel<number>;
}

test.describe('review side panel', () => {
  test.setTimeout(ANALYSIS_TIMEOUT_MS + 60_000);

  test('filters flagged beats by class, jumps to one, and relabels a template group with a key', async ({ page }) => {
    const { viewer } = await openAnalysed(page, '213');

    // Flagged: only V beats once V is pressed; clicking one centres the strip on it.
    await page.getByTestId('flag-filter-V').click();
    await expect(page.getByTestId('flag-filter-V')).toHaveAttribute('aria-pressed', 'true');
    const items = page.getByTestId('flagged-item');
    await expect(items.first()).toBeVisible();
    await expect.poll(async () => new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-label'))))).toEqual(new Set(['V']));
    const total = Number(await page.getByTestId('flagged-list').getAttribute('data-total'));
    expect(total).toBeGreaterThan(20);
    const item = items.nth(6);
    const timeSec = Number(await item.getAttribute('data-time-sec'));
    await item.click();
    await expectStripCentredOn(viewer, timeSec);
    await expect(item).toHaveAttribute('aria-selected', 'true');
    await viewer.shot('panels-flagged');

    // ↓ in the list selects the next flagged beat and the strip follows.
    const index = Number(await item.getAttribute('data-index'));
    const next = page.locator(`[data-testid="flagged-item"][data-index="${index + 1}"]`);
    const nextSec = Number(await next.getAttribute('data-time-sec'));
    await page.keyboard.press('ArrowDown');
    await expect(next).toHaveAttribute('aria-selected', 'true');
    await expectStripCentredOn(viewer, nextSec);

    // The strip's next-flagged key uses the same filter: the list highlights what it selects.
    await viewer.strip.focus();
    await page.keyboard.press(']');
    await expect(page.locator(`[data-testid="flagged-item"][data-index="${index + 2}"]`)).toHaveAttribute('aria-selected', 'true');

    // The virtual list keeps a few dozen rows in the DOM however long the list is.
    expect(await page.locator('[data-testid="flagged-list"] [role="option"]').count()).toBeLessThan(80);

    // Summary before the relabel.
    await openTab(page, 'summary');
    await expect(page.getByTestId('summary-counts')).toBeVisible();
    const before = await counts(page);
    expect(before.V).toBeGreaterThan(0);
    await viewer.shot('panels-summary');

    // Templates: select the largest V group and relabel it N with the N key.
    await openTab(page, 'templates');
    const group = page.locator('[data-testid="template-group"][data-label="V"]').first();
    await expect(group).toBeVisible();
    const members = await labelCounts(group);
    const groupCount = Number(await group.getAttribute('data-count'));
    await group.click();
    await expect(group).toHaveAttribute('aria-selected', 'true');
    await viewer.shot('panels-templates');
    await page.keyboard.press('n');

    await openTab(page, 'summary');
    await expect.poll(async () => (await counts(page)).V).toBe(before.V - members.V);
    const after = await counts(page);
    expect(after.N).toBe(before.N + groupCount - members.N);
    await viewer.shot('panels-summary-after');

    await openTab(page, 'audit');
    await expect(page.locator('[data-testid="audit-item"][data-action="relabel-template"]')).toHaveCount(1);
  });

  test('jumps to a pause from the summary and to a time from the trend chart', async ({ page }) => {
    const { viewer, durationSec: recordSec } = await openAnalysed(page, '232');
    await openTab(page, 'summary');
    const pause = page.locator('[data-testid="event-item"][data-kind="pause"]').first();
    await expect(pause).toBeVisible();
    const start = Number(await pause.getAttribute('data-start-sec'));
    const end = Number(await pause.getAttribute('data-end-sec'));
    expect(end - start).toBeGreaterThanOrEqual(2);
    await pause.click();
    await expectStripCentredOn(viewer, (start + end) / 2);
    await viewer.shot('panels-events');

    // Clicking the middle of the trend's plot goes to the middle of the record.
    const chart = page.locator('[data-testid="summary-trend"] [role="img"]');
    const box = await chart.boundingBox();
    if (!box) throw new Error('trend chart not visible');
    const left = Number(await chart.getAttribute('data-plot-left-px'));
    const right = Number(await chart.getAttribute('data-plot-right-px'));
    await chart.click({ position: { x: left + (box.width - left - right) / 2, y: box.height / 2 } });
    // One pixel of a ~300 px plot is about 6 s of a half-hour record.
    await expect
      .poll(async () => {
        const { startSec, durationSec } = await viewer.stripPage();
        return Math.abs(startSec + durationSec / 2 - recordSec / 2);
      })
      .toBeLessThan(15);
  });
});
