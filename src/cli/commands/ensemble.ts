/**
 * `ensemble <model folder>... --out DIR`: builds a Top2-weighted ensemble (seed 003) from
 * trained model folders, its members and weights chosen on DS1 validation beats, and saves
 * it as one model folder that `evaluate`, `predict`, `calibrate` and the app load like any
 * model (src/main/ml/ensemble).
 */
import { resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR } from '../../main/datasets';
import { DS1_VALIDATION_RECORDS } from '../../main/ml';
import { createEnsemble, ensembleOf } from '../../main/ml/ensemble';
import { repoRoot } from '../../main/repo-root';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, mitdbDirOption, numberOption, recordList, resolveModelDir, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention ensemble <model folder> <model folder>... --out DIR [options]

Builds a Top2-weighted ensemble: each member's two most probable classes, weighted by the
member's weight times its probability, summed and renormalised (seed 003). Members and
weights are chosen on DS1 validation beats (never DS2): every weight vector on a grid over
the simplex is scored by macro F1 (N S V F); members whose best weight is 0 are left out.
Members must read the same beat window and filter (train them with the same --window and
--filter). The ensemble is one model folder (members inside it) for evaluate, predict and
the app. <model folder> is a model or a training output folder (its best/).

Options:
  --out DIR                 the ensemble folder to write (required)
  --name NAME               model name in the card (default: the folder's name)
  --weights LIST            weights set by hand, one per member (no search)
  --steps N                 grid steps per unit weight (default 10)
  --validation-records L    DS1 records that choose the weights (default ${DS1_VALIDATION_RECORDS.join(',')})
  --data DIR                MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --backend NAME            ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help                show this help`;

function weightList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const weights = text.split(',').map((s) => Number(s.trim()));
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new UsageError(`--weights must be numbers ≥ 0, got "${text}".`);
  return weights;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' }, name: { type: 'string' }, weights: { type: 'string' }, steps: { type: 'string' },
      'validation-records': { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length < 2) throw new UsageError('Give at least two model folders.');
  if (values.out === undefined) throw new UsageError('--out is required.');
  const weights = weightList(values.weights);
  if (weights !== undefined && weights.length !== positionals.length) throw new UsageError(`--weights gives ${weights.length} weights for ${positionals.length} models.`);
  await selectBackendOption(values.backend, io);
  const outDir = resolve(values.out);
  const created = await createEnsemble({
    memberDirs: await Promise.all(positionals.map(resolveModelDir)),
    outDir,
    name: values.name ?? outDir.split(/[\\/]/).pop() ?? 'ensemble',
    dataDir: mitdbDirOption(values.data),
    cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR),
    ...(weights === undefined ? {} : { weights }),
    steps: numberOption('steps', values.steps, { integer: true, min: 1 }) ?? 10,
    validationRecords: recordList('validation-records', values['validation-records']) ?? [...DS1_VALIDATION_RECORDS],
    onProgress: (line) => io.err(`${line}\n`),
  });
  const description = ensembleOf(created.card)!;
  const f1 = description.selection.macroF1;
  io.out(
    [
      `Ensemble saved in ${outDir} (${created.card.parameters} parameters).`,
      ...description.members.map((m) => `  ${m.prefix} ${m.source} (${m.architecture}): weight ${m.weight.toFixed(2)}, own validation macro F1 ${m.validationMacroF1?.toFixed(3) ?? '—'}`),
      ...description.selection.leftOut.map((dir) => `  left out (best weight 0): ${dir}`),
      `Validation (${description.selection.records.join(',')}, ${description.selection.beats} beats): macro F1 ${f1?.toFixed(3) ?? '—'} over ${description.selection.candidates} weight vector(s).`,
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}

export const ensembleCommand: CliCommand = {
  name: 'ensemble',
  summary: 'build a Top2-weighted ensemble of trained models, weights chosen on DS1 validation',
  usage: USAGE,
  run,
};
