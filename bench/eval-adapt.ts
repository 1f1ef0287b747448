/**
 * `npm run eval:adapt`: the patient-specific protocol (src/main/adaptation/patient-protocol)
 * on DS2 of ../shared/data/mitdb — per record, the reference labels of the first 5 minutes
 * adapt a copy of the model, the remaining 25 minutes are classified by the unadapted and
 * the adapted model — and prints per-class Se / +P / F1 (N S V F) of both on the same beats,
 * gross, then one line per record.
 *
 *   npm run eval:adapt                               # DS2, the default settings
 *   npm run eval:adapt -- --records 100,233          # a subset
 *   npm run eval:adapt -- --validation               # DS1 validation records 118 124 205 223 (choosing settings)
 *   npm run eval:adapt -- --epochs 5 --lr 1e-3 --trainable head --replay 2 --weights inverse --gamma 2 --json out.json
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_ADAPT, evaluatePatient, readReplaySample, replayBeats, type AdaptSettings, type PatientResult } from '../src/main/adaptation';
import { DEFAULT_BEAT_CACHE_DIR, DS2_RECORDS } from '../src/main/datasets';
import { selectBackend } from '../src/main/ml/backend/select';
import { metricsOf, sumConfusion, type ClassificationMetrics } from '../src/main/ml/evaluation/confusion';
import { loadModel } from '../src/main/ml/model-store';
import { DS1_VALIDATION_RECORDS } from '../src/main/ml/training/data';
import { repoRoot } from '../src/main/repo-root';

const CLASSES = ['N', 'S', 'V', 'F'] as const;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function settingsFrom(args: string[]): AdaptSettings {
  const num = (name: string, fallback: number): number => {
    const v = option(args, name);
    return v === undefined ? fallback : Number(v);
  };
  return {
    ...DEFAULT_ADAPT,
    epochs: num('--epochs', DEFAULT_ADAPT.epochs),
    learningRate: num('--lr', DEFAULT_ADAPT.learningRate),
    replayRatio: num('--replay', DEFAULT_ADAPT.replayRatio),
    gamma: num('--gamma', DEFAULT_ADAPT.gamma),
    batchSize: num('--batch', DEFAULT_ADAPT.batchSize),
    trainable: (option(args, '--trainable') ?? DEFAULT_ADAPT.trainable) as AdaptSettings['trainable'],
    classWeighting: (option(args, '--weights') ?? DEFAULT_ADAPT.classWeighting) as AdaptSettings['classWeighting'],
    augmentation: args.includes('--no-augment') ? null : DEFAULT_ADAPT.augmentation,
  };
}

const pct = (v: number | null): string => (v === null ? '—' : (100 * v).toFixed(1));
const f1 = (v: number | null): string => (v === null ? '—' : v.toFixed(3));

function classRows(base: ClassificationMetrics, adapted: ClassificationMetrics): string[] {
  const rows = ['| class | beats | unadapted Se / +P | F1 | adapted Se / +P | F1 |', '|---|---|---|---|---|---|'];
  for (const name of CLASSES) {
    const b = base.perClass.find((c) => c.name === name)!;
    const a = adapted.perClass.find((c) => c.name === name)!;
    rows.push(`| ${name} | ${b.count.toLocaleString('en-US')} | ${pct(b.se)} / ${pct(b.ppv)} | ${f1(b.f1)} | ${pct(a.se)} / ${pct(a.ppv)} | **${f1(a.f1)}** |`);
  }
  rows.push(`| macro F1 (N S V F) | | | ${f1(base.macroF1)} | | **${f1(adapted.macroF1)}** |`);
  rows.push(`| accuracy % | | | ${pct(base.accuracy)} | | **${pct(adapted.accuracy)}** |`);
  return rows;
}

function recordLine(r: PatientResult): string {
  const b = metricsOf(r.base);
  const a = metricsOf(r.adapted);
  const cls = (m: ClassificationMetrics, n: string): string => f1(m.perClass.find((c) => c.name === n)!.f1);
  return `| ${r.record} | ${r.reviewedBeats} | ${r.testBeats} | ${pct(b.accuracy)} → ${pct(a.accuracy)} | ${cls(b, 'S')} → ${cls(a, 'S')} | ${cls(b, 'V')} → ${cls(a, 'V')} | ${r.changed} | ${r.tuneSec.toFixed(1)} |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = repoRoot();
  const records = option(args, '--records')?.split(',') ?? (args.includes('--validation') ? [...DS1_VALIDATION_RECORDS] : [...DS2_RECORDS]);
  const modelDir = resolve(root, option(args, '--model') ?? 'models/rhythm-attention-default');
  const settings = settingsFrom(args);
  const backend = await selectBackend((option(args, '--backend') ?? 'wasm') as 'wasm');
  const base = await loadModel(modelDir);
  const sample = args.includes('--no-replay') ? null : await readReplaySample(modelDir);
  const started = performance.now();
  const results: PatientResult[] = [];
  for (const record of records) {
    const result = await evaluatePatient(base, record, { dataDir: resolve(root, '../shared/data/mitdb'), cacheDir: resolve(root, DEFAULT_BEAT_CACHE_DIR), settings, replay: sample === null ? null : replayBeats(sample) });
    results.push(result);
    console.error(recordLine(result));
  }
  const wallSec = (performance.now() - started) / 1000;
  const base$ = metricsOf(sumConfusion(results.map((r) => r.base)));
  const adapted$ = metricsOf(sumConfusion(results.map((r) => r.adapted)));
  const lines = [
    `Patient adaptation, ${records.length} records (${records.join(' ')}), first 5 min labelled, last 25 min tested; backend ${backend.name}`,
    `settings ${JSON.stringify({ ...settings, augmentation: settings.augmentation !== null })}, replay ${sample?.header.count ?? 0} beats`,
    '',
    ...classRows(base$, adapted$),
    '',
    '| record | reviewed | tested | accuracy % | S F1 | V F1 | changed | tune s |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(recordLine),
    '',
    `${wallSec.toFixed(0)} s in all (${(results.reduce((s, r) => s + r.tuneSec, 0) / Math.max(1, results.length)).toFixed(1)} s tuning per record)`,
  ];
  console.log(lines.join('\n'));
  const json = option(args, '--json');
  if (json !== undefined) await writeFile(json, JSON.stringify({ settings, records: results, base: base$, adapted: adapted$, wallSec }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
