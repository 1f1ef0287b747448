/**
 * The calibrate command on a copy of the shipped model, fitted on DS1 validation record 118:
 * a dry run leaves the card alone, a real run writes the temperature the calibration module
 * fits from the network's own probabilities, and a second run on the calibrated card fits
 * the same temperature (an existing calibration is never applied twice). Then `evaluate`
 * on DS2 record 100 prints and saves the ECE of exactly the probabilities it served.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEAT_CACHE_DIR, loadRecordBeats } from '../../../src/main/datasets';
import { calibrateModel, classifyBeats, expectedCalibrationError, loadModel, selectBackend, type ModelCard } from '../../../src/main/ml';
import { runCliCaptured } from '../../support/run-cli';
import { useTempDir } from '../../support/temp-dir';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const SHIPPED = resolve(ROOT, 'models/rhythm-attention-default');
const CACHE = resolve(ROOT, DEFAULT_BEAT_CACHE_DIR);

/** Copies the shipped model into `dir`, without its calibration. */
async function uncalibratedCopy(dir: string): Promise<string> {
  const folder = join(dir, 'model');
  await mkdir(folder);
  for (const file of ['model.json', 'weights.bin']) await copyFile(join(SHIPPED, file), join(folder, file));
  const card = JSON.parse(await readFile(join(SHIPPED, 'model-card.json'), 'utf8')) as ModelCard;
  delete card.calibration;
  await writeFile(join(folder, 'model-card.json'), JSON.stringify(card, null, 2));
  return folder;
}

const readCard = async (folder: string): Promise<ModelCard> => JSON.parse(await readFile(join(folder, 'model-card.json'), 'utf8')) as ModelCard;

describe('calibrate command', () => {
  const dir = useTempDir('cli-calibrate-', 'suite');
  let folder = '';

  it('prints the fit but leaves the card unchanged with --dry-run', async () => {
    folder = await uncalibratedCopy(dir());
    const before = await readFile(join(folder, 'model-card.json'), 'utf8');
    const { status, out, err } = await runCliCaptured(['calibrate', folder, '--records', '118', '--data', MITDB, '--backend', 'wasm', '--dry-run']);
    expect(status, err).toBe(0);
    expect(out).toMatch(/Temperature T = \d+\.\d{4} fitted on \d+ beats of records 118/);
    expect(out).toMatch(/ECE \(15 bins/);
    expect(out).toMatch(/Dry run/);
    expect(await readFile(join(folder, 'model-card.json'), 'utf8')).toBe(before);
  });

  it('writes the temperature the calibration module fits, and fits the same one again on the calibrated card', async () => {
    await selectBackend('wasm');
    const loaded = await loadModel(folder);
    const direct = await calibrateModel(loaded, { dataDir: MITDB, records: ['118'], cacheDir: CACHE });
    loaded.model.dispose();

    expect((await runCliCaptured(['calibrate', folder, '--records', '118', '--data', MITDB, '--backend', 'wasm'])).status).toBe(0);
    const first = (await readCard(folder)).calibration!;
    expect(first).toMatchObject({ method: 'temperature', fittedOn: ['118'], beats: direct.fit.beats });
    expect(first.temperature).toBeCloseTo(direct.fit.temperature, 9);
    expect(first.validationEce.before).toBeCloseTo(direct.before.ece, 9);

    const again = await runCliCaptured(['calibrate', folder, '--records', '118', '--data', MITDB, '--backend', 'wasm']);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/replacing T = /);
    expect((await readCard(folder)).calibration!.temperature).toBeCloseTo(first.temperature, 9);
  });

  it('has evaluate print and save the ECE of the calibrated probabilities it used, and the uncalibrated one', async () => {
    const { status, out, err } = await runCliCaptured(['evaluate', folder, '--records', '100', '--data', MITDB, '--json', '--backend', 'wasm']);
    expect(status, err).toBe(0);
    const printed = JSON.parse(out) as { reliability: { temperature: number; served: { ece: number; beats: number }; uncalibrated: { ece: number } } };

    const loaded = await loadModel(folder);
    const card = loaded.card;
    const beats = await loadRecordBeats('100', { dataDir: MITDB, window: card.input.window, filter: card.input.filter, rr: card.input.rr?.options ?? {}, cacheDir: CACHE });
    const served = classifyBeats(loaded, beats).probabilities;
    const raw = classifyBeats(loaded, beats, { calibrated: false }).probabilities;
    loaded.model.dispose();
    expect(printed.reliability.temperature).toBe(card.calibration!.temperature);
    expect(printed.reliability.served.beats).toBe(Array.from(beats.classes).filter((c) => c >= 0).length);
    expect(printed.reliability.served.ece).toBeCloseTo(expectedCalibrationError(served, beats.classes, 5), 9);
    expect(printed.reliability.uncalibrated.ece).toBeCloseTo(expectedCalibrationError(raw, beats.classes, 5), 9);
    expect(card.metrics.test?.metrics).toMatchObject({ ece: printed.reliability.served.ece, eceUncalibrated: printed.reliability.uncalibrated.ece });

    const text = await runCliCaptured(['evaluate', folder, '--records', '100', '--data', MITDB, '--no-save', '--backend', 'wasm']);
    expect(text.out).toMatch(/Reliability \(calibrated, T = \d\.\d{4}\):[\s\S]*ECE \(15 bins, \d+ beats\)[\s\S]*Uncalibrated \(T = 1\) ECE/);
  });

  it('warns when fitting on DS2 records and refuses a wrong command line', async () => {
    const ds2 = await runCliCaptured(['calibrate', folder, '--records', '100', '--data', MITDB, '--backend', 'wasm', '--dry-run']);
    expect(ds2.status).toBe(0);
    expect(ds2.err).toMatch(/Warning: records 100 are DS2 test records/);
    expect((await runCliCaptured(['calibrate'])).status).toBe(2);
    expect((await runCliCaptured(['calibrate', folder, '--records', '1 0 0'])).status).toBe(2);
    const missing = await runCliCaptured(['calibrate', join(dir(), 'nope'), '--backend', 'wasm']);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/\[ml\/model-load\].*missing model-card\.json/);
  });
});
