/**
 * `gan-train [options]`: trains the conditional beat GAN (src/main/ml/gan) on the rare-class
 * beats of DS1 training records, saves the generator with its card, and writes the figure
 * of synthetic beats beside real ones (SVG) for the report. `--figure-only` redraws the
 * figure of a generator already in --out (its card says which beats and seed) without training.
 */
import { join, resolve } from 'node:path';
import { DEFAULT_BEAT_CACHE_DIR } from '../../main/datasets';
import { ARCHITECTURES, DS1_TRAIN_RECORDS, type Architecture } from '../../main/ml';
import { createGan, DEFAULT_GAN_SIZES, GAN_CLASSES, loadGanBeats, loadGenerator, renderSyntheticBeatsSvg, saveGenerator, synthesiseBeats, trainGan, type GanBeats, type GanCard } from '../../main/ml/gan';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FILTER_PRESETS, filterPreset, modelAndWindow, WINDOW_PRESETS } from '../../main/ml/training/presets';
import { repoRoot } from '../../main/repo-root';
import { writeFile } from 'node:fs/promises';
import { EXIT, parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';
import { BACKEND_CHOICES, choiceOption, mitdbDirOption, numberOption, recordList, selectBackendOption } from './ml-args';

const USAGE = `Usage: rhythm-attention gan-train --out DIR [options]

Trains a conditional 1D GAN on the beats of the rare AAMI classes in DS1 training records
(never DS2), with class-balanced batches, and saves the generator (model.json, weights.bin,
gan-card.json) in DIR with a figure of synthetic beats beside real ones (synthetic-beats.svg).
The beats are cut as the model they are meant for reads them (--arch, --window, --filter).

Options:
  --out DIR            output folder (required)
  --classes LIST       classes to synthesise (default ${GAN_CLASSES.join(',')})
  --steps N            training steps (default 2000)
  --batch-size N       (default 64)
  --latent N           size of the noise vector (default ${DEFAULT_GAN_SIZES.latentDim})
  --filters N          narrowest convolution's filters (default ${DEFAULT_GAN_SIZES.filters})
  --arch NAME          ${ARCHITECTURES.join(' | ')}: whose window (default rhythm-attention)
  --window PRESET      ${WINDOW_PRESETS.join(' | ')} (default model)
  --filter NAME        ${FILTER_PRESETS.join(' | ')} (default dechazal)
  --records LIST       DS1 records to learn from (default: DS1 training records)
  --figure-beats N     beats per panel of the figure (default 8)
  --figure-only        only redraw the figure of the generator already in --out
  --seed N             (default 1)
  --every N            print the losses every N steps (default 100)
  --data DIR           MIT-BIH folder (default ../shared/data/mitdb beside the project)
  --backend NAME       ${BACKEND_CHOICES.join(' | ')} (default: RA_TF_BACKEND, else auto)
  -h, --help           show this help`;

const OPTIONS = {
  out: { type: 'string' }, classes: { type: 'string' }, steps: { type: 'string' }, 'batch-size': { type: 'string' }, latent: { type: 'string' },
  filters: { type: 'string' }, arch: { type: 'string' }, window: { type: 'string' }, filter: { type: 'string' }, records: { type: 'string' },
  'figure-beats': { type: 'string' }, 'figure-only': { type: 'boolean' }, seed: { type: 'string' }, every: { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `count` real windows of class index `c` of the GAN beats, evenly spaced through them: the
 * beats are in record order, so the panel shows several patients, not the first record's.
 */
function realOf(gan: GanBeats, c: number, count: number): Float32Array {
  const L = gan.windowLength;
  const all = [...gan.labels.keys()].filter((i) => gan.labels[i] === c);
  const picked = Array.from({ length: Math.min(count, all.length) }, (_, k) => all[Math.floor(((k + 0.5) * all.length) / Math.min(count, all.length))]!);
  const out = new Float32Array(picked.length * L);
  picked.forEach((i, k) => out.set(gan.windows.subarray(i * L, (i + 1) * L), k * L));
  return out;
}

/** Writes `<outDir>/synthetic-beats.svg`: `count` real and synthetic beats of each class; returns its path. */
async function writeFigure(outDir: string, gan: GanBeats, generator: tfl.LayersModel, card: Pick<GanCard, 'config' | 'window' | 'seed'>, count: number): Promise<string> {
  const { config, window, seed } = card;
  const figure = config.classes.map((name, c) => ({ name, real: realOf(gan, c, count), synthetic: synthesiseBeats(generator, config, c, count, seed) }));
  const path = join(outDir, 'synthetic-beats.svg');
  await writeFile(path, renderSyntheticBeatsSvg(figure, window.length, window.rateHz));
  return path;
}

/** `--figure-only`: the figure of the generator in `outDir`, from the real beats of the records its card names. */
async function redrawFigure(outDir: string, dataDir: string, count: number, io: CliIo): Promise<number> {
  const { generator, card } = await loadGenerator(outDir);
  try {
    const modelClasses = modelAndWindow('rhythm-attention', 'model', false).model.classes;
    const load = { dataDir, window: card.window, filter: card.filter, cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR) };
    const { gan } = await loadGanBeats(card.trainRecords, load, modelClasses, card.config.classes);
    io.out(`Figure: ${await writeFigure(outDir, gan, generator, card, count)}\n`);
    return EXIT.ok;
  } finally {
    generator.dispose();
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values: v } = parseCommandLine({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  if (v.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (v.out === undefined) throw new UsageError('--out is required.');
  const figureBeats = numberOption('figure-beats', v['figure-beats'], { integer: true, min: 1 }) ?? 8;
  if (v['figure-only']) {
    await selectBackendOption(v.backend, io);
    return redrawFigure(resolve(v.out), mitdbDirOption(v.data), figureBeats, io);
  }
  const classes = v.classes === undefined ? [...GAN_CLASSES] : v.classes.split(',').map((s) => s.trim());
  const arch = choiceOption<Architecture>('arch', v.arch, ARCHITECTURES, 'rhythm-attention');
  const { model, window } = modelAndWindow(arch, choiceOption('window', v.window, WINDOW_PRESETS, 'model'), false);
  const unknown = classes.filter((c) => !model.classes.includes(c));
  if (unknown.length > 0 || classes.length === 0) throw new UsageError(`--classes: unknown (${unknown.join(', ')}); known: ${model.classes.join(', ')}`);
  const filter = filterPreset(choiceOption('filter', v.filter, FILTER_PRESETS, 'dechazal'));
  const records = recordList('records', v.records) ?? [...DS1_TRAIN_RECORDS];
  const steps = numberOption('steps', v.steps, { integer: true, min: 1 }) ?? 2000;
  const batchSize = numberOption('batch-size', v['batch-size'], { integer: true, min: 1 }) ?? 64;
  const seed = numberOption('seed', v.seed, { integer: true }) ?? 1;
  const config = {
    windowLength: window.length, classes,
    latentDim: numberOption('latent', v.latent, { integer: true, min: 1 }) ?? DEFAULT_GAN_SIZES.latentDim,
    filters: numberOption('filters', v.filters, { integer: true, min: 1 }) ?? DEFAULT_GAN_SIZES.filters,
  };
  await selectBackendOption(v.backend, io);
  io.err(`Loading beats of ${records.length} DS1 record(s)…\n`);
  const { gan } = await loadGanBeats(records, { dataDir: mitdbDirOption(v.data), window, filter, cacheDir: resolve(repoRoot(), DEFAULT_BEAT_CACHE_DIR) }, model.classes, classes);
  const perClass = classes.map((_, c) => gan.labels.filter((l) => l === c).length);
  io.err(`${gan.count} beats: ${classes.map((c, i) => `${c} ${perClass[i]}`).join(', ')}\n`);
  const state = createGan(config, seed);
  const result = await trainGan(state, gan, {
    steps, batchSize, every: numberOption('every', v.every, { integer: true, min: 1 }) ?? 100,
    onProgress: (p) => io.err(`step ${p.step}/${p.steps}: D loss ${p.losses.discriminator.toFixed(3)}, G loss ${p.losses.generator.toFixed(3)} (${Math.round(p.beatsPerSec)} beats/s)\n`),
  });
  const outDir = resolve(v.out);
  const card: GanCard = {
    format: 'rhythm-attention-beat-gan', formatVersion: 1, config, window, filter, trainRecords: records, beats: perClass, steps: result.steps,
    batchSize, finalLosses: result.last?.losses ?? null, date: new Date().toISOString(), seed,
  };
  await saveGenerator(outDir, state.generator, card);
  const figurePath = await writeFigure(outDir, gan, state.generator, card, figureBeats);
  io.out(`Generator saved in ${outDir} after ${result.steps} steps; figure: ${figurePath}\n`);
  return EXIT.ok;
}

export const ganTrainCommand: CliCommand = {
  name: 'gan-train',
  summary: 'train the conditional beat GAN on DS1 rare-class beats; save the generator and a figure',
  usage: USAGE,
  run,
};
