/**
 * `predict [<model>] <record> [options]`: detects and classifies every beat of a WFDB record
 * with a trained model and prints one line per beat — time, class, class probabilities,
 * the reference class where an annotation file exists, and where the model's attention
 * lay (its peak relative to the R peak, and its share within ±50 ms of it) — or JSON.
 * Without a model folder it uses the app's default model (models/rhythm-attention-default).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { defaultModelDir } from '../../main/analysis';
import { AAMI_CLASSES } from '../../main/datasets';
import { confusionMatrix, formatEvaluation, metricsOf, predictRecord, type ModelCard, type RecordPrediction } from '../../main/ml';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, loadModelOption, mitdbDirOption, numberOption, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention predict [<model folder>] <record> [options]

Detects the beats of a WFDB record with our QRS detector and classifies each with a
trained model (default: the app's model, models/rhythm-attention-default). <record> is a
header path (with or without .hea) or a record name in --data. Where the record has reference annotations, they are shown beside the
predictions and summarised.

Options:
  --data DIR        folder for bare record names (default ../shared/data/mitdb)
  --json            print JSON instead of a table
  --limit N         print at most N beats (default: all)
  --no-attention    skip the attention summary
  --backend NAME    ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help        show this help`;

/** Attention peak (ms from the R peak) and share within ±50 ms of it, per beat. */
export function attentionSummary(attention: Float32Array, card: ModelCard, index: number): { peakMs: number; qrsShare: number } {
  const { length: L, rateHz, placement } = card.input.window;
  const rIndex = placement.kind === 'centred' ? placement.beforeSamples : 0;
  const row = attention.subarray(index * L, (index + 1) * L);
  const half = Math.round(0.05 * rateHz);
  let [peak, share] = [0, 0];
  for (let j = 0; j < L; j++) {
    if (row[j]! > row[peak]!) peak = j;
    if (Math.abs(j - rIndex) <= half) share += row[j]!;
  }
  return { peakMs: ((peak - rIndex) / rateHz) * 1000, qrsShare: share };
}

function beatRows(p: RecordPrediction, card: ModelCard, limit: number): { text: string[]; json: object[] } {
  const classes = card.model.classes;
  const K = classes.length;
  const text = [`${'#'.padStart(6)} ${'time s'.padStart(9)} class  ${classes.map((c) => `p(${c})`.padStart(6)).join(' ')}  ref  attention`];
  const json: object[] = [];
  for (let i = 0; i < Math.min(limit, p.beats.count); i++) {
    const cls = classes[p.result.classes[i]!]!;
    const probs = Array.from(p.result.probabilities.subarray(i * K, (i + 1) * K));
    const ref = AAMI_CLASSES[p.beats.classes[i]!] ?? (p.beats.hasAnnotations ? 'extra' : '');
    const attention = p.result.attention === undefined ? null : attentionSummary(p.result.attention, card, i);
    const attnText = attention === null ? '' : `peak ${attention.peakMs.toFixed(0)} ms, ${(100 * attention.qrsShare).toFixed(0)}% in QRS`;
    const time = p.beats.samples[i]! / p.fs;
    text.push(`${String(i + 1).padStart(6)} ${time.toFixed(3).padStart(9)} ${cls.padEnd(5)}  ${probs.map((v) => v.toFixed(3).padStart(6)).join(' ')}  ${ref.padEnd(4)} ${attnText}`.trimEnd());
    json.push({ index: i, sample: p.beats.samples[i], timeSec: time, class: cls, probabilities: Object.fromEntries(classes.map((c, k) => [c, probs[k]])), reference: ref || null, attention });
  }
  return { text, json };
}

function counts(p: RecordPrediction, classes: readonly string[]): Record<string, number> {
  const out = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const c of p.result.classes) out[classes[c]!]! += 1;
  return out;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: { data: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, 'no-attention': { type: 'boolean' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('Give a record, optionally after a model folder.');
  const [modelArg, recordArg] = positionals.length === 2 ? (positionals as [string, string]) : [defaultModelDir(resolve(repoRoot(), 'resources')), positionals[0]!];
  const limit = numberOption('limit', values.limit, { integer: true, min: 0 }) ?? Number.POSITIVE_INFINITY;
  await selectBackendOption(values.backend, io);
  const loaded = await loadModelOption(modelArg);
  const dataDir = mitdbDirOption(values.data);
  const looksLikePath = isAbsolute(recordArg) || recordArg.includes('/') || existsSync(recordArg) || existsSync(`${recordArg}.hea`);
  const prediction = await predictRecord(looksLikePath ? resolve(recordArg) : join(dataDir, recordArg), loaded, { attention: !values['no-attention'] });
  loaded.model.dispose();
  const classes = loaded.card.model.classes;
  const rows = beatRows(prediction, loaded.card, limit);
  const labelled = prediction.beats.hasAnnotations;
  const missed = classes.map((c) => prediction.missed.filter((m) => m.aami === c).length);
  const matrix = labelled ? confusionMatrix(classes, prediction.beats.classes, prediction.result.classes, missed) : null;
  if (values.json) {
    io.out(`${JSON.stringify({ model: loaded.dir, record: prediction.record, fs: prediction.fs, counts: counts(prediction, classes), missed: prediction.missed.length, metrics: matrix && metricsOf(matrix), beats: rows.json }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.out(`${rows.text.join('\n')}\n\n${prediction.beats.count} beats: ${Object.entries(counts(prediction, classes)).map(([c, n]) => `${c} ${n}`).join(', ')}\n`);
  if (matrix !== null) io.out(`\nAgainst the reference annotations (${prediction.missed.length} missed beats, extra detections counted as errors):\n${formatEvaluation(metricsOf(matrix), matrix)}\n`);
  return EXIT.ok;
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'detect and classify the beats of a record with a trained model, the default one unless given (table or JSON)',
  usage: USAGE,
  run,
};
