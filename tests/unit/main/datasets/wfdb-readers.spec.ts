import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import { writeAnnotationFile } from '../../../../src/main/wfdb/annotation';
import { chooseLead, loadRecordBeats } from '../../../../src/main/datasets/mitdb';
import { NO_FILTER } from '../../../../src/main/datasets/filter-config';
import { wfdbReaders } from '../../../../src/main/datasets/wfdb-readers';
import { SEED_002_WINDOW } from '../../../../src/main/signal/beat-windows';

/**
 * A tiny two-signal WFDB record written for the test: format 16, gain 200, 100 frames at
 * 360 Hz; signal 0 (V5) holds 0, 2, 4, …, signal 1 (MLII) holds 1000 − i.
 */
async function writeRecord(dir: string): Promise<void> {
  await writeFile(join(dir, 'tiny.hea'), 'tiny 2 360 100\ntiny.dat 16 200 16 0 0 0 0 V5\ntiny.dat 16 200 16 0 1000 0 0 MLII\n');
  const samples = new Int16Array(200);
  for (let i = 0; i < 100; i++) {
    samples[2 * i] = 2 * i;
    samples[2 * i + 1] = 1000 - i;
  }
  await writeFile(join(dir, 'tiny.dat'), new Uint8Array(samples.buffer));
}

describe('wfdbReaders', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wfdb-readers-'));
    await writeRecord(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the MLII lead in physical units at the frame rate', async () => {
    const lead = await wfdbReaders.readLead(join(dir, 'tiny.hea'), chooseLead);
    expect(lead.lead).toEqual({ index: 1, name: 'MLII' });
    expect(lead.fs).toBe(360);
    expect(lead.signal.length).toBe(100);
    expect(lead.signal[10]).toBeCloseTo((1000 - 10) / 200, 9);
  });

  it('reads annotations, and gives null for a missing annotation file', async () => {
    await writeAnnotationFile(join(dir, 'tiny.atr'), {
      annotations: [{ sample: 50, symbol: 'N', code: 1, subtype: 0, chan: 0, num: 0, aux: null }],
      fs: null,
    });
    expect(await wfdbReaders.readAnnotations(join(dir, 'tiny.atr'))).toEqual([{ sample: 50, symbol: 'N' }]);
    expect(await wfdbReaders.readAnnotations(join(dir, 'none.atr'))).toBeNull();
  });

  it('fingerprints files by size and time, "absent" when missing', async () => {
    const print = await wfdbReaders.fingerprint([join(dir, 'tiny.dat'), join(dir, 'none.dat')]);
    expect(print).toMatch(/^400:\d+\|absent$/);
  });

  it('lets loadRecordBeats read a record without annotations, and reject a missing record with an AppError', async () => {
    const options = { dataDir: dir, window: SEED_002_WINDOW, filter: NO_FILTER, annotator: 'qrs' };
    const set = await loadRecordBeats('tiny', options);
    expect(set).toMatchObject({ count: 0, hasAnnotations: false, lead: { index: 1, name: 'MLII' } });
    await expect(loadRecordBeats('missing', options)).rejects.toBeInstanceOf(AppError);
  });
});
