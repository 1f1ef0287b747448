/**
 * `eval-selective <model> [options]`: selective review (issue 9) — for each uncertainty score
 * (1 − calibrated max probability; Monte Carlo dropout entropy, mutual information, mean max
 * probability) the accuracy and F1 of N S V F on the beats accepted at coverages 100 … 50 %,
 * and how many beats fall under each confidence threshold. DS2 reference beats by default;
 * `--validation` runs on the card's DS1 validation records instead (where the number of
 * passes and anything else is chosen, so DS2 is touched only for the final table).
 */
import { resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR, DS2_RECORDS } from '../../main/datasets';
import { formatSelective } from '../../main/ml/evaluation/format-selective';
import { selectiveEvaluation } from '../../main/ml/evaluation/selective-run';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, loadModelOption, mitdbDirOption, numberOption, recordList, selectBackendOption } from './ml-args';

/** Monte Carlo passes by default (chosen on the DS1 validation records, see models/README.md). */
export const DEFAULT_MC_PASSES = 20;

const USAGE = `Usage: rhythm-attention eval-selective <model folder> [options]

Selective review: the beats the model is least sure of go to the reviewer. For each
uncertainty score prints accuracy and F1 (N S V F) of the accepted beats against coverage
(the fraction not sent to review: 100 95 90 80 70 50 %), then how many beats fall under
each confidence threshold (0.5 … 0.95). Scores: 1 − calibrated max probability, and Monte
Carlo dropout (dropout layers only in training mode; batch norm stays in inference mode)
predictive entropy, mutual information and 1 − mean max probability.

Options:
  --passes N        Monte Carlo dropout passes (default ${DEFAULT_MC_PASSES}; 0: the one-pass score only)
  --records LIST    records (default DS2: ${DS2_RECORDS.join(',')})
  --validation      the card's DS1 validation records instead of DS2 (to choose settings)
  --data DIR        MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --backend NAME    ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help        show this help`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      passes: { type: 'string' }, records: { type: 'string' }, validation: { type: 'boolean' }, data: { type: 'string' },
      backend: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one model folder.');
  if (values.validation && values.records !== undefined) throw new UsageError('Give --records or --validation, not both.');
  const passes = numberOption('passes', values.passes, { integer: true, min: 0 }) ?? DEFAULT_MC_PASSES;
  const asked = recordList('records', values.records);
  const backend = await selectBackendOption(values.backend, io);
  const loaded = await loadModelOption(positionals[0]!);
  try {
    const records = values.validation ? loaded.card.training.validationRecords : (asked ?? DS2_RECORDS);
    io.err(`Selective review of ${loaded.card.name} on ${records.length} record(s), ${passes} MC passes, ${backend.name} backend…\n`);
    const result = await selectiveEvaluation(loaded, {
      dataDir: mitdbDirOption(values.data),
      records,
      cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR),
      passes,
      onRecord: (record, beats, seconds) => io.err(`  ${record}: ${beats} beats (${seconds.toFixed(1)} s)\n`),
    });
    io.out(`${formatSelective(result)}\n`);
    return EXIT.ok;
  } finally {
    loaded.model.dispose();
  }
}

/** The `eval-selective` command. */
export const evalSelectiveCommand: CliCommand = {
  name: 'eval-selective',
  summary: 'accuracy and F1 against coverage when the least certain beats go to review (MC dropout vs max probability)',
  usage: USAGE,
  run,
};
