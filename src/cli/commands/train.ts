/**
 * `train [options]`: trains a beat classifier on MIT-BIH DS1 in a worker thread, printing
 * progress, and saves the best model (by validation macro F1 on held-out DS1 records) with
 * its model card under `<out>/best`, plus a checkpoint per epoch under `<out>/checkpoint`
 * that `--resume` continues from. Ctrl-C cancels within one batch; the last checkpoint
 * stays usable. `--synthetic DIR --synthetic-count S=2000,F=1000` mixes beats made by a
 * trained GAN (`gan-train`) into the training beats only (src/main/ml/gan/mix-job).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BEAT_CACHE_DIR, DS1_RECORDS } from '../../main/datasets';
import {
  ARCHITECTURES,
  DEFAULT_AUGMENT,
  DEFAULT_TRAINING,
  DS1_VALIDATION_RECORDS,
  formatEvent,
  runTrainingJob,
  trainInWorker,
  trainingSettings,
  type Architecture,
  type TrainingEvent,
  type TrainingJob,
  type TrainingResult,
} from '../../main/ml';
import { FILTER_PRESETS, filterPreset, modelAndWindow, WINDOW_PRESETS } from '../../main/ml/training/presets';
import { repoRoot } from '../../main/repo-root';
import { RR_FEATURE_NAMES } from '../../main/signal/rr-features';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, backendOption, choiceOption, mitdbDirOption, numberOption, recordList } from './ml-args';

const D = DEFAULT_TRAINING;
const USAGE = `Usage: rhythm-attention train [options]

Trains a beat classifier (AAMI classes N S V F Q) on MIT-BIH DS1 in a worker thread and
saves the best model by validation macro F1 (held-out DS1 records; DS2 is never used)
with its model card in <out>/best, and a checkpoint per epoch in <out>/checkpoint.
Ctrl-C cancels within one batch.

Model and input:
  --arch NAME              ${ARCHITECTURES.join(' | ')} (default rhythm-attention)
  --window PRESET          ${WINDOW_PRESETS.join(' | ')} (default model: the architecture's own
                           window, centred on the R peak, z-scored)
  --no-rr                  no RR-interval input (seed reproduction)
  --rr-features LIST       RR features fed, comma-separated names (default: all of
                           ${RR_FEATURE_NAMES.join(', ')})
  --neighbour-difference K also feed each beat minus the median of its K neighbours on
                           each side, a second channel beside the beat (off by default)
  --hyper K=V,...          architecture hyper-parameters, e.g. dropout=0.5,denseUnits=64
  --filter NAME            ${FILTER_PRESETS.join(' | ')} (default dechazal: median baseline removal
                           and a 35 Hz low-pass)
Training:
  --loss NAME              focal | ce (default ${D.loss})
  --gamma G                focal loss γ (default ${D.gamma})
  --class-weights MODE     none | inverse | sqrt-inverse (default ${D.classWeighting})
  --class-weight-cap X     largest class weight (default ${D.classWeightCap}; e.g. 10 keeps F, learnt
                           almost only from record 208, from outweighing S)
  --sampling MODE          balanced | sqrt | none (default ${D.sampling})
  --no-augment             no noise, scaling or shift
  --epochs N               (default ${D.epochs})
  --batch-size N           (default ${D.batchSize})
  --steps-per-epoch N      (default: training beats / batch size)
  --lr X                   peak learning rate (default ${D.learningRate})
  --schedule NAME          cosine | step | constant (default ${D.schedule}; warm-up ${D.warmupEpochs} epoch)
  --clip-norm X            global gradient-norm cap, 0 = none (default ${D.clipNorm})
  --patience N             early stopping, 0 = none (default ${D.patience})
  --seed N                 (default ${D.seed})
Data:
  --data DIR               MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --records LIST           training records (default: DS1 without the validation records)
  --validation-records L   (default ${DS1_VALIDATION_RECORDS.join(',')})
  --max-beats-per-record N thin every record to N beats, rare classes kept (quick runs)
  --no-cache               do not use the beat cache (.cache/beats)
  --synthetic DIR          mix beats made by the GAN in DIR (gan-train --out; DS1 training
                           records only) into the training beats; never into validation
  --synthetic-count LIST   beats to make per class, e.g. S=2000,F=1000 (with --synthetic)
Output and running:
  --out DIR                output folder (default .tmp/models/<arch>)
  --name NAME              model name in the card (default: the architecture)
  --resume                 continue from <out>/checkpoint (same options; --epochs may grow)
  --backend NAME           ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  --in-process             train in this thread instead of a worker
  --every SECONDS          print a batch line at most this often (default 5)
  -h, --help               show this help`;

const OPTIONS = {
  arch: { type: 'string' }, window: { type: 'string' }, 'no-rr': { type: 'boolean' }, 'rr-features': { type: 'string' }, 'neighbour-difference': { type: 'string' }, hyper: { type: 'string' }, filter: { type: 'string' },
  loss: { type: 'string' }, gamma: { type: 'string' }, 'class-weights': { type: 'string' }, 'class-weight-cap': { type: 'string' }, sampling: { type: 'string' },
  'no-augment': { type: 'boolean' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' }, 'steps-per-epoch': { type: 'string' },
  lr: { type: 'string' }, schedule: { type: 'string' }, 'clip-norm': { type: 'string' }, patience: { type: 'string' }, seed: { type: 'string' },
  data: { type: 'string' }, records: { type: 'string' }, 'validation-records': { type: 'string' }, 'max-beats-per-record': { type: 'string' },
  'no-cache': { type: 'boolean' }, synthetic: { type: 'string' }, 'synthetic-count': { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, resume: { type: 'boolean' }, backend: { type: 'string' },
  'in-process': { type: 'boolean' }, every: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function settingsFrom(v: Values): TrainingJob['settings'] {
  const clip = numberOption('clip-norm', v['clip-norm'], { min: 0 });
  const patience = numberOption('patience', v.patience, { integer: true, min: 0 });
  try {
    return trainingSettings({
      loss: choiceOption('loss', v.loss, ['focal', 'ce'] as const, D.loss),
      gamma: numberOption('gamma', v.gamma, { min: 0 }) ?? D.gamma,
      classWeighting: choiceOption('class-weights', v['class-weights'], ['none', 'inverse', 'sqrt-inverse'] as const, D.classWeighting),
      classWeightCap: numberOption('class-weight-cap', v['class-weight-cap'], { min: 0 }) ?? D.classWeightCap,
      sampling: choiceOption('sampling', v.sampling, ['balanced', 'sqrt', 'none'] as const, D.sampling),
      augmentation: v['no-augment'] ? null : DEFAULT_AUGMENT,
      epochs: numberOption('epochs', v.epochs, { integer: true, min: 1 }) ?? D.epochs,
      batchSize: numberOption('batch-size', v['batch-size'], { integer: true, min: 1 }) ?? D.batchSize,
      stepsPerEpoch: numberOption('steps-per-epoch', v['steps-per-epoch'], { integer: true, min: 1 }) ?? null,
      learningRate: numberOption('lr', v.lr) ?? D.learningRate,
      minLearningRate: Math.min(D.minLearningRate, numberOption('lr', v.lr) ?? D.learningRate),
      schedule: choiceOption('schedule', v.schedule, ['cosine', 'step', 'constant'] as const, D.schedule),
      clipNorm: clip === undefined ? D.clipNorm : clip === 0 ? null : clip,
      patience: patience === undefined ? D.patience : patience === 0 ? null : patience,
      seed: numberOption('seed', v.seed, { integer: true }) ?? D.seed,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--hyper K=V,...` as numbers by name; UsageError for a malformed pair (unknown names are checked by the model config). */
