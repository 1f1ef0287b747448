import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatCode, readAnnotationFile } from '../../src/main/wfdb';
import { runCliCaptured } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const MITDB = resolve(__dirname, '../../../shared/data/mitdb');

describe('eval-qrs command', () => {
  const outDir = useTempDir('cli-eval-qrs-', 'suite');

  it('prints the bxb table and writes detections that read back as an annotation file', async () => {
    const { status, out } = await runCliCaptured(['eval-qrs', '--data', MITDB, '--records', '100', '--annotator', 'test', '--out', outDir()]);
    expect(status).toBe(0);
    const row = out.split('\n').find((line) => line.startsWith('100 '));
    expect(row, out).toBeDefined();
    // The reference column counts the beats of 100.atr from 5 minutes on (bxb's start).
    const reference = await readAnnotationFile(join(MITDB, '100.atr'));
    const scored = reference.annotations.filter((a) => isBeatCode(a.code) && a.sample >= 5 * 60 * 360).length;
    expect(row!.split(/\s+/)[1]).toBe(String(scored));
    expect(out).toMatch(new RegExp(`^Gross\\s+${scored}\\s`, 'm'));
    const written = await readAnnotationFile(join(outDir(), '100.test'));
    expect(written.fs).toBe(360);
    expect(written.annotations.length).toBeGreaterThan(2200);
    expect(written.annotations.every((a) => a.symbol === 'N')).toBe(true);
  });

  it('refuses an annotator name that is not a file extension', async () => {
    const { status, err } = await runCliCaptured(['eval-qrs', '--data', MITDB, '--annotator', '../x']);
    expect(status).toBe(2);
    expect(err).toContain('not an annotator name');
  });
});
