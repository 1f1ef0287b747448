import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { isBeatCode, readAnnotationFile } from '../../src/main/wfdb';

const MITDB = resolve(__dirname, '../../../shared/data/mitdb');

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe('eval-qrs command', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'cli-eval-qrs-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('prints the bxb table and writes detections that read back as an annotation file', async () => {
    const { status, out } = await run(['eval-qrs', '--data', MITDB, '--records', '100', '--annotator', 'test', '--out', outDir]);
    expect(status).toBe(0);
    const row = out.split('\n').find((line) => line.startsWith('100 '));
    expect(row, out).toBeDefined();
    // The reference column counts the beats of 100.atr from 5 minutes on (bxb's start).
    const reference = await readAnnotationFile(join(MITDB, '100.atr'));
    const scored = reference.annotations.filter((a) => isBeatCode(a.code) && a.sample >= 5 * 60 * 360).length;
    expect(row!.split(/\s+/)[1]).toBe(String(scored));
    expect(out).toMatch(new RegExp(`^Gross\\s+${scored}\\s`, 'm'));
    const written = await readAnnotationFile(join(outDir, '100.test'));
    expect(written.fs).toBe(360);
    expect(written.annotations.length).toBeGreaterThan(2200);
    expect(written.annotations.every((a) => a.symbol === 'N')).toBe(true);
  });

  it('refuses an annotator name that is not a file extension', async () => {
    const { status, err } = await run(['eval-qrs', '--data', MITDB, '--annotator', '../x']);
    expect(status).toBe(2);
    expect(err).toContain('not an annotator name');
  });
});
