/**
 * What bench/review-ui.ts and bench/holter.ts run inside the page, and read back, and how
 * they start Chromium and plan the page turns and jumps (`spotSteps`, `spread`). Browser code is passed as
 * text (bench/ is type-checked without DOM types, as tests/e2e/review-page.ts does).
 *
 * - Probes, installed once (the strip must be on screen): a PerformanceObserver of long
 *   tasks (main-thread tasks over 50 ms), a large resource-timing buffer (each service call
 *   is a `fetch` to /api/…), a count of the strip chart's draws, and a MutationObserver that
 *   notes, for an opening by path, when the new record's first page
 *   is drawn, when its first analysed beats are listed on the strip, and when the analysis
 *   progress says running and done.
 * - Steps: a page turn (PageDown on the strip) or a jump (the Go to field), each timed from
 *   the action to the animation frame in which the strip shows the page drawn with all its
 *   beats: the condition of tests/e2e/review-page.ts `pageTimes` (page start moved, strip
 *   `ready`, first listed beat on the page), plus the number of listed beats matching the
 *   services' count for that page, so that beats left from the previous page's margin do
 *   not count as the new page's.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { RecordingInfo } from '../src/shared/domain';
import type { Result } from '../src/shared/result';
import type { ReviewBeat } from '../src/shared/review';
import type { BenchServer } from './review-ui-server';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Times of one opening by path, ms from the submit; null where not reached. */
export interface OpenTimes {
  /** The new record's first page drawn (signals; no beats needed). */
  pageMs: number | null;
  /** First analysed beats listed on the strip. */
  beatsMs: number | null;
  runningMs: number | null;
  doneMs: number | null;
  /** The progress state it ended in (done, failed, cancelled). */
  endState: string | null;
  /** Page clock at the submit, for windows over long tasks. */
  t0: number;
}

/** A page turn or a jump, with the page it must show and its beat count (a range, for beats on the edges). */
export interface Step {
  kind: 'key' | 'goto';
  startSec: number;
  /** h:mm:ss for the Go to field. */
  clock: string;
  minBeats: number;
  maxBeats: number;
}

/** One step's time and whether the page showed within the 5-s limit; t0/t1 on the page clock. */
export interface StepTime {
  ms: number;
  ok: boolean;
  t0: number;
  t1: number;
  /** Times the strip's chart was drawn during the step. */
  draws: number;
}

/** A long task or a service call, on the page clock. */
export interface Span {
  name: string;
  start: number;
  end: number;
}

const PROBES = `(() => {
  const b = { longtasks: [], open: null, draws: 0 };
  window.__bench = b;
  // Each redraw of the strip's chart patches its SVG in one go: one callback per draw.
  new MutationObserver(() => b.draws++).observe(document.querySelector('[data-testid="strip-chart"]'), { subtree: true, childList: true, attributes: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ name: 'task', start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  performance.setResourceTimingBufferSize(100000);
  const q = (id) => document.querySelector('[data-testid="' + id + '"]');
  const note = () => {
    const o = b.open;
    if (!o || o.doneAt !== null) return;
    const now = performance.now();
    const state = q('analysis-progress')?.getAttribute('data-state');
    const strip = q('ecg-strip')?.dataset.state;
    if (o.fresh === null) {
      if (!state || state === 'done') return;
      o.fresh = now;
    }
    if (strip === 'loading') o.sawLoading = true;
    if (o.pageAt === null && o.sawLoading && strip === 'ready') o.pageAt = now;
    if (o.beatsAt === null && q('strip-beats')?.querySelector('li')) o.beatsAt = now;
    if (o.runningAt === null && state === 'running') o.runningAt = now;
    if (state === 'done' || state === 'failed' || state === 'cancelled') {
      o.doneAt = now;
      o.endState = state;
    }
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  window.__benchOpen = (path) => {
    b.open = { t0: performance.now(), fresh: null, sawLoading: false, pageAt: null, beatsAt: null, runningAt: null, doneAt: null, endState: null };
    const input = q('path-input');
    input.value = path;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form.requestSubmit();
  };
})()`;

/** Installs the probes (after app-ready). */
export async function installProbes(page: Page): Promise<void> {
  await page.evaluate(PROBES);
}

/** Opens a record by its header path in the library panel's path form; resolves to the services' answer. */
export async function submitOpen(page: Page, headerPath: string): Promise<RecordingInfo> {
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/recording:open'));
  await page.evaluate(`window.__benchOpen(${JSON.stringify(headerPath)})`);
  const result = (await (await opened).json()) as Result<RecordingInfo>;
  if (!result.ok) throw new Error(`could not open ${headerPath}: ${result.error.message}`);
  return result.value;
}

