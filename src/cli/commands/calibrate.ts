/**
 * `calibrate <model> [options]`: fits the temperature of a trained model's probabilities by
 * NLL on the reference beats of its DS1 validation records (Guo et al. 2017, temperature
 * scaling; src/main/ml/calibration), prints T, NLL and the reliability (ECE) before and
 * after, and writes the calibration into the model card. The fit always starts from the
 * network's own probabilities: an existing calibration is replaced, never compounded.
 */
import { resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR, DS2_RECORDS } from '../../main/datasets';
import { calibrateModel, formatReliability, writeModelCard, type LoadedModel, type ModelCalibration } from '../../main/ml';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, loadModelOption, mitdbDirOption, recordList, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention calibrate <model folder> [options]

Calibrates the model's class probabilities by temperature scaling: one temperature T,
fitted by negative log-likelihood on the reference beats of held-out records (by default
the card's DS1 validation records), divides the log-probabilities before renormalising.
The predicted classes do not change. Prints T, the NLL and the expected calibration error
(ECE, 15 bins) before and after, and writes the calibration into the model card.
<model folder> is a model (with model-card.json) or a training output folder (its best/).

Options:
  --records LIST    records to fit on (default: the card's validation records)
  --data DIR        MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --backend NAME    ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  --dry-run         print the fit, leave the model card as it is
  -h, --help        show this help`;

/** Warnings for records that make the calibration less honest. */
function recordWarnings(loaded: LoadedModel, records: readonly string[]): string[] {
  const warnings: string[] = [];
  const trained = records.filter((r) => loaded.card.training.trainRecords.includes(r));
  if (trained.length > 0) warnings.push(`records ${trained.join(', ')} were used to train the weights: their probabilities are over-confident, the fit will be too.`);
  const tested = records.filter((r) => (DS2_RECORDS as readonly string[]).includes(r));
  if (tested.length > 0) warnings.push(`records ${tested.join(', ')} are DS2 test records: ECE on DS2 will no longer be inter-patient.`);
  return warnings.map((w) => `Warning: ${w}\n`);
}

/** The printed report of a fit. */
function report(loaded: LoadedModel, result: ModelCalibration): string {
  const { fit, before, after, calibration } = result;
  const previous = loaded.card.calibration;
  return [
    `Temperature T = ${fit.temperature.toFixed(4)} fitted on ${fit.beats} beats of records ${calibration.fittedOn.join(', ')}` +
      (previous === undefined ? '' : ` (replacing T = ${previous.temperature.toFixed(4)})`),
    `NLL per beat: ${fit.nll.before.toFixed(4)} → ${fit.nll.after.toFixed(4)}`,
    `ECE: ${before.ece.toFixed(4)} → ${after.ece.toFixed(4)}`,
    '',
    'Before (T = 1):',
    formatReliability(before),
    '',
    `After (T = ${fit.temperature.toFixed(4)}):`,
    formatReliability(after),
  ].join('\n');
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      records: { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' }, 'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one model folder.');
  const asked = recordList('records', values.records);
  const backend = await selectBackendOption(values.backend, io);
  const loaded = await loadModelOption(positionals[0]!);
  try {
    const records = asked ?? loaded.card.training.validationRecords;
    if (records.length === 0) throw new UsageError('The card lists no validation records: give --records.');
    for (const line of recordWarnings(loaded, records)) io.err(line);
    io.err(`Calibrating ${loaded.card.name} (${loaded.dir}) on ${records.length} record(s), ${backend.name} backend…\n`);
    const result = await calibrateModel(loaded, {
      dataDir: mitdbDirOption(values.data),
      records,
      cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR),
      onRecord: (record, beats) => io.err(`  ${record}: ${beats} beats\n`),
    });
    if (!values['dry-run']) await writeModelCard(loaded.dir, { ...loaded.card, calibration: result.calibration });
    io.out(`${report(loaded, result)}\n\n${values['dry-run'] ? 'Dry run: the model card was not changed.' : `Calibration saved in ${loaded.dir}/model-card.json`}\n`);
    return EXIT.ok;
  } finally {
    loaded.model.dispose();
  }
}

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  summary: "fit a temperature to a trained model's probabilities on its validation records (ECE before/after)",
  usage: USAGE,
  run,
};
