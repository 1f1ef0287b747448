import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobFrom } from '../../../../../src/cli/commands/train';
import { fitOutOfFoldPriors, foldJobSpecs, foldTrainingJob } from '../../../../../src/main/ml/calibration/fit-priors';
import { decideClasses } from '../../../../../src/main/ml/calibration/prior-shift';
import { confusionMatrix, metricsOf } from '../../../../../src/main/ml/evaluation/confusion';
import { parseModelCard, type ModelCard } from '../../../../../src/main/ml/model-card';
import { repoRoot } from '../../../../../src/main/repo-root';
import { syntheticProbabilities } from './synthetic';

const cardPath = resolve(repoRoot(), 'models/rhythm-attention-default/model-card.json');
const shipped = (): ModelCard => parseModelCard(readFileSync(cardPath, 'utf8'), cardPath);
const FOLDS = [['101', '106'], ['108', '201'], ['203', '205']];
const DATA = { dataDir: '/data/mitdb', cacheDir: null };

/** The `train` options of package.json's `train:default` script (`--key value` pairs and flags), as jobFrom takes them. */
function trainDefaultOptions(): Record<string, string | boolean> {
  const scripts = (JSON.parse(readFileSync(resolve(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts['train:default']!.split(' && ')[0]!.split(/\s+/);
  const args = words.slice(words.indexOf('train') + 1);
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const key = args[i]!.replace(/^--/, '');
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) options[key] = true;
    else options[key] = args[++i]!;
  }
  return options;
}

describe('foldJobSpecs', () => {
  it('holds out each fold in turn and trains on the records of the others, in sorted order', () => {
    const specs = foldJobSpecs(FOLDS, (i) => `/w/fold-${i}`, DATA);
    expect(specs.map((s) => s.heldOut)).toEqual(FOLDS);
    expect(specs[1]!.trainRecords).toEqual(['101', '106', '203', '205']);
    expect(foldJobSpecs([['203'], ['108', '101']], () => '', DATA)[0]!.trainRecords).toEqual(['101', '108']);
    expect(specs[2]!.outDir).toBe('/w/fold-2');
  });

  it('refuses a record in two folds and a single fold', () => {
    expect(() => foldJobSpecs([['101'], ['101', '106']], () => '', DATA)).toThrow(/more than one fold/);
    expect(() => foldJobSpecs([['101']], () => '', DATA)).toThrow(/at least 2 folds/);
  });
});

describe('foldTrainingJob', () => {
  it("is the train command's job for the shipped default model's options, with the fold's records", () => {
    const card = shipped();
    const [spec] = foldJobSpecs(FOLDS, (i) => `/w/fold-${i}`, DATA);
    const job = foldTrainingJob(card, spec!, 3);
    // The options of `npm run train:default` (package.json), with the fold's records.
    const cli = jobFrom({
      ...trainDefaultOptions(),
      records: spec!.trainRecords.join(','), 'validation-records': spec!.heldOut.join(','), out: '/w/fold-0', data: '/data/mitdb', 'no-cache': true,
    } as Parameters<typeof jobFrom>[0]);
    expect(job.model).toEqual(cli.model);
    expect(job.settings).toEqual(cli.settings);
    const { split: _a, ...data } = job.data;
    const { split: _b, ...cliData } = cli.data;
    expect(data).toEqual(cliData);
    expect(job.name).toBe(cli.name);
    expect(job.data.validationRecords).toEqual(['101', '106']);
  });

  it('refuses an ensemble card', () => {
    const card = shipped();
    const [spec] = foldJobSpecs(FOLDS, () => '/w', DATA);
    expect(() => foldTrainingJob({ ...card, model: { ...card.model, architecture: 'top2-ensemble' } }, spec!, 3)).toThrow(/cannot be retrained/);
  });
});

describe('fitOutOfFoldPriors', () => {
  it("fits after the card's temperature and returns its calibration with the shift and how it was fitted", () => {
    const card = shipped();
    const { probabilities, labels } = syntheticProbabilities(600, 5, 1, 5);
    const oof = { records: ['a'], probabilities, labels, count: 600 };
    const { fit, calibration } = fitOutOfFoldPriors(card, oof, FOLDS, new Date('2026-02-03T00:00:00Z'));
    expect(calibration.temperature).toBe(card.calibration!.temperature);
    expect(calibration.logPriorShift).toEqual(fit.logPriorShift);
    expect(calibration.logPriorShift![0]).toBe(0);
    expect(calibration.priorShiftFit).toMatchObject({ folds: FOLDS, beats: 600, date: '2026-02-03T00:00:00.000Z' });
    const decided = decideClasses(probabilities, 5, { temperature: calibration.temperature, logPriorShift: calibration.logPriorShift! });
    expect(metricsOf(confusionMatrix(card.model.classes, labels, decided)).macroF1).toBeCloseTo(calibration.priorShiftFit!.macroF1.after, 12);
    const unshifted = decideClasses(probabilities, 5, { temperature: calibration.temperature });
    expect(metricsOf(confusionMatrix(card.model.classes, labels, unshifted)).macroF1).toBeCloseTo(calibration.priorShiftFit!.macroF1.before, 12);
  });

  it('refuses a card without a temperature calibration', () => {
    const { calibration: _c, ...card } = shipped();
    const oof = { records: ['a'], probabilities: new Float32Array(5).fill(0.2), labels: Int8Array.from([0]), count: 1 };
    expect(() => fitOutOfFoldPriors(card, oof, FOLDS)).toThrow(/calibrate the model first/);
  });
});
