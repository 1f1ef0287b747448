/**
 * Holter-scale benchmark (`npm run bench:holter`): a 24-hour and a 48-hour two-signal record
 * (MIT-BIH .dat files end to end, bench/day-record.ts, in a temp folder deleted at the end)
 * through the real app, against MIT-BIH 100 (30 min) through the same steps as the baseline.
 * Needs the built renderer (`npm run build`) and Chromium (/usr/bin/chromium, else
 * Playwright's own).
 *
 * Each record gets a fresh loopback server (src/main/serve/start.ts, as the user starts it;
 * bench/review-ui-server.ts) and a fresh Chromium, so that its peaks are its own. After the
 * app has started and analysed its start-up sample:
 *
 * 1. open by path in the library panel: first page drawn, first analysed beats on the strip,
 *    the progress saying done (bench/review-ui-page.ts);
 * 2. after the analysis, 12 jumps (Go to) spread over the record, each followed by 3 page
 *    turns (PageDown): median and p95 (target p95 ≤ 100 ms; the earlier issues' target);
 * 3. the PDF report: report:draft, then report:create over the HTTP API with the draft's
 *    strips (time of the create call, PDF size);
 * 4. peak memory (bench/holter-memory.ts): the server process's VmHWM (its analysis worker
 *    threads included; target ≤ 1.5 GB) and the renderer process's VmHWM (target ≤ 500 MB),
 *    with the page's JS heap peak for information, and the phase each sampled peak fell in.
 *
 * Every figure carries its ratio to the baseline. Prints PASS/FAIL per target and the load
 * average (the machine is shared: times depend on it, memory does not); exits non-zero only
 * on errors, not on a missed target.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import type { ExportedFile, ReportDraft } from '../src/shared/report';
import type { ReviewStatus } from '../src/shared/review';
import { MITDB, writeDayRecord } from './day-record';
import { readProcMemory, serverProcess, startMemoryProbe, type MemoryPeaks, type MemoryProbe } from './holter-memory';
import { startServer, type BenchServer } from './review-ui-server';
import { browserBenchMain, loadAverage as load, type Outcome } from './browser-bench-main';
import { installProbes, launchChromium, pageDurationSec, runSteps, spotSteps, spread, submitOpen, waitOpen, type OpenTimes } from './review-ui-page';
import { median, p95 } from './timing';

const TARGETS = { serverBytes: 1.5e9, rendererBytes: 500e6, pageMs: 100 } as const;
const SPOTS = 12;
const TURNS_PER_SPOT = 3;
/** Longest wait for an analysis to finish, ms (the 48-hour one takes minutes on a busy machine). */
const ANALYSIS_TIMEOUT_MS = 45 * 60_000;
/** Longest wait for the app's start-up sample to be analysed, ms. */
const START_TIMEOUT_MS = 10 * 60_000;

/** One record to run and how to name it. */
interface Subject {
  label: string;
  header: string;
  /** The record has reference annotations (switched off, so each page does the same work as on the long ones). */
  reference: boolean;
}

/** Everything measured on one record. */
interface Figures {
  label: string;
  hours: number;
  beats: number;
  open: OpenTimes;
  turns: number[];
  jumps: number[];
  notShown: number;
  reportMs: number;
  reportBytes: number;
  memory: MemoryPeaks;
  uncertainty: ReviewStatus['uncertainty'];
}

const outcomes: Outcome[] = [];
const ms = (x: number | null): string => (x === null || Number.isNaN(x) ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const ratio = (x: number | null, base: number | null): string => (x === null || base === null || !(base > 0) ? '' : ` (${(x / base).toFixed(2)}×)`);

function verdict(name: string, value: number, target: number, unit: (x: number) => string): string {
  const pass = value <= target;
  outcomes.push({ name, pass });
  return pass ? `PASS (≤ ${unit(target)})` : `FAIL (> ${unit(target)})`;
}

/** Loads the app from `server` into `page`; resolves once its start-up sample is analysed and the bench probes are in. */
async function openApp(page: Page, server: BenchServer): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('app-ready').waitFor({ timeout: 120_000 });
  const progress = page.getByTestId('analysis-progress');
  for (const until = Date.now() + START_TIMEOUT_MS; ; await page.waitForTimeout(500)) {
    const state = await progress.getAttribute('data-state');
    if (state === 'done') break;
    if (state === 'failed' || Date.now() > until) throw new Error(`the start-up sample's analysis: ${state}: ${await progress.textContent()}`);
  }
  await installProbes(page);
}

/** report:draft, then the timed report:create of the draft's selected strips. */
async function createReport(server: BenchServer, recordingId: string): Promise<{ ms: number; bytes: number }> {
  const draft = await server.call<ReportDraft>('report:draft', { recordingId });
  const request = { recordingId, fields: draft.fields, stripIds: draft.candidates.filter((c) => c.selected).map((c) => c.id), signOff: { reviewer: 'bench', conclusion: '', signed: false } };
  const start = performance.now();
  const file = await server.call<ExportedFile>('report:create', request);
  return { ms: performance.now() - start, bytes: file.sizeBytes };
}

