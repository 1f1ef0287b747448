/**
 * The GAN commands end to end on DS1 records: `gan-train` (a few steps) saves a generator and
 * its figure, `gan-train --figure-only` redraws the figure, and `train --synthetic` mixes the
 * generator's beats into the training beats only — checked in the saved card against the
 * real beats of the records.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../src/main/ml/model-card';
import type { GanCard } from '../../src/main/ml/gan';
import { runCliCaptured } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const MITDB = resolve(__dirname, '../../../shared/data/mitdb');
const COMMON = ['--data', MITDB, '--backend', 'wasm'];

describe('gan-train and train --synthetic', { timeout: 240_000 }, () => {
  const dir = useTempDir('cli-gan-', 'suite');

  it('trains a generator on DS1 records and saves it with its card and figure', async () => {
    const { status, err } = await runCliCaptured(['gan-train', '--out', join(dir(), 'gan'), '--records', '208', '--steps', '2', '--batch-size', '8', '--figure-beats', '3', ...COMMON]);
    expect(status, err).toBe(0);
    const card = JSON.parse(await readFile(join(dir(), 'gan', 'gan-card.json'), 'utf8')) as GanCard;
    expect(card).toMatchObject({ trainRecords: ['208'], steps: 2, config: { classes: ['S', 'V', 'F'] } });
    const svg = await readFile(join(dir(), 'gan', 'synthetic-beats.svg'), 'utf8');
    expect(svg).toContain('F — synthetic (GAN) (3)');
  });

  it('redraws the figure with --figure-only without training', async () => {
    const before = await stat(join(dir(), 'gan', 'weights.bin'));
    const { status, err } = await runCliCaptured(['gan-train', '--out', join(dir(), 'gan'), '--figure-only', '--figure-beats', '2', ...COMMON]);
    expect(status, err).toBe(0);
    expect(await readFile(join(dir(), 'gan', 'synthetic-beats.svg'), 'utf8')).toContain('S — real (2)');
    expect((await stat(join(dir(), 'gan', 'weights.bin'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('adds the asked synthetic beats to the training beats only, and names them in the card', async () => {
    const train = (extra: string[], out: string) => runCliCaptured([
      'train', '--records', '208', '--validation-records', '118', '--max-beats-per-record', '60', '--epochs', '1', '--steps-per-epoch', '1',
      '--batch-size', '16', '--in-process', '--out', join(dir(), out), ...extra, ...COMMON,
    ]);
    const plain = await train([], 'plain');
    const mixed = await train(['--synthetic', join(dir(), 'gan'), '--synthetic-count', 'S=7,F=5'], 'mixed');
    expect(plain.status, plain.err).toBe(0);
    expect(mixed.status, mixed.err).toBe(0);
    const cardOf = async (out: string) => JSON.parse(await readFile(join(dir(), out, 'best', 'model-card.json'), 'utf8')) as ModelCard;
    const [a, b] = [await cardOf('plain'), await cardOf('mixed')];
    expect(b.training.beats.train).toEqual(a.training.beats.train.map((n, c) => n + (c === 1 ? 7 : c === 3 ? 5 : 0)));
    expect(b.training.beats.validation).toEqual(a.training.beats.validation);
    expect(b.training.hyperParameters['synthetic']).toMatchObject({ generator: 'gan', counts: { S: 7, F: 5 }, ganTrainRecords: ['208'] });
    // A generator that learnt from a validation record is refused.
    const leak = await runCliCaptured(['train', '--records', '201', '--validation-records', '208', '--max-beats-per-record', '60', '--epochs', '1', '--steps-per-epoch', '1', '--in-process', '--out', join(dir(), 'leak'), '--synthetic', join(dir(), 'gan'), '--synthetic-count', 'S=1', ...COMMON]);
    expect(leak.status).not.toBe(0);
    expect(leak.err).toMatch(/learnt from records 208/);
  });
});
