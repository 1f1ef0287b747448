/**
 * PDF report benchmark (`npm run bench:report`). Analyses sample 213 through the services
 * (default model, wasm backend; a fresh data folder), then times, each as the median of
 * repeats and against a baseline measured in the same run:
 *
 * - report:create for 213 with the default strips (gathering the review, the charts, the
 *   strips, the PDF and the atomic write) vs one strip alone (its option, ECharts SVG and
 *   svg-to-pdfkit into a fresh document), the unit the report's time is made of;
 * - a 24-hour-size report: 213's summary tiled 48 times (about 156,000 beats, 2,900 events,
 *   a 1,440-minute trend, a 20,000-point tachogram) with 8 strips, built from plain data.
 *
 * For each, the longest stall of the event loop while it ran (perf_hooks
 * monitorEventLoopDelay): the report must not freeze the app's other calls for long.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { ReviewSummary } from '../src/shared/review';
import { disposeAnalysisWorkers } from '../src/main/analysis';
import { buildReportPdf, buildReportStrip, renderChartSvg, summariseAudit, type ReportData, type ReportStrip } from '../src/main/report';
import { createServices, type Services } from '../src/main/services';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const RESOURCES = join(ROOT, 'resources');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Runs `f` `runs` times; the median time and the longest event-loop stall seen, ms. */
async function measure(f: () => Promise<unknown>, runs: number): Promise<{ ms: number; stallMs: number }> {
  const times: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  loop.disable();
  return { ms: median(times), stallMs: loop.max / 1e6 };
}

async function analysed(services: Services): Promise<string> {
  const { id } = await services.handlers['recording:open']({ path: join(RESOURCES, 'samples', '213.hea') });
  await services.handlers['review:start']({ recordingId: id });
  for (;;) {
    const status = await services.handlers['review:status']({ recordingId: id });
    if (status.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return id;
}

/** One strip alone: option, SVG, and svg-to-pdfkit into a fresh document. */
function oneStrip(strip: ReportStrip): void {
  const { option, layout } = buildReportStrip(strip, null);
  const doc = new PDFDocument({ autoFirstPage: true, size: 'A4', layout: 'landscape' });
  SVGtoPDF(doc, renderChartSvg(option, layout.widthPx, layout.heightPx), 0, 0, { width: 786, height: 400 });
  doc.end();
}

/** 213's report data through the public handlers (what report:create gathers inside). */
async function reportData(services: Services, id: string): Promise<ReportData> {
  const h = services.handlers;
  const draft = await h['report:draft']({ recordingId: id });
  const summary = await h['review:summary']({ recordingId: id });
  const strips: ReportStrip[] = [];
  for (const c of draft.candidates.filter((x) => x.selected)) {
    const w = await h['recording:window']({ recordingId: id, startSec: c.startSec, durationSec: c.durationSec });
    const beats = await h['review:beats']({ recordingId: id, startSec: c.startSec, endSec: c.startSec + c.durationSec });
    strips.push({ candidate: { ...c, focusBeatId: beats[0]?.id ?? 0, event: null }, frameRateHz: w.frameRateHz, signals: w.signals.map((s) => ({ name: s.name, units: s.units, values: Float64Array.from(s.values, (v) => v ?? Number.NaN) })), beats });
  }
  return {
    recordName: '213', fields: draft.fields, recording: { durationSec: summary.analysedSec, frameRateHz: 360, leads: ['MLII', 'V1'], baseTimeSec: null },
    summary, model: { name: 'rhythm-attention-default', version: '1', backend: 'wasm' },
    review: { reviewedBeats: 0, addedBeats: 0, unreviewedFlagged: 0, audit: summariseAudit([]) }, strips,
    signOff: { reviewer: 'bench', conclusion: 'Benchmark.', signed: true }, generatedAt: new Date(), appVersion: 'bench',
  };
}

/** `summary` repeated `times` times end to end, as a recording `times` × as long. */
function tile(summary: ReviewSummary, times: number): ReviewSummary {
  const span = summary.analysedSec;
  const shift = <T extends { startSec: number; endSec: number }>(e: T, k: number): T => ({ ...e, startSec: e.startSec + k * span, endSec: e.endSec + k * span });
  const ks = Array.from({ length: times }, (_, k) => k);
  const time = ks.flatMap((k) => summary.tachogram.timeSec.map((t) => t + k * span));
  const rr = ks.flatMap(() => summary.tachogram.rrMs);
  const step = Math.max(1, Math.ceil(time.length / 20_000));
  return {
    ...summary,
    analysedSec: span * times,
    total: summary.total * times,
    counts: { N: summary.counts.N * times, S: summary.counts.S * times, V: summary.counts.V * times, F: summary.counts.F * times, Q: summary.counts.Q * times },
    trend: { stepSec: summary.trend.stepSec, bpm: ks.flatMap(() => summary.trend.bpm.slice(0, Math.floor(span / summary.trend.stepSec))) },
    tachogram: { timeSec: time.filter((_, i) => i % step === 0), rrMs: rr.filter((_, i) => i % step === 0) },
    events: ks.flatMap((k) => summary.events.map((e) => shift(e, k))),
  };
}

async function main(): Promise<void> {
  console.log(`bench:report — ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'ra-bench-report-'));
  const services = createServices({ dataDir, resourcesDir: RESOURCES, transport: 'loopback', version: 'bench', mlBackend: 'wasm' });
  try {
    const id = await analysed(services);
    const draft = await services.handlers['report:draft']({ recordingId: id });
    const request = { recordingId: id, fields: draft.fields, stripIds: draft.candidates.filter((c) => c.selected).map((c) => c.id), signOff: { reviewer: 'bench', conclusion: '', signed: false } };
    const data = await reportData(services, id);
    const strip = data.strips[0] as ReportStrip;
    oneStrip(strip);
    const base = await measure(async () => oneStrip(strip), 5);
    const create = await measure(() => services.handlers['report:create'](request), 3);
    console.log(`one strip (baseline): median ${base.ms.toFixed(0)} ms`);
    console.log(`report:create 213 (${request.stripIds.length} strips): median ${create.ms.toFixed(0)} ms = ${(create.ms / base.ms).toFixed(1)}× one strip; longest event-loop stall ${create.stallMs.toFixed(0)} ms`);
    const day = { ...data, summary: tile(data.summary, 48) };
    const big = await measure(() => buildReportPdf(day), 2);
    console.log(`24-hour-size report (${day.summary.total.toLocaleString('en-US')} beats, ${day.summary.events.length.toLocaleString('en-US')} events, ${day.strips.length} strips): median ${big.ms.toFixed(0)} ms = ${(big.ms / base.ms).toFixed(1)}× one strip; longest event-loop stall ${big.stallMs.toFixed(0)} ms`);
  } finally {
    await services.close();
    await disposeAnalysisWorkers();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