function hyperOption(text: string | undefined): Record<string, number> {
  if (text === undefined) return {};
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [key, value, ...rest] = pair.split('=');
      const n = Number(value);
      if (!key || value === undefined || rest.length > 0 || value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--hyper: expected NAME=NUMBER, got "${pair}"`);
      return [key.trim(), n];
    }),
  );
}

/** `--rr-features LIST` checked against RR_FEATURE_NAMES. */
function rrFeatureOption(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(RR_FEATURE_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new UsageError(`--rr-features: unknown or empty (${unknown.join(', ')}); known: ${RR_FEATURE_NAMES.join(', ')}`);
  return names;
}

/** `--synthetic-count S=2000,F=1000`: beats per class name; UsageError for a malformed pair or a repeated class. */
export function syntheticCountOption(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [name, value, ...rest] = pair.split('=').map((s) => s.trim());
    const n = Number(value);
    if (!name || value === undefined || value === '' || rest.length > 0 || !Number.isInteger(n) || n < 1 || name in counts) {
      throw new UsageError(`--synthetic-count: expected CLASS=COUNT pairs (a whole number ≥ 1, each class once), got "${pair}"`);
    }
    counts[name] = n;
  }
  return counts;
}

/** `--synthetic` with `--synthetic-count` as the job's SyntheticSpec (seeded by the training seed), or undefined. */
function syntheticOption(v: Values, seed: number): TrainingJob['data']['synthetic'] {
  if (v.synthetic === undefined && v['synthetic-count'] === undefined) return undefined;
  if (v.synthetic === undefined || v['synthetic-count'] === undefined) throw new UsageError('--synthetic and --synthetic-count go together.');
  return { ganDir: resolve(v.synthetic), counts: syntheticCountOption(v['synthetic-count']), seed };
}

/** The job described by the command line. */
export function jobFrom(v: Values): TrainingJob {
  const arch = choiceOption<Architecture>('arch', v.arch, ARCHITECTURES, 'rhythm-attention');
  const { model: base, window: baseWindow } = modelAndWindow(arch, choiceOption('window', v.window, WINDOW_PRESETS, 'model'), !v['no-rr'], hyperOption(v.hyper));
  const neighbours = numberOption('neighbour-difference', v['neighbour-difference'], { integer: true, min: 1 });
  const withRr = v['rr-features'] === undefined || v['no-rr'] ? base : { ...base, rrFeatures: rrFeatureOption(v['rr-features']) };
  const model = neighbours === undefined ? withRr : { ...withRr, neighbourDifference: true };
  const window = neighbours === undefined ? baseWindow : { ...baseWindow, difference: { neighbours } };
  const validationRecords = recordList('validation-records', v['validation-records']) ?? [...DS1_VALIDATION_RECORDS];
  const trainRecords = recordList('records', v.records) ?? DS1_RECORDS.filter((r) => !validationRecords.includes(r));
  const root = repoRoot();
  const backend = backendOption(v.backend);
  const settings = settingsFrom(v);
  const synthetic = syntheticOption(v, settings.seed);
  return {
    name: v.name ?? arch,
    model,
    settings,
    data: {
      dataDir: mitdbDirOption(v.data),
      cacheDir: v['no-cache'] ? null : resolve(root, DEFAULT_BEAT_CACHE_DIR),
      trainRecords,
      validationRecords,
      split: v['validation-records'] === undefined ? `DS1 hold-out ${validationRecords.join(',')} (fixed, by patient)` : `validation records chosen on the command line: ${validationRecords.join(',')}`,
      window,
      filter: filterPreset(choiceOption('filter', v.filter, FILTER_PRESETS, 'dechazal')),
      rr: {},
      maxBeatsPerRecord: numberOption('max-beats-per-record', v['max-beats-per-record'], { integer: true, min: 1 }) ?? null,
      ...(synthetic === undefined ? {} : { synthetic }),
    },
    outDir: resolve(v.out ?? resolve(root, '.tmp/models', arch)),
    resume: v.resume ?? false,
    ...(backend === undefined ? {} : { backend }),
  };
}

/** Prints events: every non-batch event, batch lines at most every `everySec` seconds. */
function printer(io: CliIo, everySec: number): (e: TrainingEvent) => void {
  let last = 0;
  return (e) => {
    const now = performance.now();
    if (e.type === 'batch' && now - last < everySec * 1000 && e.batch !== e.batches) return;
    if (e.type === 'batch') last = now;
    io.err(`${formatEvent(e)}\n`);
  };
}

function summary(result: TrainingResult): string {
  const f1 = result.bestMacroF1 === null ? '—' : result.bestMacroF1.toFixed(3);
  return [
    `Training ${result.status} after ${result.epochsDone} epoch(s) in ${result.seconds.toFixed(0)} s on ${result.backend} (${Math.round(result.beatsPerSec)} beats/s).`,
    result.bestDir === null ? 'No epoch completed: no model saved.' : `Best model (epoch ${result.bestEpoch}, validation macro F1 ${f1}): ${result.bestDir}`,
    ...(result.checkpointDir === null ? [] : [`Checkpoint: ${result.checkpointDir} (continue with --resume)`]),
  ].join('\n');
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  const job = jobFrom(values);
  const onEvent = printer(io, numberOption('every', values.every, { min: 0 }) ?? 5);
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    io.err('Cancelling after the current batch (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const options = { signal: controller.signal, onEvent };
    const result = values['in-process'] ? await runTrainingJob(job, options) : await trainInWorker(job, options);
    io.out(`${summary(result)}\n`);
    return result.status === 'cancelled' ? EXIT.error : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a beat classifier on MIT-BIH DS1 (in a worker; progress, checkpoints, resume)',
  usage: USAGE,
  run,
};
