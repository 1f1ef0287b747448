/**
 * `fit-priors <model> [options]`: the out-of-fold class-prior correction of a calibrated
 * model (src/main/ml/calibration fit-priors): DS1's records (the card's training and
 * validation records) in k folds by patient, one model per fold trained with the card's
 * recipe on the other folds (in a worker, one after the other; a fold already trained in the
 * work folder with the same job is reused), the held-out beats classified, and the log-prior
 * shift that maximises their macro F1 after the card's temperature written into the card.
 * Prints the out-of-fold figures without and with the shift.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_BEAT_CACHE_DIR, DS1_RECORDS } from '../../main/datasets';
import { confusionMatrix, formatEvaluation, metricsOf, trainInWorker, writeModelCard, formatEvent, type LoadedModel, type ModelCard } from '../../main/ml';
import { decideClasses } from '../../main/ml/calibration/prior-shift';
import { fitOutOfFoldPriors, foldJobSpecs, foldTrainingJob, outOfFoldProbabilities, type FoldModel } from '../../main/ml/calibration/fit-priors';
import type { TrainingJob } from '../../main/ml/training/job';
import { repoRoot } from '../../main/repo-root';
import { patientFolds } from '../../main/research/plan-split';
import { patientOf } from '../../main/research/same-patient';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, backendOption, loadModelOption, mitdbDirOption, numberOption, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention fit-priors <model folder> [options]

Fits a class-prior correction (a log-prior shift b per class, added to the log-probabilities
after the card's temperature) that maximises the macro F1 (N S V F) of out-of-fold beats:
the card's DS1 records in k folds by patient (201 and 202 are one patient), one model per
fold trained exactly as the card was on the other folds (its held-out fold chooses its
epoch), each classifying its held-out fold. Writes the shift into the card's calibration
(the model must be calibrated first: \`calibrate\`). DS2 is never read.

Options:
  --kfold K       number of folds (default 4)
  --seed N        seed of the patient shuffle (default 42)
  --work DIR      where the fold models go (default .tmp/fit-priors/<model name>); a fold
                  whose best/ model was trained with the same job is reused
  --data DIR      MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --backend NAME  ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  --every SEC     print a training batch line at most this often (default 30)
  --dry-run       print the fit, leave the model card as it is
  -h, --help      show this help`;

/** True when `dir/best` holds a model trained by `job` (same model, settings and records). */
async function trainedBy(job: TrainingJob, dir: string): Promise<boolean> {
  let card: ModelCard;
  try {
    card = JSON.parse(await readFile(join(dir, 'best', 'model-card.json'), 'utf8')) as ModelCard;
  } catch {
    return false;
  }
  // Through JSON (as the card was written), then compared whatever the key order.
  const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;
  const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(plain(a), plain(b));
  return (
    same(card.model, job.model) && same(card.training.hyperParameters, job.settings) &&
    same(card.training.trainRecords, job.data.trainRecords) && same(card.training.validationRecords, job.data.validationRecords)
  );
}

