/**
 * Review core benchmark (`npm run bench:review`). Builds a 24-hour review from the 48
 * MIT-BIH records' reference beats (../shared/data/mitdb/*.atr) laid end to end (48 × 30
 * min, ~109,000 beats), fed to the review core as analysis chunks (no model), with a
 * made-up confidence per beat (90 % in [0.8, 1], 10 % in [0.4, 0.8), seeded) and 1,000
 * reviewer relabels. Then times, each as the median of repeats, with a baseline measured in
 * the same run on the same beats held as a plain array of objects (the naive store):
 *
 * - review:beats page (10 s and 60 s windows at random times) vs a plain array filter;
 * - review:flagged page (cold: first query after an edit; warm: next pages) vs a plain
 *   filter + sort;
 * - review:step (to the next F beat, a rare class) vs a plain findIndex scan;
 * - edit (relabel 1 beat + the status the reply carries, whose flagged count is a full
 *   scan) vs the same on the plain array; edit + autosave (the atomic write of the whole
 *   review) vs JSON.stringify + atomic write of the plain array;
 * - summary (after an edit, so not cached) vs one plain pass counting labels;
 * - save and restore (read + full validation) vs JSON.stringify / JSON.parse of the plain array.
 *
 * Target (issue 6): every page shows in ≤ 100 ms; PASS/FAIL is printed for the
 * interactive figures.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BEAT_LABELS, type BeatLabel } from '../src/shared/review';
import { aamiClassOf } from '../src/main/datasets';
import { writeFileAtomic } from '../src/main/fs/atomic-write';
import { loadReview, ReviewDocument, saveReview, type RecordFingerprint } from '../src/main/review';
import { readAnnotationFile } from '../src/main/wfdb';
import { median, p95, timings } from './timing';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const FS = 360;
const RECORD_FRAMES = 650_000;
const TARGET_MS = 100;

interface PlainBeat {
  id: number;
  sample: number;
  label: BeatLabel;
  confidence: number;
  reviewed: boolean;
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ms = (x: number): string => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`);

const outcomes: { name: string; pass: boolean }[] = [];

function report(name: string, times: number[], baseline: number[], baselineName: string, target = true): void {
  const [m, b] = [median(times), median(baseline)];
  const verdict = target ? (p95(times) <= TARGET_MS ? ` PASS (p95 ≤ ${TARGET_MS} ms)` : ` FAIL (p95 > ${TARGET_MS} ms)`) : '';
  if (target) outcomes.push({ name, pass: p95(times) <= TARGET_MS });
  console.log(`  ${name}: median ${ms(m)}, p95 ${ms(p95(times))}; ${baselineName} ${ms(b)} → ${(m / b).toFixed(2)}× baseline${verdict}`);
}

/** The 24-hour review and the same beats as a plain array. */
async function build24h(): Promise<{ doc: ReviewDocument; plain: PlainBeat[] }> {
  const records = readdirSync(MITDB).filter((f) => f.endsWith('.atr')).map((f) => f.slice(0, -4)).sort();
  const doc = new ReviewDocument(FS);
  const plain: PlainBeat[] = [];
  const random = prng(42);
  for (const [r, record] of records.entries()) {
    const { annotations } = await readAnnotationFile(join(MITDB, `${record}.atr`));
    const beats = annotations.filter((a) => aamiClassOf(a.symbol) !== null);
    const k = BEAT_LABELS.length;
    const probabilities = new Float32Array(beats.length * k);
    const samples = new Int32Array(beats.length);
    beats.forEach((a, j) => {
      const label = aamiClassOf(a.symbol) as BeatLabel;
      const confidence = random() < 0.1 ? 0.4 + 0.4 * random() : 0.8 + 0.2 * random();
      const c = BEAT_LABELS.indexOf(label);
      for (let x = 0; x < k; x++) probabilities[j * k + x] = x === c ? confidence : (1 - confidence) / (k - 1);
      samples[j] = r * RECORD_FRAMES + a.sample;
      plain.push({ id: plain.length, sample: samples[j] as number, label, confidence: Math.fround(confidence), reviewed: false });
    });
    doc.appendChunk({ samples, probabilities, templateIds: Int32Array.from(beats, (a) => BEAT_LABELS.indexOf(aamiClassOf(a.symbol) as BeatLabel)), analysedSec: ((r + 1) * RECORD_FRAMES) / FS, fraction: (r + 1) / records.length });
  }
  doc.complete = true;
  const actor = { reviewer: 'bench', at: new Date() };
  for (let i = 0; i < 1000; i++) {
    const id = Math.floor(random() * plain.length);
    const label = BEAT_LABELS[Math.floor(random() * BEAT_LABELS.length)] as BeatLabel;
    doc.edit({ kind: 'relabel', beatIds: [id], label }, actor);
    Object.assign(plain[id] as PlainBeat, { label, reviewed: true });
  }
  return { doc, plain };
}

const plainFlagged = (b: PlainBeat): boolean => b.label !== 'N' || (!b.reviewed && b.confidence < 0.8);

