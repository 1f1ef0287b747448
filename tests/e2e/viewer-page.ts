/**
 * Locators and readings of the viewer for the end-to-end tests: what the strip shows (its
 * page, scale, beat labels and time labels, read from the SVG the chart draws), and the
 * service's own answers to compare with.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { AnnotationMark, RecordingInfo } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { E2E_TOKEN } from './app';

/** A text drawn in a chart, with its centre relative to the chart's top-left corner. */
export interface ChartText {
  text: string;
  x: number;
  y: number;
}

/** The strip's page and scale, as its data attributes state them. */
export interface StripPage {
  startSec: number;
  durationSec: number;
  plotLeftPx: number;
  pxPerSec: number;
}

export class ViewerPage {
  readonly strip: Locator;
  readonly overview: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByTestId('ecg-strip');
    this.overview = page.getByTestId('overview-chart');
  }

  /** Opens a sample from the list and waits for its strip; returns the open call's answer. */
  async openSample(name: string): Promise<RecordingInfo> {
    const opened = this.page.waitForResponse((r) => r.url().endsWith('/api/recording:open'));
    await this.page.locator(`[data-testid="samples-item"][data-name="${name}"]`).click();
    const info = await this.recordingFrom(await opened);
    await this.waitReady();
    return info;
  }

  /** The RecordingInfo carried by a recording:open or recording:upload response. */
  async recordingFrom(response: { json(): Promise<unknown> }): Promise<RecordingInfo> {
    const result = (await response.json()) as Result<RecordingInfo>;
    if (!result.ok) throw new Error(`open failed: ${result.error.message}`);
    return result.value;
  }

  /** Waits until the strip has drawn the data of its current page. */
  async waitReady(): Promise<void> {
    await expect(this.strip).toHaveAttribute('data-state', 'ready');
  }

  async stripPage(): Promise<StripPage> {
    const read = async (name: string) => Number(await this.strip.getAttribute(name));
    return {
      startSec: await read('data-start-sec'),
      durationSec: await read('data-duration-sec'),
      plotLeftPx: await read('data-plot-left-px'),
      pxPerSec: await read('data-px-per-sec'),
    };
  }

  /** Every text the strip's chart draws, with positions relative to the chart. */
  async stripTexts(): Promise<ChartText[]> {
    return this.strip.locator('.strip__chart').evaluate((host) => {
      const origin = host.getBoundingClientRect();
      return [...host.querySelectorAll('text')].map((t) => {
        const box = t.getBoundingClientRect();
        return { text: t.textContent ?? '', x: box.left + box.width / 2 - origin.left, y: box.top + box.height / 2 - origin.top };
      });
    });
  }

  /** Reference beat labels: the row of the band the strip names in `data-reference-row-px`. */
  async beatLabels(): Promise<ChartText[]> {
    const rowY = Number(await this.strip.getAttribute('data-reference-row-px'));
    return (await this.stripTexts()).filter((t) => Math.abs(t.y - rowY) < 6 && /^[NLRaVFJASEj/Qf?Benr]$/.test(t.text));
  }

  /** Time labels under the paper ("0:00:12"), in order. */
  async timeLabels(): Promise<string[]> {
    return (await this.stripTexts()).filter((t) => /^\d+:\d\d:\d\d/.test(t.text)).sort((a, b) => a.x - b.x).map((t) => t.text);
  }

  /** The annotation service's answer for [startSec, endSec), asked directly. */
  async annotations(recordingId: string, startSec: number, endSec: number): Promise<AnnotationMark[]> {
    const result = await this.page.evaluate(
      async ({ token, body }) => {
        const response = await fetch('/api/recording:annotations', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await response.json()) as Result<AnnotationMark[]>;
      },
      { token: E2E_TOKEN, body: { recordingId, annotator: 'atr', startSec, endSec } },
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  /** Clicks the overview at `fraction` (0..1) of its plot width. */
  async clickOverviewAt(fraction: number): Promise<void> {
    const box = await this.overview.boundingBox();
    if (!box) throw new Error('overview not visible');
    const left = Number(await this.overview.getAttribute('data-plot-left-px'));
    const right = Number(await this.overview.getAttribute('data-plot-right-px'));
    await this.overview.click({ position: { x: left + fraction * (box.width - left - right), y: box.height / 3 } });
  }

  /** Saves a screenshot of the whole window under test-results/screenshots/. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}

/** Clock text as the time axis writes it: h:mm:ss. */
export function clock(sec: number): string {
  const s = Math.floor(sec + 1e-6);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
