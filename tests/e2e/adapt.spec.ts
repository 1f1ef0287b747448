/**
 * Patient adaptation in Chromium over the loopback transport, on a fresh upload of sample 232
 * (many S beats the shipped model calls N, and the reverse): "Adapt to patient" is disabled,
 * saying why, until a beat is reviewed; the reviewer relabels beats from the keyboard and
 * confirms the first minutes against the reference annotations; adapts, sees the progress,
 * then the outcome, and beats it did not touch change class on the strip; undo brings every
 * label back, redo re-applies the adaptation. Screenshots: test-results/screenshots/adapt-*.png.
 */
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './app';
import { ViewerPage } from './viewer-page';
import { ReviewPage } from './review-page';
import type { AnnotationMark, RecordingInfo } from '../../src/shared/domain';
import type { BeatLabel, ReviewBeat, ReviewStatus } from '../../src/shared/review';

test.use({ viewport: { width: 1600, height: 1000 } });

/** AAMI class of an MIT-BIH beat symbol (../shared/docs/protocol.md), null for a non-beat. */
function aamiOf(symbol: string): BeatLabel | null {
  if ('NLRej'.includes(symbol)) return 'N';
  if ('AaJS'.includes(symbol)) return 'S';
  if ('VE'.includes(symbol)) return 'V';
  if (symbol === 'F') return 'F';
  return '/fQ'.includes(symbol) ? 'Q' : null;
}

/** Uploads the files of the bundled sample `name` as a user would, opens it and waits for its analysis. */
async function openFresh(page: Page, viewer: ViewerPage, review: ReviewPage, name: string): Promise<RecordingInfo> {
  await page.getByTestId('upload-input').setInputFiles(['hea', 'dat', 'atr'].map((ext) => resolve('resources/samples', `${name}.${ext}`)));
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/recording:upload'));
  await page.getByTestId('upload-open').click();
  const info = await viewer.recordingFrom(await opened);
  await viewer.waitReady();
  await expect(review.progress).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  return info;
}

/** The reviewer confirms (relabels to the reference class) every beat of the first `seconds`. */
async function confirmFirst(review: ReviewPage, id: string, seconds: number): Promise<number> {
  const marks = await review.call<AnnotationMark[]>('recording:annotations', { recordingId: id, annotator: 'atr', startSec: 0, endSec: seconds });
  const beats = await review.call<ReviewBeat[]>('review:beats', { recordingId: id, startSec: 0, endSec: seconds });
  const byLabel = new Map<BeatLabel, number[]>();
  for (const beat of beats) {
    const mark = marks.find((m) => Math.abs(m.timeSec - beat.timeSec) < 0.15 && aamiOf(m.symbol) !== null);
    const label = mark ? aamiOf(mark.symbol) : null;
    if (label) byLabel.set(label, [...(byLabel.get(label) ?? []), beat.id]);
  }
  for (const [label, beatIds] of byLabel) await review.call('review:edit', { recordingId: id, edit: { kind: 'relabel', beatIds, label } });
  return [...byLabel.values()].reduce((n, ids) => n + ids.length, 0);
}

const allBeats = (review: ReviewPage, id: string) => review.call<ReviewBeat[]>('review:beats', { recordingId: id, startSec: 0, endSec: 3600 });

test('relabel beats, adapt to the patient, see other beats change class, undo and redo the adaptation', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page);
  const viewer = new ViewerPage(page);
  const review = new ReviewPage(page);
  const { id } = await openFresh(page, viewer, review, '232');
  const start = page.getByTestId('adapt-start');
  await expect(start).toBeDisabled();
  await expect(start).toHaveAttribute('title', /Relabel or confirm some beats first/);
  await review.shot('adapt-01-nothing-reviewed');

  // Two beats relabelled from the keyboard (next flagged beat, then its class key) …
  for (let k = 0; k < 2; k++) {
    await page.keyboard.press(']');
    const beat = await review.waitSelected();
    await page.keyboard.press(beat.label === 'S' ? 'n' : 's');
    await expect.poll(async () => (await review.selected())?.reviewed).toBe(true);
  }
  // … and the first three minutes confirmed against the cardiologists' labels.
  const confirmed = await confirmFirst(review, id, 180);
  expect(confirmed).toBeGreaterThan(100);
  await expect(start).toBeEnabled();
  const before = await allBeats(review, id);

  await start.click();
  await expect(page.getByTestId('adapt')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('adapt-bar')).toBeVisible();
  await review.shot('adapt-02-running');
  await expect(page.getByTestId('adapt')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const status = await review.status(id);
  expect(status.adaptation?.changedBeats).toBeGreaterThan(0);
  await expect(page.getByTestId('adapt-outcome')).toHaveText(`Adapted: ${status.adaptation!.changedBeats.toLocaleString('en-US')} beats changed class`);
  expect(status.undoLabel).toMatch(/^adapt to patient/);

  // Reviewer labels stay; beats nobody reviewed changed class.
  const after = await allBeats(review, id);
  expect(after.map((b) => b.id)).toEqual(before.map((b) => b.id));
  const changed = after.filter((b, i) => !b.reviewed && b.label !== before[i]!.label);
  expect(changed.length).toBeGreaterThan(0);
  expect(after.filter((b) => b.reviewed).map((b) => b.label)).toEqual(before.filter((b) => b.reviewed).map((b) => b.label));

  // Page forward until the strip shows a changed beat with its new class.
  const changedIds = new Map(changed.map((b) => [b.id, b.label]));
  let shown: { id: number; label: string } | undefined;
  for (let pageNo = 0; pageNo < 200 && shown === undefined; pageNo++) {
    shown = (await review.beats()).find((b) => changedIds.has(b.id));
    if (shown === undefined) {
      await review.strip.press('PageDown');
      await viewer.waitReady();
    }
  }
  expect(shown, 'a changed beat reached on the strip').toBeDefined();
  expect(shown!.label).toBe(changedIds.get(shown!.id));
  await review.shot('adapt-03-adapted');

  // Undo: every beat is back as it was; redo: adapted again.
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await review.beats()).find((b) => b.id === shown!.id)?.label).toBe(before.find((b) => b.id === shown!.id)!.label);
  expect((await allBeats(review, id)).map((b) => [b.id, b.label, b.predicted, b.confidence])).toEqual(before.map((b) => [b.id, b.label, b.predicted, b.confidence]));
  await review.shot('adapt-04-undone');
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await review.beats()).find((b) => b.id === shown!.id)?.label).toBe(shown!.label);
  const audit = await review.call<{ action: string }[]>('review:audit', { recordingId: id });
  expect(audit.slice(-3).map((a) => a.action)).toEqual(['adapt', 'undo', 'redo']);
  const restatus: ReviewStatus = await review.status(id);
  expect(restatus.adaptation?.modelId).toBe(status.adaptation?.modelId);
});