/** Trains (or reuses) every fold's model; returns them loaded. */
async function foldModels(jobs: TrainingJob[], folds: string[][], io: CliIo, everySec: number): Promise<FoldModel[]> {
  const out: FoldModel[] = [];
  for (const [i, job] of jobs.entries()) {
    if (await trainedBy(job, job.outDir)) {
      io.err(`Fold ${i} (held out ${folds[i]!.join(',')}): reusing ${job.outDir}/best\n`);
    } else {
      io.err(`Fold ${i} (held out ${folds[i]!.join(',')}): training on ${job.data.trainRecords.length} records into ${job.outDir}\n`);
      let last = 0;
      const result = await trainInWorker(job, {
        onEvent: (e) => {
          if (e.type === 'batch' && performance.now() - last < everySec * 1000) return;
          last = performance.now();
          io.err(`  ${formatEvent(e)}\n`);
        },
      });
      if (result.bestDir === null) throw new UsageError(`fold ${i}: training ended without a model (${result.status})`);
      io.err(`  fold ${i}: best epoch ${result.bestEpoch}, ${result.seconds.toFixed(0)} s\n`);
    }
    out.push({ loaded: await loadModelOption(job.outDir), heldOut: folds[i]! });
  }
  return out;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    allowPositionals: true,
    options: {
      kfold: { type: 'string' }, seed: { type: 'string' }, work: { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' },
      every: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one model folder.');
  const k = numberOption('kfold', values.kfold, { integer: true, min: 2 }) ?? 4;
  const seed = numberOption('seed', values.seed, { integer: true, min: 0 }) ?? 42;
  const backend = backendOption(values.backend);
  await selectBackendOption(values.backend, io);
  const target = await loadModelOption(positionals[0]!);
  const folds: FoldModel[] = [];
  try {
    const card = target.card;
    if (card.calibration === undefined) throw new UsageError(`${target.dir}: the model has no temperature calibration; run \`calibrate\` first.`);
    const used = new Set([...card.training.trainRecords, ...card.training.validationRecords]);
    const records = DS1_RECORDS.filter((r) => used.has(r)).map((name) => ({ name, patient: patientOf(name, true) }));
    const split = patientFolds(records, k, seed);
    const root = repoRoot();
    const work = resolve(values.work ?? join(root, '.tmp/fit-priors', card.name));
    const data = { dataDir: mitdbDirOption(values.data), cacheDir: resolve(root, DEFAULT_BEAT_CACHE_DIR) };
    const jobs = foldJobSpecs(split, (i) => join(work, `fold-${i}`), data).map((spec) => ({ ...foldTrainingJob(card, spec, k), ...(backend === undefined ? {} : { backend }) }));
    folds.push(...(await foldModels(jobs, split, io, numberOption('every', values.every, { min: 0 }) ?? 30)));
    const oof = await outOfFoldProbabilities(folds, { dataDir: data.dataDir, cacheDir: data.cacheDir, onRecord: (r, n) => io.err(`  ${r}: ${n} beats\n`) });
    const { fit, calibration } = fitOutOfFoldPriors(card, oof, split);
    io.out(report(card, oof, fit.logPriorShift, calibration.temperature, split));
    if (!values['dry-run']) await writeModelCard(target.dir, { ...card, calibration });
    io.out(`\n${values['dry-run'] ? 'Dry run: the model card was not changed.' : `Log-prior shift saved in ${target.dir}/model-card.json`}\n`);
    return EXIT.ok;
  } finally {
    target.model.dispose();
    for (const f of folds) f.loaded.model.dispose();
  }
}

/** Folds, shift and the out-of-fold figures without and with it. */
function report(card: LoadedModel['card'], oof: { probabilities: Float32Array; labels: Int8Array }, shift: number[], temperature: number, split: string[][]): string {
  const classes = card.model.classes;
  const table = (rule: { temperature: number; logPriorShift?: number[] }): string => {
    const matrix = confusionMatrix(classes, oof.labels, decideClasses(oof.probabilities, classes.length, rule));
    return formatEvaluation(metricsOf(matrix), matrix);
  };
  return [
    `Folds by patient: ${split.map((f, i) => `${i}: ${f.join(',')}`).join(' | ')}`,
    `Out-of-fold beats: ${oof.labels.length}; temperature T = ${temperature.toFixed(4)}`,
    `Log-prior shift b (${classes.join(' ')}): ${shift.map((b) => b.toFixed(2)).join(' ')}`,
    '',
    'Out of fold, without the shift:',
    table({ temperature }),
    '',
    'Out of fold, with the shift:',
    table({ temperature, logPriorShift: shift }),
  ].join('\n');
}

export const fitPriorsCommand: CliCommand = {
  name: 'fit-priors',
  summary: "fit a class-prior correction of a calibrated model on out-of-fold DS1 beats (k-fold by patient)",
  usage: USAGE,
  run,
};
