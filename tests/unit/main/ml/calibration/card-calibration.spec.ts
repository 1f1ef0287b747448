import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError, parseModelCard, type CardCalibration, type ModelCard } from '../../../../../src/main/ml/model-card';
import { loadModel, saveModel } from '../../../../../src/main/ml/model-store';
import { buildModel } from '../../../../../src/main/ml/models';
import { cardFor, tinyConfig, useCpu } from '../ml-fixtures';

const CALIBRATION: CardCalibration = {
  method: 'temperature', temperature: 0.5, fittedOn: ['118', '124'], beats: 3_897, validationEce: { before: 0.2, after: 0.02 }, date: '2026-01-01T00:00:00.000Z',
};

/** Card JSON text of the tiny test model, with `calibration` set as given (raw JSON value). */
function cardText(calibration?: unknown): string {
  const card: Record<string, unknown> = { ...cardFor(tinyConfig()) };
  if (calibration !== undefined) card.calibration = calibration;
  return JSON.stringify(card);
}

function refusal(text: string, path: string): ModelLoadError {
  let error: unknown = null;
  try {
    parseModelCard(text, path);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ModelLoadError);
  return error as ModelLoadError;
}

describe('parseModelCard (calibration)', () => {
  it('loads a card without a calibration as before', () => {
    const card = parseModelCard(cardText(), 'm/model-card.json');
    expect(card.calibration).toBeUndefined();
    expect(card.name).toBe('test-model');
  });

  it('keeps a valid temperature calibration', () => {
    expect(parseModelCard(cardText(CALIBRATION), 'm/model-card.json').calibration).toEqual(CALIBRATION);
  });

  it.each([
    { what: 'zero', temperature: 0 },
    { what: 'negative', temperature: -0.4 },
    { what: 'null (an infinite number written as JSON)', temperature: null },
    { what: 'a string', temperature: '0.4' },
  ])('refuses a $what temperature with ModelLoadError naming the file and the field', ({ temperature }) => {
    const error = refusal(cardText({ ...CALIBRATION, temperature }), 'models/x/model-card.json');
    expect(error.message).toMatch(/^models\/x\/model-card\.json: .*calibration\.temperature/);
    expect(error.detail).toMatchObject({ file: 'models/x/model-card.json' });
  });

  it('refuses another method and a calibration missing its records', () => {
    expect(refusal(cardText({ ...CALIBRATION, method: 'platt' }), 'c.json').message).toMatch(/calibration\.method/);
    const { fittedOn: _fittedOn, ...partial } = CALIBRATION;
    expect(refusal(cardText(partial), 'c.json').message).toMatch(/calibration\.fittedOn/);
  });
});

describe('parseModelCard (log-prior shift)', () => {
  const FIT = { method: 'out-of-fold macro F1', folds: [['118'], ['124']], beats: 100, macroF1: { before: 0.5, after: 0.6 }, date: '2026-01-01T00:00:00.000Z' };

  it('keeps a shift with one value per class and its fit', () => {
    const calibration = { ...CALIBRATION, logPriorShift: [0, -1.5, 0.25, -3, 0], priorShiftFit: FIT };
    expect(parseModelCard(cardText(calibration), 'm/model-card.json').calibration).toEqual(calibration);
  });

  it('refuses a shift whose length is not the number of classes, or that holds a non-number', () => {
    expect(refusal(cardText({ ...CALIBRATION, logPriorShift: [0, -1] }), 'm/model-card.json').message).toMatch(/logPriorShift has 2 values for the model's 5 classes/);
    expect(refusal(cardText({ ...CALIBRATION, logPriorShift: [0, null, 0, 0, 0] }), 'm/model-card.json').message).toMatch(/calibration\.logPriorShift/);
  });
});

describe('loadModel (calibration)', () => {
  let dir: string;
  beforeAll(async () => {
    await useCpu();
    dir = await mkdtemp(join(tmpdir(), 'ra-calibration-card-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a calibrated card and refuses one whose temperature was tampered with', async () => {
    const config = tinyConfig();
    const model = buildModel(config, 1);
    const folder = join(dir, 'calibrated');
    await saveModel(folder, model, { ...cardFor(config), calibration: CALIBRATION });
    model.dispose();
    const loaded = await loadModel(folder);
    expect(loaded.card.calibration).toEqual(CALIBRATION);
    loaded.model.dispose();

    const path = join(folder, 'model-card.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as ModelCard;
    await writeFile(path, JSON.stringify({ ...json, calibration: { ...CALIBRATION, temperature: -1 } }));
    const error = await loadModel(folder).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).message).toContain(path);
  });
});
