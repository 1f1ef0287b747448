/**
 * Review screen benchmark (`npm run bench:review-ui`): the served renderer in Chromium over
 * the loopback transport, as a reviewer uses it. Needs the built renderer (`npm run build`)
 * and Chromium (/usr/bin/chromium, else Playwright's own).
 *
 * Starts the loopback server (free port, temp data folder, random token), lets the app open
 * and analyse its start-up sample (a warm-up), then through the library panel's path form:
 *
 * - MIT-BIH 100 (30 min): open → first page, first analysed beats, analysis done (target
 *   ≤ 5 s; baseline: the first page drawn, i.e. the opening without the analysis);
 *   then, with the reference annotations off (the 24-hour record has none), 12 jumps (Go to)
 *   spread over the record, each followed by 3 page turns (PageDown): the baseline of the
 *   24-hour figures below.
 * - A 24-hour record (the 48 MIT-BIH .dat files end to end, built in a temp folder,
 *   bench/day-record.ts): open → first analysed beats, analysis done (ratio to 48 × the
 *   30-minute analysis); while it runs, a jump and page turns every few seconds in the part
 *   already analysed, and every main-thread long task (target: the UI stays responsive, page
 *   p95 ≤ 100 ms and no task over 100 ms outside those page turns); after it, the same 12 jumps + 36 page turns as
 *   on record 100 (target: each page ≤ 100 ms, judged on p95).
 *
 * A page counts as shown in the frame where the strip has drawn it with all its beats
 * (bench/review-ui-page.ts). For each set: the services' share (from the step to the end of
 * the last /api call it started) and the longest main-thread task inside it (the draw).
 * Prints PASS/FAIL per target; exits non-zero only on errors, not on a missed target.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import type { ReviewStatus } from '../src/shared/review';
import { MITDB, writeDayRecord } from './day-record';
import { startServer, type BenchServer } from './review-ui-server';
import { browserBenchMain, loadAverage as load, type Outcome } from './browser-bench-main';
import { apiCalls, installProbes, launchChromium, longTasks, pageDurationSec, runSteps, spotSteps, spread, submitOpen, waitOpen, type OpenTimes, type Span, type Step, type StepTime } from './review-ui-page';

const PAGE_MS = 100;
const ANALYSIS_MS = 5000;
const SPOTS = 12;
const TURNS_PER_SPOT = 3;
/** Pause between two reviewer actions while the 24-hour analysis runs, ms. */
const WORK_EVERY_MS = 4000;

