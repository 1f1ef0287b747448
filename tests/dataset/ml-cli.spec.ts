/**
 * The train, evaluate and predict commands end to end on a few MIT-BIH records: a one-epoch
 * training run in this thread, its model evaluated on DS2 record 100 (reference beats, then
 * detector beats) and used to classify record 100 — checking exit statuses, what the card
 * records, and that every figure accounts for the beats it claims.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecordBeats } from '../../src/main/datasets';
import type { ModelCard } from '../../src/main/ml/model-card';
import { runCliCaptured } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const MITDB = resolve(__dirname, '../../../shared/data/mitdb');

describe('train, evaluate and predict commands', () => {
  const dir = useTempDir('cli-ml-', 'suite');

  it('trains a model whose card names its data and settings', async () => {
    const { status, out, err } = await runCliCaptured([
      'train', '--data', MITDB, '--records', '201,208', '--validation-records', '118', '--max-beats-per-record', '80',
      '--epochs', '1', '--steps-per-epoch', '3', '--batch-size', '32', '--backend', 'wasm', '--out', dir(), '--in-process', '--seed', '5',
      '--class-weights', 'inverse', '--class-weight-cap', '7.5',
    ]);
    expect(status, err).toBe(0);
    expect(out).toMatch(/Training completed after 1 epoch\(s\)/);
    expect(err).toMatch(/^training on wasm/m);
    const card = JSON.parse(await readFile(join(dir(), 'best', 'model-card.json'), 'utf8')) as ModelCard;
    expect(card.training).toMatchObject({ trainRecords: ['201', '208'], validationRecords: ['118'], maxBeatsPerRecord: 80, epochs: 1, bestEpoch: 1 });
    expect(card.training.hyperParameters).toMatchObject({ batchSize: 32, stepsPerEpoch: 3, seed: 5, loss: 'focal', gamma: 2, classWeighting: 'inverse', classWeightCap: 7.5 });
    expect(card).toMatchObject({ seed: 5, backend: 'wasm', model: { architecture: 'rhythm-attention' } });
    expect(card.input.rr?.normalisation.features).toEqual(card.model.rrFeatures);
    expect(card.metrics.validation?.metrics.total).toBe(card.training.beats.validation.reduce((a, b) => a + b, 0));
  });

  it('evaluates it on record 100 and saves the figures in the card', async () => {
    const { status, out } = await runCliCaptured(['evaluate', dir(), '--data', MITDB, '--records', '100', '--json', '--backend', 'wasm']);
    expect(status).toBe(0);
    const result = JSON.parse(out) as { metrics: { total: number }; confusion: number[][] };
    const card = JSON.parse(await readFile(join(dir(), 'best', 'model-card.json'), 'utf8')) as ModelCard;
    const beats = await loadRecordBeats('100', { dataDir: MITDB, window: card.input.window, filter: card.input.filter });
    expect(result.metrics.total).toBe(beats.count);
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(beats.count);
    expect(card.metrics.test).toMatchObject({ records: ['100'], source: 'reference' });
  });

  it('counts missed and extra beats as errors with --detector', async () => {
    const { status, out } = await runCliCaptured(['evaluate', dir(), '--data', MITDB, '--records', '100', '--detector', '--no-save', '--backend', 'wasm']);
    expect(status).toBe(0);
    expect(out).toMatch(/Macro F1 \(N S V F\)/);
  });

  it('predicts the beats of record 100 as JSON with probabilities and attention', async () => {
    const { status, out } = await runCliCaptured(['predict', dir(), '100', '--data', MITDB, '--json', '--limit', '3', '--backend', 'wasm']);
    expect(status).toBe(0);
    const result = JSON.parse(out) as { counts: Record<string, number>; beats: { timeSec: number; probabilities: Record<string, number>; attention: { qrsShare: number } }[] };
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(2200);
    expect(result.beats).toHaveLength(3);
    const p = result.beats[0]!;
    expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(p.attention.qrsShare).toBeGreaterThan(0);
    expect(p.attention.qrsShare).toBeLessThanOrEqual(1.0001);
  });

  it('refuses a model folder that does not exist, with the model-load code', async () => {
    const { status, err } = await runCliCaptured(['evaluate', join(dir(), 'nope'), '--records', '100']);
    expect(status).toBe(1);
    expect(err).toMatch(/\[ml\/model-load\].*missing model-card\.json/);
  });
});
