/**
 * `predict <record>` without a model folder uses the app's default model: it prints what
 * `predict models/rhythm-attention-default <record>` prints; a wrong argument count is a
 * usage error.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/run-cli';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');

describe('predict command', () => {
  it('uses the default model when given only a record', async () => {
    const args = ['--data', MITDB, '--json', '--limit', '5', '--no-attention', '--backend', 'wasm'];
    const short = await runCliCaptured(['predict', '232', ...args]);
    const long = await runCliCaptured(['predict', resolve(ROOT, 'models/rhythm-attention-default'), '232', ...args]);
    expect(short.status, short.err).toBe(0);
    const [a, b] = [JSON.parse(short.out), JSON.parse(long.out)] as { model: string; beats: unknown[]; counts: Record<string, number> }[];
    expect(a!.model).toBe(b!.model);
    expect(a!.beats).toEqual(b!.beats);
    expect(a!.counts).toEqual(b!.counts);
    expect(a!.beats).toHaveLength(5);
  });

  it('refuses three positional arguments with the usage text', async () => {
    const run = await runCliCaptured(['predict', 'a', 'b', 'c']);
    expect(run.status).not.toBe(0);
    expect(run.err).toMatch(/predict \[<model folder>\] <record>/);
  });
});