const outcomes: Outcome[] = [];

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const q = (xs: readonly number[], p: number): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
const ms = (x: number | null): string => (x === null || Number.isNaN(x) ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
function verdict(name: string, value: number, target: number): string {
  const pass = value <= target;
  outcomes.push({ name, pass });
  return pass ? `PASS (≤ ${ms(target)})` : `FAIL (> ${ms(target)})`;
}

interface SetFigures {
  times: number[];
  failed: number;
  /** Per step: ms from the step to the end of the last service call it started and that ended within it. */
  apiMs: number[];
  /** Per step: the longest main-thread task inside it. */
  taskMs: number[];
  /** Per step: how many times the strip was drawn. */
  draws: number[];
  /** Per step: its span on the page clock. */
  spans: Span[];
}

function figures(times: readonly StepTime[], calls: readonly Span[], tasks: readonly Span[]): SetFigures {
  const inside = (s: Span, t: StepTime) => s.start >= t.t0 - 1 && s.end <= t.t1;
  return {
    times: times.map((t) => t.ms),
    failed: times.filter((t) => !t.ok).length,
    apiMs: times.map((t) => Math.max(0, ...calls.filter((c) => inside(c, t)).map((c) => c.end - t.t0))),
    taskMs: times.map((t) => Math.max(0, ...tasks.filter((k) => k.end > t.t0 && k.start < t.t1).map((k) => Math.min(k.end, t.t1) - Math.max(k.start, t.t0)))),
    draws: times.map((t) => t.draws),
    spans: times.map((t) => ({ name: 'step', start: t.t0, end: t.t1 })),
  };
}

async function measureSet(page: Page, steps: readonly Step[]): Promise<SetFigures> {
  const times = await runSteps(page, steps);
  return figures(times, await apiCalls(page), await longTasks(page));
}

function printSet(label: string, f: SetFigures, baseline: SetFigures | null, target: string | null): void {
  const ratio = baseline ? `, ${(q(f.times, 0.5) / q(baseline.times, 0.5)).toFixed(2)}× baseline median` : '';
  const judged = target ? ` ${verdict(target, q(f.times, 0.95), PAGE_MS)}` : '';
  console.log(`  ${label.padEnd(34)} n=${String(f.times.length).padStart(2)}  median ${ms(q(f.times, 0.5)).padStart(6)}  p95 ${ms(q(f.times, 0.95)).padStart(6)}  max ${ms(Math.max(...f.times)).padStart(6)}${ratio}${judged}`);
  console.log(`  ${''.padEnd(34)} of which services (median/p95) ${ms(q(f.apiMs, 0.5))}/${ms(q(f.apiMs, 0.95))}, longest main-thread task (median/p95) ${ms(q(f.taskMs, 0.5))}/${ms(q(f.taskMs, 0.95))}, strip draws per step (median/max) ${q(f.draws, 0.5)}/${Math.max(...f.draws)}${f.failed ? `; ${f.failed} not shown within 5 s` : ''}`);
}

function split(f: SetFigures, kind: Step['kind'], steps: readonly Step[]): SetFigures {
  const pick = <T>(xs: readonly T[]) => xs.filter((_, i) => steps[i]?.kind === kind);
  return { times: pick(f.times), failed: f.failed, apiMs: pick(f.apiMs), taskMs: pick(f.taskMs), draws: pick(f.draws), spans: pick(f.spans) };
}

/** Opens record 100 and pages through it: the 30-minute figures and the paging baseline. */
async function record100(page: Page, server: BenchServer): Promise<{ open: OpenTimes; jumps: SetFigures; turns: SetFigures }> {
  const info = await submitOpen(page, join(MITDB, '100.hea'));
  const open = await waitOpen(page, 'doneMs', 180_000);
  // No reference annotations, as on the 24-hour record: the same work per page.
  await page.getByTestId('annotator-select').selectOption('');
  const dur = await pageDurationSec(page);
  const steps = await spotSteps(server, info.id, spread(SPOTS, info.durationSec ?? 0, dur, TURNS_PER_SPOT), dur, TURNS_PER_SPOT);
  const all = await measureSet(page, steps);
  return { open, jumps: split(all, 'goto', steps), turns: split(all, 'key', steps) };
}

/** While the 24-hour analysis runs: a jump into the analysed part and page turns, every few seconds. */
async function workWhileRunning(page: Page, server: BenchServer, id: string, dur: number): Promise<{ sets: SetFigures[]; status: ReviewStatus }> {
  const sets: SetFigures[] = [];
  for (let round = 0; ; round++) {
    await page.waitForTimeout(WORK_EVERY_MS);
    const status = await server.call<ReviewStatus>('review:status', { recordingId: id });
    if (status.state !== 'running') return { sets, status };
    const room = status.analysedSec - 60 - (TURNS_PER_SPOT + 2) * dur;
    if (room <= 0) continue;
    // Spots move through the analysed part: the golden ratio keeps them apart.
    const spot = ((round * 0.618034) % 1) * room;
    sets.push(await measureSet(page, await spotSteps(server, id, [spot], dur, TURNS_PER_SPOT)));
  }
}

function merge(sets: readonly SetFigures[]): SetFigures {
  return {
    times: sets.flatMap((s) => s.times),
    failed: sets.reduce((n, s) => n + s.failed, 0),
    apiMs: sets.flatMap((s) => s.apiMs),
    taskMs: sets.flatMap((s) => s.taskMs),
    draws: sets.flatMap((s) => s.draws),
    spans: sets.flatMap((s) => s.spans),
  };
}

interface DayFigures {
  open: OpenTimes;
  during: SetFigures;
  tasks: Span[];
  beats: number;
  jumps: SetFigures;
  turns: SetFigures;
}

async function dayRecord(page: Page, server: BenchServer, header: string): Promise<DayFigures> {
  const { id } = await submitOpen(page, header);
  await waitOpen(page, 'beatsMs', 180_000);
  const dur = await pageDurationSec(page);
  const { sets } = await workWhileRunning(page, server, id, dur);
  const open = await waitOpen(page, 'doneMs', 1_800_000);
  const tasks = (await longTasks(page)).filter((t) => t.start >= open.t0 && t.start <= open.t0 + (open.doneMs ?? 0));
  const status = await server.call<ReviewStatus>('review:status', { recordingId: id });
  const steps = await spotSteps(server, id, spread(SPOTS, status.analysedSec, dur, TURNS_PER_SPOT), dur, TURNS_PER_SPOT);
  const all = await measureSet(page, steps);
  return { open, during: merge(sets), tasks, beats: status.beatCount, jumps: split(all, 'goto', steps), turns: split(all, 'key', steps) };
}

function printAnalysis(r100: OpenTimes, day: DayFigures): void {
  const done100 = r100.doneMs ?? Number.NaN;
  console.log('\nAnalysis (wasm backend, from the Open button to the progress saying done; prepared worker, as in the app after start-up)');
  console.log(`  30-min (mitdb 100)  first page ${ms(r100.pageMs)}, first beats ${ms(r100.beatsMs)}, done ${ms(done100)} (${r100.endState}) = ${(done100 / (r100.pageMs ?? Number.NaN)).toFixed(1)}× the first page drawn  ${verdict('30-min analysis', done100, ANALYSIS_MS)}`);
  const doneDay = day.open.doneMs ?? Number.NaN;
  console.log(`  24-h (${day.beats.toLocaleString('en-US')} beats)  first page ${ms(day.open.pageMs)}, first beats ${ms(day.open.beatsMs)}, done ${ms(doneDay)} (${day.open.endState}) = ${(doneDay / (48 * done100)).toFixed(2)}× 48 × the 30-min analysis`);
  const tasks = day.tasks.map((t) => t.end - t.start);
  // Tasks outside the bench's own page turns and jumps: what the analysis itself costs the UI.
  const own = day.tasks.filter((t) => !day.during.spans.some((s) => t.end > s.start && t.start < s.end)).map((t) => t.end - t.start);
  const longest = Math.max(0, ...own);
  console.log('\nUI while the 24-hour analysis runs');
  console.log(`  main-thread long tasks (> 50 ms): ${tasks.length}, ${ms(tasks.reduce((a, b) => a + b, 0))} in all over ${ms(doneDay)}, longest ${ms(Math.max(0, ...tasks))}`);
  console.log(`  of them outside the bench's page turns and jumps: ${own.length}, longest ${ms(longest)}  ${verdict('longest main-thread task caused by the analysis', longest, PAGE_MS)}`);
}

function printPaging(r100: { jumps: SetFigures; turns: SetFigures }, day: DayFigures): void {
  console.log(`\nPages (each: from the key or Go to until the frame with the page drawn and all its beats listed)`);
  printSet('30-min, page turn (baseline)', r100.turns, null, null);
  printSet('30-min, jump (baseline)', r100.jumps, null, null);
  printSet('24-h, while analysing (turns+jumps)', day.during, r100.turns, 'page during 24-h analysis, p95');
  printSet('24-h, page turn', day.turns, r100.turns, '24-h page turn, p95');
  printSet('24-h, jump', day.jumps, r100.jumps, '24-h jump, p95');
}

async function run(tmp: string): Promise<void> {
  const day = await writeDayRecord(tmp);
  const server = await startServer(join(tmp, 'data'));
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    console.log(`bench:review-ui — Chromium ${browser.version()}, ${cpus().length} CPUs, load average ${load()} at start; 24-h record ${(day.frames / 360 / 3600).toFixed(1)} h`);
    const t0 = performance.now();
    await page.goto(server.url);
    await page.getByTestId('app-ready').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="analysis-progress"][data-state="done"]').waitFor({ timeout: 300_000 });
    console.log(`warm-up: app start + start-up sample analysed in ${ms(performance.now() - t0)}`);
    await installProbes(page);
    const r100 = await record100(page, server);
    const dayFigures = await dayRecord(page, server, day.header);
    printAnalysis(r100.open, dayFigures);
    printPaging(r100, dayFigures);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

browserBenchMain('review-ui', outcomes, run);
