/**
 * The shipped default model (models/rhythm-attention-default): its card names a
 * RhythmAttention network over the AAMI classes trained on DS1 records only, its files fit
 * the 5 MB budget, and on three DS2 records (100, 200, 232: normal, ventricular, supra-
 * ventricular beats) the `evaluate` command prints exactly the confusion matrix that the
 * evaluation module computes from the real records — a matrix whose rows account for every
 * reference beat and which is contained in the DS2 matrix the card states.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AAMI_CLASSES, DEFAULT_BEAT_CACHE_DIR, DS1_RECORDS, DS2_RECORDS, loadRecordBeats } from '../../src/main/datasets';
import { evaluateModel, loadModel, selectBackend, type LoadedModel } from '../../src/main/ml';
import { runCliCaptured } from '../support/run-cli';

const ROOT = resolve(__dirname, '../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');
const RECORDS = ['100', '200', '232'];

describe('models/rhythm-attention-default', () => {
  let loaded: LoadedModel;
  beforeAll(async () => {
    await selectBackend('wasm');
    loaded = await loadModel(MODEL_DIR);
  });

  it('has a card naming RhythmAttention over the AAMI classes, trained on DS1 only', () => {
    const { card } = loaded;
    expect(card.model.architecture).toBe('rhythm-attention');
    expect(card.model.classes).toEqual([...AAMI_CLASSES]);
    expect(card.input.window.length).toBe(card.model.windowLength);
    expect(card.input.window.rateHz).toBe(card.model.windowRateHz);
    expect(card.input.rr?.normalisation.features).toEqual(card.model.rrFeatures);
    const used = [...card.training.trainRecords, ...card.training.validationRecords];
    expect(used.every((r) => (DS1_RECORDS as readonly string[]).includes(r))).toBe(true);
    expect(used.some((r) => (DS2_RECORDS as readonly string[]).includes(r))).toBe(false);
    expect(card.metrics.test?.records).toEqual([...DS2_RECORDS]);
    expect(card.metrics.test?.source).toBe('reference');
  });

  it('fits in 5 MB', async () => {
    const sizes = await Promise.all(['model.json', 'weights.bin', 'model-card.json'].map(async (f) => (await stat(join(MODEL_DIR, f))).size));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(5 * 1024 * 1024);
  });

  it('prints, for three DS2 records, the confusion matrix the evaluation module computes', async () => {
    const direct = await evaluateModel(loaded, { dataDir: MITDB, records: RECORDS, cacheDir: resolve(ROOT, DEFAULT_BEAT_CACHE_DIR) });
    const { status, out } = await runCliCaptured(['evaluate', MODEL_DIR, '--data', MITDB, '--records', RECORDS.join(','), '--json', '--no-save', '--backend', 'wasm']);
    expect(status).toBe(0);
    const printed = JSON.parse(out) as { confusion: number[][]; metrics: { macroF1: number | null } };
    expect(printed.confusion).toEqual(direct.matrix.counts);
    expect(printed.metrics.macroF1).toBeCloseTo(direct.metrics.macroF1 ?? Number.NaN, 10);

    // Every reference beat of the three records sits in its class's row.
    const card = loaded.card;
    const expectedRows = AAMI_CLASSES.map(() => 0);
    for (const record of RECORDS) {
      const set = await loadRecordBeats(record, { dataDir: MITDB, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {} });
      for (const c of set.classes) if (c >= 0) expectedRows[c]! += 1;
    }
    AAMI_CLASSES.forEach((_, c) => expect(direct.matrix.counts[c]!.reduce((a, b) => a + b, 0)).toBe(expectedRows[c]));

    // The three records are part of DS2, so no cell may exceed the card's DS2 matrix.
    const ds2 = card.metrics.test!.confusion;
    direct.matrix.counts.forEach((row, i) => row.forEach((n, j) => expect(n).toBeLessThanOrEqual(ds2[i]![j]!)));
  }, 20_000);
});