async function main(): Promise<void> {
  console.log(`bench:review — ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const t0 = performance.now();
  const { doc, plain } = await build24h();
  const hours = doc.analysedSec / 3600;
  console.log(`24-hour review: ${doc.store.liveCount.toLocaleString('en-US')} beats over ${hours.toFixed(1)} h, ${doc.flaggedTotal.toLocaleString('en-US')} flagged, built in ${(performance.now() - t0).toFixed(0)} ms`);
  const random = prng(7);
  const at = (span: number) => random() * (doc.analysedSec - span);
  const actor = { reviewer: 'bench', at: new Date() };
  let editId = 0;
  const edit = () => {
    editId = (editId + 7919) % plain.length;
    doc.edit({ kind: 'relabel', beatIds: [editId], label: 'N' }, actor);
  };

  console.log('review:beats');
  for (const span of [10, 60]) {
    const t = await timings(() => {
      const s = at(span);
      return doc.beatsInRange(s, s + span);
    }, 400);
    const b = await timings(() => {
      const s = at(span) * FS;
      return plain.filter((x) => x.sample >= s && x.sample < s + span * FS);
    }, 100);
    report(`${span}-s page`, t, b, 'plain filter');
  }

  console.log('review:flagged (100 per page, by confidence)');
  const cold = await timings(() => {
    edit();
    return doc.flagged({}, 'confidence', 0, 100);
  }, 30);
  const warm = await timings(() => doc.flagged({}, 'confidence', Math.floor(random() * 5000), 100), 200);
  const plainSorted = await timings(() => plain.filter(plainFlagged).sort((a, b) => a.confidence - b.confidence || a.sample - b.sample).slice(0, 100), 30);
  report('first page after an edit', cold, plainSorted, 'plain filter+sort');
  report('next pages', warm, plainSorted, 'plain filter+sort');
  const vOnly = await timings(() => {
    edit();
    return doc.flagged({ labels: ['V'], maxConfidence: 0.9 }, 'time', 0, 100);
  }, 30);
  report('V ≤ 0.9 by time, after an edit', vOnly, plainSorted, 'plain filter+sort');

  console.log('review:step (next F beat, a rare class)');
  const step = await timings(() => doc.step({ labels: ['F'] }, at(0), 1), 300);
  const stepPlain = await timings(() => {
    const s = at(0) * FS;
    return plain.find((x) => x.sample > s && x.label === 'F' && plainFlagged(x));
  }, 100);
  report('step', step, stepPlain, 'plain find');

  const dir = await mkdtemp(join(tmpdir(), 'ra-bench-review-'));
  try {
    const path = join(dir, 'review.json');
    const fingerprint: RecordFingerprint = { headerPath: join(dir, 'x.hea'), files: [] };
    const plainSave = await timings(() => writeFileAtomic(join(dir, 'plain.json'), JSON.stringify(plain)), 10, 1);
    console.log('edit and autosave');
    const editOnly = await timings(() => {
      edit();
      return doc.flaggedTotal;
    }, 100);
    const plainEdit = await timings(() => {
      editId = (editId + 7919) % plain.length;
      (plain[editId] as PlainBeat).label = 'N';
      return plain.filter(plainFlagged).length;
    }, 100);
    report('edit (relabel 1 beat + status)', editOnly, plainEdit, 'plain relabel + flagged count');
    const editSave = await timings(async () => {
      edit();
      await saveReview(path, doc, fingerprint, new Date());
    }, 15, 2);
    report('edit + autosave (atomic write)', editSave, plainSave, 'plain stringify+atomic write', false);

    console.log('summary (recomputed after an edit)');
    const summary = await timings(() => {
      edit();
      return doc.summary('bench');
    }, 20);
    const plainCount = await timings(() => {
      const counts = new Map<string, number>();
      for (const b of plain) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
      return counts;
    }, 20);
    const s = doc.summary('bench');
    console.log(`  ${s.events.length} rhythm events, ${s.tachogram.rrMs.length} tachogram points, HR ${s.heartRate?.minBpm}/${s.heartRate?.meanBpm}/${s.heartRate?.maxBpm} bpm`);
    report('summary', summary, plainCount, 'one plain counting pass');

    console.log('save / restore');
    const save = await timings(() => saveReview(path, doc, fingerprint, new Date()), 10, 1);
    const text = JSON.stringify(plain);
    const stringify = await timings(() => JSON.stringify(plain), 10, 1);
    const restore = await timings(async () => {
      const loaded = await loadReview(path, fingerprint, FS);
      if (loaded.kind !== 'restored') throw new Error(`restore failed: ${loaded.kind}`);
    }, 10, 1);
    const parse = await timings(() => JSON.parse(text) as unknown, 10, 1);
    const { size } = await stat(path);
    console.log(`  review file ${(size / 1e6).toFixed(1)} MB (plain JSON ${(text.length / 1e6).toFixed(1)} MB)`);
    report('save', save, stringify, 'plain JSON.stringify', false);
    report('restore (read + validate)', restore, parse, 'plain JSON.parse', false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const failed = outcomes.filter((o) => !o.pass);
  console.log(failed.length === 0 ? `All ${outcomes.length} interactive figures within ${TARGET_MS} ms.` : `FAILED: ${failed.map((f) => f.name).join(', ')}`);
}

void main();
