/**
 * `evaluate <model> [options]`: scores a trained model inter-patient on MIT-BIH DS2 (by
 * default) and prints the protocol's table — per class Se / +P / F1 / specificity, macro
 * F1 over N S V F, accuracy, confusion matrix — and saves the figures in the model card.
 * `--detector` takes the beats from our QRS detector: missed and extra beats count as errors.
 * It also prints the reliability of the probabilities (expected calibration error, as served
 * and at T = 1 when the card has a calibration) and stores the ECE with the figures.
 */
import { resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR, DS2_RECORDS } from '../../main/datasets';
import { evaluateModel, formatEvaluation, formatReliability, writeModelCard, type EvaluationResult, type LoadedModel } from '../../main/ml';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, loadModelOption, mitdbDirOption, recordList, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention evaluate <model folder> [options]

Evaluates a trained model inter-patient (de Chazal's DS2 by default: records training
never sees) and prints per-class Se, +P, F1 and specificity, the macro F1 over N S V F,
the accuracy, the confusion matrix and the expected calibration error (ECE) of the
probabilities (calibrated as the card says, and uncalibrated). The figures are saved in the
model card.
<model folder> is a model (with model-card.json) or a training output folder (its best/).

Options:
  --data DIR        MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --records LIST    records to evaluate (default DS2: ${DS2_RECORDS.join(',')})
  --detector        beats from our QRS detector instead of the reference annotations;
                    missed beats and extra detections count as errors
  --per-record      also print one line per record
  --json            print the result as JSON (with the reliability tables)
  --no-save         do not write the figures into the model card
  --backend NAME    ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help        show this help`;

const pct = (v: number | null): string => (v === null ? '—' : (100 * v).toFixed(1));

function perRecordLines(result: EvaluationResult): string[] {
  return result.records.map((r) => {
    const figures = r.metrics.perClass.filter((c) => c.name === 'S' || c.name === 'V').map((c) => `${c.name} Se/+P ${pct(c.se)}/${pct(c.ppv)}`);
    return `  ${r.record}: ${r.beats} beats, accuracy ${pct(r.metrics.accuracy)} %, ${figures.join(', ')} (${r.seconds.toFixed(1)} s)`;
  });
}

async function saveFigures(loaded: LoadedModel, result: EvaluationResult, records: readonly string[]): Promise<void> {
  const card = { ...loaded.card, metrics: { ...loaded.card.metrics } };
  const { served, uncalibrated } = result.reliability;
  // No labelled beat leaves the ECE undefined (NaN): then it is not stored.
  const metrics = { ...result.metrics, ...(Number.isFinite(served.ece) ? { ece: served.ece, eceUncalibrated: uncalibrated.ece } : {}) };
  card.metrics.test = { records: [...records], source: result.source, metrics, confusion: result.matrix.counts, date: new Date().toISOString() };
  await writeModelCard(loaded.dir, card);
}

/** The ECE lines: the reliability table of the served probabilities, and the uncalibrated ECE beside it. */
function reliabilityLines(result: EvaluationResult): string {
  const { served, uncalibrated, temperature } = result.reliability;
  if (temperature === null) return `Reliability (uncalibrated probabilities):\n${formatReliability(served)}`;
  return `Reliability (calibrated, T = ${temperature.toFixed(4)}):\n${formatReliability(served)}\nUncalibrated (T = 1) ECE: ${uncalibrated.ece.toFixed(4)}`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      data: { type: 'string' }, records: { type: 'string' }, detector: { type: 'boolean' }, 'per-record': { type: 'boolean' },
      json: { type: 'boolean' }, 'no-save': { type: 'boolean' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one model folder.');
  const records = recordList('records', values.records) ?? [...DS2_RECORDS];
  const backend = await selectBackendOption(values.backend, io);
  const loaded = await loadModelOption(positionals[0]!);
  const trainedOn = [...loaded.card.training.trainRecords, ...loaded.card.training.validationRecords].filter((r) => records.includes(r));
  if (trainedOn.length > 0) io.err(`Warning: records ${trainedOn.join(', ')} were used in training: these figures are not inter-patient.\n`);
  io.err(`Evaluating ${loaded.card.name} (${loaded.dir}) on ${records.length} record(s), ${values.detector ? 'detector' : 'reference'} beats, ${backend.name} backend…\n`);
  const result = await evaluateModel(loaded, {
    dataDir: mitdbDirOption(values.data),
    records,
    source: values.detector ? 'detector' : 'reference',
    cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR),
    onRecord: (r) => io.err(`  ${r.record}: ${r.beats} beats\n`),
  });
  if (!values['no-save']) await saveFigures(loaded, result, records);
  loaded.model.dispose();
  if (values.json) {
    const json = { model: loaded.dir, source: result.source, records, metrics: result.metrics, confusion: result.matrix.counts, reliability: result.reliability, beatsPerSec: result.beatsPerSec };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  if (values['per-record']) io.out(`${perRecordLines(result).join('\n')}\n\n`);
  io.out(`${formatEvaluation(result.metrics, result.matrix)}\n\n${reliabilityLines(result)}\n\n${Math.round(result.beatsPerSec)} beats/s on ${backend.name}${values['no-save'] ? '' : `; figures saved in ${loaded.dir}/model-card.json`}\n`);
  return EXIT.ok;
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'score a trained model on MIT-BIH DS2 (Se, +P, F1, macro F1, confusion matrix)',
  usage: USAGE,
  run,
};