/** Runs `subject` through a fresh server and browser (data folder under `tmp`). */
async function runRecord(tmp: string, subject: Subject): Promise<Figures> {
  const server = await startServer(join(tmp, `data-${subject.label.replace(/\W+/g, '')}`));
  let browser: Browser | null = null;
  let probe: MemoryProbe | null = null;
  try {
    browser = await launchChromium();
    const app = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    probe = await startMemoryProbe(serverProcess(server.pid), app);
    await openApp(app, server);
    probe.phase('open + analysis');
    const info = await submitOpen(app, subject.header);
    const open = await waitOpen(app, 'doneMs', ANALYSIS_TIMEOUT_MS);
    if (open.endState !== 'done') throw new Error(`${subject.label}: the analysis ended ${open.endState}`);
    probe.phase('pages');
    if (subject.reference) await app.getByTestId('annotator-select').selectOption('');
    const dur = await pageDurationSec(app);
    const status = await server.call<ReviewStatus>('review:status', { recordingId: info.id });
    const steps = await spotSteps(server, info.id, spread(SPOTS, status.analysedSec, dur, TURNS_PER_SPOT), dur, TURNS_PER_SPOT);
    const times = await runSteps(app, steps);
    const pick = (kind: string) => times.filter((_, i) => steps[i]?.kind === kind).map((t) => t.ms).sort((a, b) => a - b);
    probe.phase('report');
    const report = await createReport(server, info.id);
    const after = await server.call<ReviewStatus>('review:status', { recordingId: info.id });
    const memory = await probe.stop();
    probe = null;
    return {
      label: subject.label, hours: (info.durationSec ?? 0) / 3600, beats: after.beatCount, open, turns: pick('key'), jumps: pick('goto'),
      notShown: times.filter((t) => !t.ok).length, reportMs: report.ms, reportBytes: report.bytes, memory, uncertainty: after.uncertainty,
    };
  } finally {
    await probe?.stop(); // on an error: its timer would keep the bench alive
    await browser?.close();
    await server.stop();
  }
}

function printRecord(f: Figures, base: Figures | null): void {
  const long = base !== null;
  console.log(`\n${f.label}: ${f.hours.toFixed(1)} h, ${f.beats.toLocaleString('en-US')} beats (load ${load()})`);
  console.log(`  open: first page ${ms(f.open.pageMs)}${ratio(f.open.pageMs, base?.open.pageMs ?? null)}, first beats ${ms(f.open.beatsMs)}${ratio(f.open.beatsMs, base?.open.beatsMs ?? null)}, analysis done ${ms(f.open.doneMs)}${ratio(f.open.doneMs, base?.open.doneMs ?? null)}`);
  const pages = (name: string, xs: number[], b: number[] | undefined) =>
    `  ${name}: n=${xs.length} median ${ms(median(xs))}${ratio(median(xs), b ? median(b) : null)}, p95 ${ms(p95(xs))}${ratio(p95(xs), b ? p95(b) : null)}` +
    (long ? `  ${verdict(`${f.label} ${name} p95`, p95(xs), TARGETS.pageMs, ms)}` : '');
  console.log(pages('page turn', f.turns, base?.turns) + (f.notShown ? `  (${f.notShown} steps not shown within 5 s)` : ''));
  console.log(pages('jump', f.jumps, base?.jumps));
  console.log(`  report:create ${ms(f.reportMs)}${ratio(f.reportMs, base?.reportMs ?? null)}, PDF ${(f.reportBytes / 1e3).toFixed(0)} kB${ratio(f.reportBytes, base?.reportBytes ?? null)}`);
  const m = f.memory;
  console.log(`  server peak RSS (VmHWM) ${mb(m.serverHwm)}${ratio(m.serverHwm, base?.memory.serverHwm ?? null)}` + (long ? `  ${verdict(`${f.label} server peak`, m.serverHwm, TARGETS.serverBytes, mb)}` : ''));
  console.log(`  renderer peak RSS (VmHWM) ${mb(m.rendererHwm)}${ratio(m.rendererHwm, base?.memory.rendererHwm ?? null)}` + (long ? `  ${verdict(`${f.label} renderer peak`, m.rendererHwm, TARGETS.rendererBytes, mb)}` : '') +
    `; JS heap peak ${mb(m.heapUsed)} used${ratio(m.heapUsed, base?.memory.heapUsed ?? null)} / ${mb(m.heapTotal)} allocated`);
  const phases = [...m.phases].map(([name, p]) => `${name} ${mb(p.serverRss)}/${mb(p.rendererRss)}/${mb(p.heapUsed)}`).join(', ');
  console.log(`  sampled peaks by phase (server/renderer/JS heap): ${phases}`);
  console.log(`  uncertainty pass at the end: ${f.uncertainty.state} ${(f.uncertainty.fraction * 100).toFixed(0)}%`);
}

async function run(tmp: string): Promise<void> {
  const day24 = await writeDayRecord(tmp, { hours: 24, name: 'day24' });
  const day48 = await writeDayRecord(tmp, { hours: 48, name: 'day48' });
  const self = readProcMemory(process.pid);
  console.log(`bench:holter — ${cpus().length} CPUs, load average ${load()} at start; bench process ${self ? mb(self.rss) : '?'}`);
  console.log('Memory judged by the peak resident set (VmHWM, /proc) of the server\'s node process (analysis worker threads included) and of Chromium\'s renderer process; the JS heap (CDP) is shown for information.');
  console.log(`Each record: a fresh server and Chromium; after the analysis ${SPOTS} jumps + ${SPOTS * TURNS_PER_SPOT} page turns, then report:create. Ratios: to the 30-min baseline.`);
  const base = await runRecord(tmp, { label: '30-min (mitdb 100, baseline)', header: join(MITDB, '100.hea'), reference: true });
  printRecord(base, null);
  printRecord(await runRecord(tmp, { label: '24-h', header: day24.header, reference: false }), base);
  printRecord(await runRecord(tmp, { label: '48-h', header: day48.header, reference: false }), base);
}

browserBenchMain('holter', outcomes, run);
