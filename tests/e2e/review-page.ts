/**
 * Locators and readings of the review screen for the end-to-end tests: the beats the strip
 * lists for screen readers (label, reviewed, selected), the letters the chart draws in the
 * beats row (with their fill, which tells a reviewer's boxed letter from a model's), the
 * heatmap's rectangles, and the services' own answers to compare with.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ReviewBeat, ReviewStatus } from '../../src/shared/review';
import type { Result } from '../../src/shared/result';
import { E2E_TOKEN } from './app';

/** One beat of the strip's hidden list. */
export interface ListedBeat {
  id: number;
  label: string;
  timeSec: number;
  reviewed: boolean;
  added: boolean;
  selected: boolean;
}

/** A letter of the beats row: its text, centre x relative to the chart, and fill colour. */
export interface RowLetter {
  text: string;
  x: number;
  fill: string;
}

export class ReviewPage {
  readonly strip: Locator;
  readonly progress: Locator;
  readonly inspector: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByTestId('ecg-strip');
    this.progress = page.getByTestId('analysis-progress');
    this.inspector = page.getByTestId('beat-inspector');
  }

  /** The beats of the page, as the strip lists them. */
  async beats(): Promise<ListedBeat[]> {
    return this.page.getByTestId('strip-beats').locator('li').evaluateAll((items) =>
      items.map((li) => ({
        id: Number(li.getAttribute('data-beat-id')),
        label: li.getAttribute('data-label') ?? '',
        timeSec: Number(li.getAttribute('data-time-sec')),
        reviewed: li.getAttribute('data-reviewed') === 'true',
        added: li.getAttribute('data-added') === 'true',
        selected: li.getAttribute('data-selected') === 'true',
      })),
    );
  }

  async selected(): Promise<ListedBeat | null> {
    return (await this.beats()).find((b) => b.selected) ?? null;
  }

  /** Waits until a beat is selected and returns it. */
  async waitSelected(): Promise<ListedBeat> {
    await expect.poll(async () => (await this.selected()) !== null).toBe(true);
    return (await this.selected()) as ListedBeat;
  }

  /** X of a time on the strip's chart, px. */
  async xOf(timeSec: number): Promise<number> {
    const read = async (name: string) => Number(await this.strip.getAttribute(name));
    return (await read('data-plot-left-px')) + (timeSec - (await read('data-start-sec'))) * (await read('data-px-per-sec'));
  }

  /** The letters the chart draws in a band row (`data-prediction-row-px` or `data-reference-row-px`). */
  async rowLetters(rowAttribute: 'data-prediction-row-px' | 'data-reference-row-px'): Promise<RowLetter[]> {
    const rowY = Number(await this.strip.getAttribute(rowAttribute));
    return this.strip.getByTestId('strip-chart').evaluate((host, y) => {
      const origin = host.getBoundingClientRect();
      return [...host.querySelectorAll('text')]
        .map((t) => {
          const box = t.getBoundingClientRect();
          const fill = (t.getAttribute('fill') ?? '').toLowerCase();
          return { text: t.textContent ?? '', x: box.left + box.width / 2 - origin.left, y: box.top + box.height / 2 - origin.top, fill };
        })
        .filter((t) => Math.abs(t.y - y) < 6 && /^[NSVFQLRAaJjEe/f?]$/.test(t.text))
        .map(({ text, x, fill }) => ({ text, x, fill }));
    }, rowY);
  }

  /** The letter drawn for a beat in the beats row. */
  async letterOf(beat: { timeSec: number }): Promise<RowLetter | null> {
    const x = await this.xOf(beat.timeSec);
    return (await this.rowLetters('data-prediction-row-px')).find((l) => Math.abs(l.x - x) < 3) ?? null;
  }

  /** Rectangles of the attention heatmap in the chart's SVG (orange fill). */
  async heatRects(): Promise<number> {
    return this.strip.getByTestId('strip-chart').evaluate((host) =>
      [...host.querySelectorAll('path, rect')].filter((el) => (el.getAttribute('fill') ?? '').toLowerCase() === '#e69f00').length,
    );
  }

  /** Calls the services directly, as the renderer does. */
  async call<T>(channel: string, body: unknown): Promise<T> {
    const result = await this.page.evaluate(
      async ({ token, channel, body }) => {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await response.json()) as Result<unknown>;
      },
      { token: E2E_TOKEN, channel, body },
    );
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  }

  async status(recordingId: string): Promise<ReviewStatus> {
    return this.call<ReviewStatus>('review:status', { recordingId });
  }

  /** The services' next flagged beat after `fromSec` under a label filter. */
  async nextFlagged(recordingId: string, fromSec: number, labels: string[]): Promise<ReviewBeat | null> {
    return this.call<ReviewBeat | null>('review:step', { recordingId, labels, fromSec, direction: 1 });
  }

  /**
   * Starts noting every state the analysis progress goes through (run before opening).
   * Browser code as text: the tests' TypeScript setup has no DOM types.
   */
  async watchProgress(): Promise<void> {
    await this.page.evaluate(`(() => {
      const seen = [];
      window.progressStates = seen;
      const note = () => {
        const state = document.querySelector('[data-testid="analysis-progress"]')?.getAttribute('data-state');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    })()`);
  }

  /** The states noted since `watchProgress`. */
  async progressStates(): Promise<string[]> {
    return this.page.evaluate<string[]>('window.progressStates ?? []');
  }

  /**
   * Presses PageDown on the strip `pages` times; for each, the ms from the key to the frame
   * after the strip shows the new page with its signal ready and its beats listed, measured
   * in the page (no test round trip in the figure).
   */
  async pageTimes(pages: number): Promise<number[]> {
    return this.page.evaluate<number[]>(`(async () => {
      const strip = document.querySelector('[data-testid="ecg-strip"]');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = [];
      for (let i = 0; i < ${pages}; i++) {
        const from = Number(strip.dataset.startSec) + Number(strip.dataset.durationSec);
        const t0 = performance.now();
        strip.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }));
        for (;;) {
          await frame();
          const first = strip.querySelector('[data-testid="strip-beats"] li');
          const shown = Math.abs(Number(strip.dataset.startSec) - from) < 0.01 && strip.dataset.state === 'ready' && Number(first?.dataset.timeSec ?? -1) >= from;
          if (shown || performance.now() - t0 > 5000) break;
        }
        out.push(performance.now() - t0);
        await frame();
      }
      return out;
    })()`);
  }

  /** Saves a screenshot of the whole window under test-results/screenshots/. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
