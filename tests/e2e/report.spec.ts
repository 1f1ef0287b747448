/**
 * Reports and exports in Chromium over the loopback transport, on sample 213: the reviewer
 * relabels a beat, exports the beat table as CSV (the download's rows are the review's
 * beats, the relabelled one with its new class and the reviewer's name) and the beats as
 * WFDB annotations (the download, read back with the project's WFDB reader, holds the
 * review's beats with their symbols), then fills the report dialog, signs and creates the
 * PDF (its text, from pdftotext, names the patient and the record). A second test shows
 * the errors while an analysis is incomplete (sample 232, stopped at once). Screenshots:
 * test-results/screenshots/report-*.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import type { ReviewBeat, ReviewStatus } from '../../src/shared/review';
import { parseAnnotations } from '../../src/main/wfdb';
import { readCsv } from '../support/rfc4180';
import { openApp } from './app';
import { ReviewPage } from './review-page';
import { ViewerPage } from './viewer-page';

test.use({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });

/** The analysis of a half-hour record takes seconds; a slow shared machine gets room. */
const ANALYSIS_MS = 150_000;
const DOWNLOADS = 'test-results/downloads';
const REVIEWER = 'Dr Export Test';
const PATIENT = 'Jane Q. Example';

/** Clicks `trigger` and saves the download it starts; returns the saved path and the suggested name. */
async function download(page: Page, trigger: Locator): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  await mkdir(DOWNLOADS, { recursive: true });
  const name = (file as Download).suggestedFilename();
  const path = join(DOWNLOADS, name);
  await (file as Download).saveAs(path);
  return { path, name };
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test.describe('report and exports', () => {
  test.describe.configure({ timeout: 300_000 });

  test('exports the reviewed beats as CSV and WFDB annotations, and creates a signed PDF report', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    const viewer = new ViewerPage(page);
    await page.getByTestId('reviewer-input').fill(REVIEWER);
    await page.getByTestId('reviewer-input').press('Enter');
    await expect.poll(async () => (await review.call<{ name: string }>('settings:reviewer', {})).name).toBe(REVIEWER);

    const info = await viewer.openSample('213');
    await expect(review.progress).toHaveAttribute('data-state', 'done', { timeout: ANALYSIS_MS });
    await viewer.waitReady();

    // Relabel the first flagged beat from the keyboard.
    await review.strip.focus();
    await page.keyboard.press(']');
    const picked = await review.waitSelected();
    const newLabel = picked.label === 'V' ? 'N' : 'V';
    await page.keyboard.press(newLabel.toLowerCase());
    await expect.poll(async () => (await review.selected())?.label).toBe(newLabel);
    const [target] = (await review.call<ReviewBeat[]>('review:beats', { recordingId: info.id, startSec: picked.timeSec - 0.002, endSec: picked.timeSec + 0.002 })).filter((b) => b.id === picked.id);
    expect(target?.label).toBe(newLabel);
    const status = await review.status(info.id);
    const beats = await review.call<ReviewBeat[]>('review:beats', { recordingId: info.id, startSec: 0, endSec: 3600 });
    expect(beats).toHaveLength(status.beatCount);

    // CSV: one row per beat of the review, the relabelled one with its class and reviewer.
    await page.getByTestId('export-menu').click();
    await expect(page.getByTestId('export-panel')).toBeVisible();
    await review.shot('report-01-export-menu');
    const csv = await download(page, page.getByTestId('export-csv'));
    expect(csv.name).toBe('213-beats.csv');
    const records = readCsv(await readFile(csv.path, 'utf8'));
    const head = records[0] as string[];
    expect(head.slice(0, 5)).toEqual(['id', 'sample', 'time_s', 'time', 'class']);
    expect(records.slice(1).map((r) => Number(r[head.indexOf('sample')]))).toEqual(beats.map((b) => b.sample));
    const row = records.find((r) => Number(r[head.indexOf('id')]) === target?.id) as string[];
    expect(row[head.indexOf('class')]).toBe(newLabel);
    expect(row[head.indexOf('model_class')]).toBe(picked.label);
    expect(row[head.indexOf('review')]).toBe('relabelled');
    expect(row[head.indexOf('edited_by')]).toBe(REVIEWER);
    await expect(page.getByTestId('export-saved')).toContainText('213-beats.csv');

    // WFDB annotations with AAMI symbols, read back with the project's reader.
    await page.getByTestId('export-annotator').fill('rev');
    await page.getByTestId('export-symbols').selectOption('aami');
    const atr = await download(page, page.getByTestId('export-annotations'));
    expect(atr.name).toBe('213.rev');
    const set = parseAnnotations(await readFile(atr.path), atr.path);
    expect(set.annotations).toHaveLength(beats.length);
    expect(set.annotations.map((a) => a.sample)).toEqual(beats.map((b) => b.sample));
    expect(set.annotations.map((a) => a.symbol)).toEqual(beats.map((b) => b.label));
    expect(set.annotations.find((a) => a.sample === target?.sample)).toMatchObject({ symbol: newLabel, subtype: 2 });
    await expect(page.getByTestId('export-saved')).toContainText('213.rev');
    await review.shot('report-02-exported');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('export-panel')).toBeHidden();
    await expect(page.getByTestId('export-menu')).toBeFocused();

    // The report dialog: prefilled, keyboard-usable, focus kept inside, Esc closes it.
    await page.getByTestId('report-button').click();
    const dialog = page.getByTestId('report-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('report-field-patientName')).toBeFocused();
    await expect(page.getByTestId('report-field-reviewer')).toHaveValue(REVIEWER);
    const strips = dialog.locator('[data-testid^="report-strip-"]');
    await expect.poll(() => strips.count()).toBeGreaterThan(0);
    await page.getByTestId('report-field-patientName').fill(PATIENT);
    await review.shot('report-03-dialog');
    // The default choice: some strips ticked, within the limit.
    const ticked = await dialog.locator('[data-testid^="report-strip-"]:checked').count();
    expect(ticked).toBeGreaterThan(0);
    expect(ticked).toBeLessThanOrEqual(24);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate('!!document.activeElement?.closest("[data-testid=report-dialog]")')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByTestId('report-button').click();
    await expect(page.getByTestId('report-field-patientName')).toHaveValue(PATIENT);
    await page.getByTestId('report-field-conclusion').fill('Sinus rhythm with frequent ventricular and fusion beats.');
    await page.getByTestId('report-field-signed').check();

    const pdf = await download(page, page.getByTestId('report-create'));
    expect(pdf.name).toMatch(/\.pdf$/);
    expect((await readFile(pdf.path)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByTestId('report-saved')).toContainText(pdf.name);
    await review.shot('report-04-created');
    if (hasPdftotext()) {
      const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
      expect(text).toContain(PATIENT);
      expect(text).toContain('213');
    } else {
      console.log('pdftotext is not installed: the PDF text is not checked.');
    }
    expect(existsSync(pdf.path)).toBe(true);
  });

  test('says why an export or a report cannot be made while the analysis is incomplete', async ({ page }) => {
    await openApp(page);
    const review = new ReviewPage(page);
    const viewer = new ViewerPage(page);
    const started = page.waitForResponse((r) => r.url().endsWith('/api/review:start'));
    const opened = page.waitForResponse((r) => r.url().endsWith('/api/recording:open'));
    await page.locator('[data-testid="samples-item"][data-name="232"]').click();
    const info = await viewer.recordingFrom(await opened);
    await started;
    const stopped = await review.call<ReviewStatus>('review:cancel', { recordingId: info.id });
    test.skip(stopped.state === 'done', 'the analysis of 232 finished before it could be stopped (or was restored)');
    await expect(review.progress).toHaveAttribute('data-state', 'cancelled');

    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-csv').click();
    const exportError = page.getByTestId('export-panel').getByTestId('error-message');
    await expect(exportError).toHaveAttribute('data-code', 'review/incomplete');
    await expect(exportError).toContainText('232: cannot make the export: its analysis stopped');
    await review.shot('report-05-export-error');
    await page.keyboard.press('Escape');

    await page.getByTestId('report-button').click();
    await expect(page.getByTestId('report-analysis-note')).toBeVisible();
    await page.getByTestId('report-create').click();
    await expect(page.getByTestId('report-dialog').getByTestId('error-message')).toHaveAttribute('data-code', 'review/incomplete');
    await review.shot('report-06-report-error');
  });
});