/** The opening's times so far. */
export async function openTimes(page: Page): Promise<OpenTimes> {
  return page.evaluate<OpenTimes>(`(() => {
    const o = window.__bench.open;
    const rel = (t) => (t === null ? null : t - o.t0);
    return { pageMs: rel(o.pageAt), beatsMs: rel(o.beatsAt), runningMs: rel(o.runningAt), doneMs: rel(o.doneAt), endState: o.endState, t0: o.t0 };
  })()`);
}

/**
 * Waits until the opening's `field` has been reached (polled from here: the app's CSP
 * forbids the eval that `page.waitForFunction` with a string needs).
 */
export async function waitOpen(page: Page, field: 'pageMs' | 'beatsMs' | 'doneMs', timeoutMs: number): Promise<OpenTimes> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const times = await openTimes(page);
    if (times[field] !== null) return times;
    if (Date.now() > until) throw new Error(`the opening did not reach ${field} in ${timeoutMs / 1000} s`);
    await page.waitForTimeout(100);
  }
}

/** Runs the steps one after the other (one frame between), timing each in the page. */
export async function runSteps(page: Page, steps: readonly Step[]): Promise<StepTime[]> {
  return page.evaluate<StepTime[]>(`(async (steps) => {
    const strip = document.querySelector('[data-testid="ecg-strip"]');
    const input = document.querySelector('[data-testid="time-input"]');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const out = [];
    for (const s of steps) {
      const t0 = performance.now();
      const draws = window.__bench.draws;
      if (s.kind === 'key') {
        strip.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }));
      } else {
        input.value = s.clock;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.form.requestSubmit();
      }
      let ok = false;
      for (;;) {
        await frame();
        const items = strip.querySelectorAll('[data-testid="strip-beats"] li');
        const first = items[0];
        ok = Math.abs(Number(strip.dataset.startSec) - s.startSec) < 0.01 && strip.dataset.state === 'ready'
          && (items.length === 0 || Number(first.dataset.timeSec) >= s.startSec - 0.001)
          && items.length >= s.minBeats && items.length <= s.maxBeats;
        if (ok || performance.now() - t0 > 5000) break;
      }
      const t1 = performance.now();
      out.push({ ms: t1 - t0, ok, t0, t1, draws: window.__bench.draws - draws });
      await frame();
    }
    return out;
  })(${JSON.stringify(steps)})`);
}

/** The page's long tasks so far. */
export async function longTasks(page: Page): Promise<Span[]> {
  return page.evaluate<Span[]>('window.__bench.longtasks');
}

/** The page's service calls so far (channel, start, end of the response). */
export async function apiCalls(page: Page): Promise<Span[]> {
  return page.evaluate<Span[]>(`performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/'))
    .map((e) => ({ name: decodeURIComponent(e.name.split('/api/')[1] ?? ''), start: e.startTime, end: e.responseEnd }))`);
}

/** The strip's page length, s. */
export async function pageDurationSec(page: Page): Promise<number> {
  return Number(await page.getByTestId('ecg-strip').getAttribute('data-duration-sec'));
}

/** Headless Chromium for the benches: the system's (/usr/bin/chromium) when there, else Playwright's. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** h:mm:ss of `sec`, as the Go to field takes it. */
function clock(sec: number): string {
  const s = Math.floor(sec);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The step to `startSec`, with the beat count the services give for that page. */
async function stepTo(server: BenchServer, id: string, kind: Step['kind'], startSec: number, durSec: number): Promise<Step> {
  const beats = await server.call<ReviewBeat[]>('review:beats', { recordingId: id, startSec: Math.max(0, startSec - 1), endSec: startSec + durSec + 1 });
  const within = (lo: number, hi: number) => beats.filter((b) => b.timeSec >= lo && b.timeSec <= hi).length;
  const e = 0.002;
  return { kind, startSec, clock: clock(startSec), minBeats: within(startSec + e, startSec + durSec - e), maxBeats: within(startSec - e, startSec + durSec + e) };
}

/** A jump to each spot (whole seconds) followed by `turns` page turns (PageDown) of `durSec`. */
export async function spotSteps(server: BenchServer, id: string, spots: readonly number[], durSec: number, turns: number): Promise<Step[]> {
  const steps: Step[] = [];
  for (const spot of spots) {
    const at = Math.floor(spot);
    steps.push(await stepTo(server, id, 'goto', at, durSec));
    for (let k = 1; k <= turns; k++) steps.push(await stepTo(server, id, 'key', at + k * durSec, durSec));
  }
  return steps;
}

/** `n` spots spread evenly over [0, endSec), leaving room for `turns` page turns after each. */
export function spread(n: number, endSec: number, durSec: number, turns: number): number[] {
  const room = endSec - (turns + 2) * durSec;
  return Array.from({ length: n }, (_, i) => ((i + 0.5) / n) * room);
}
