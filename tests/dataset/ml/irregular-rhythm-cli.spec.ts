/**
 * The irregular-rhythm command on a copy of the shipped model: it writes the rule into the
 * card (and `--remove` takes it out), refuses a rule that would silence N, and `evaluate`
 * then applies it: on DS1 record 203, whose rhythm is atrial fibrillation and flutter for
 * most of its 30 minutes, the model without the rule calls many normal beats S or F, and
 * with it none (the reference beats' own figures, read from the printed matrix).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../../src/main/ml';
import { runCliCaptured } from '../../support/run-cli';
import { useTempDir } from '../../support/temp-dir';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const SHIPPED = resolve(ROOT, 'models/rhythm-attention-default');

/** Copies the shipped model into `dir`, without its irregular-rhythm rule. */
async function copyWithoutRule(dir: string): Promise<string> {
  const folder = join(dir, 'model');
  await mkdir(folder);
  for (const file of ['model.json', 'weights.bin']) await copyFile(join(SHIPPED, file), join(folder, file));
  const card = JSON.parse(await readFile(join(SHIPPED, 'model-card.json'), 'utf8')) as ModelCard;
  delete card.irregularRhythm;
  await writeFile(join(folder, 'model-card.json'), JSON.stringify(card, null, 2));
  return folder;
}

const readCard = async (folder: string): Promise<ModelCard> => JSON.parse(await readFile(join(folder, 'model-card.json'), 'utf8')) as ModelCard;

/** Normal beats of record 203 that `folder`'s model calls S and F, from `evaluate --json`. */
async function normalCalledSOrF(folder: string): Promise<{ s: number; f: number; normal: number }> {
  const { status, out, err } = await runCliCaptured(['evaluate', folder, '--data', MITDB, '--records', '203', '--json', '--no-save', '--backend', 'wasm']);
  expect(status, err).toBe(0);
  const confusion = (JSON.parse(out) as { confusion: number[][] }).confusion;
  const row = confusion[0]!;
  return { s: row[1]!, f: row[3]!, normal: row.reduce((a, b) => a + b, 0) };
}

describe('irregular-rhythm command', () => {
  const dir = useTempDir('cli-irregular-', 'suite');
  let folder = '';

  it("writes the rule into the card, and evaluate stops calling record 203's normal beats S or F", async () => {
    folder = await copyWithoutRule(dir());
    const before = await normalCalledSOrF(folder);
    expect(before.s + before.f).toBeGreaterThan(100);

    const { status, out, err } = await runCliCaptured(['irregular-rhythm', folder, '--threshold', '0.1', '--smoothing-beats', '30', '--not-called', 'S,F', '--chosen-by', 'test']);
    expect(status, err).toBe(0);
    expect(out).toMatch(/S, F are not called/);
    expect((await readCard(folder)).irregularRhythm).toEqual({ threshold: 0.1, smoothingBeats: 30, notCalled: ['S', 'F'], chosenBy: 'test' });

    const after = await normalCalledSOrF(folder);
    expect(after.normal).toBe(before.normal);
    expect(after.s + after.f).toBeLessThan(0.1 * (before.s + before.f));
  });

  it('refuses a rule that names the first class, and leaves the card as it was', async () => {
    const text = await readFile(join(folder, 'model-card.json'), 'utf8');
    const { status, err } = await runCliCaptured(['irregular-rhythm', folder, '--threshold', '0.1', '--smoothing-beats', '30', '--not-called', 'N,S']);
    expect(status).not.toBe(0);
    expect(err).toMatch(/"N"/);
    expect(await readFile(join(folder, 'model-card.json'), 'utf8')).toBe(text);
  });

  it('removes the rule with --remove', async () => {
    const { status, err } = await runCliCaptured(['irregular-rhythm', folder, '--remove']);
    expect(status, err).toBe(0);
    expect((await readCard(folder)).irregularRhythm).toBeUndefined();
  });
});
