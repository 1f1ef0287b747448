/**
 * The background analysis on real MIT-BIH records, through its worker thread: record 100
 * analysed chunk by chunk gives the beats the reference annotations hold (within the QRS
 * detector's error), with exactly the probabilities `predictRecord` computes in one piece;
 * chunks come in time order; cancel, resume, a record without annotations and bad input.
 */
import { copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAnalysisWorkers, prepareAnalysis, type AnalysisRequest } from '../../../src/main/analysis';
import { loadModel, predictRecord, selectBackend, type RecordPrediction } from '../../../src/main/ml';
import { compareBeats } from '../../../src/main/signal/bxb';
import { readAnnotationFile } from '../../../src/main/wfdb';
import { useTempDir } from '../../support/temp-dir';
import { collectRun, type CollectedRun } from './analysis-run';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const MODEL_DIR = resolve(ROOT, 'models/rhythm-attention-default');
const request = (record: string, extra: Partial<AnalysisRequest> = {}): AnalysisRequest => ({
  headerPath: join(MITDB, `${record}.hea`),
  modelDir: MODEL_DIR,
  backend: 'wasm',
  ...extra,
});

describe('startAnalysis', () => {
  let full: CollectedRun;
  let reference: RecordPrediction;
  const temp = useTempDir('analysis-', 'suite');

  beforeAll(async () => {
    full = await collectRun(request('100'));
    await selectBackend('wasm');
    const loaded = await loadModel(MODEL_DIR);
    reference = await predictRecord(join(MITDB, '100.hea'), loaded);
    loaded.model.dispose();
  }, 120_000);
  afterAll(() => disposeAnalysisWorkers());

  it('finds the beats of record 100 that the reference annotations hold, within the detector error', async () => {
    const atr = await readAnnotationFile(join(MITDB, '100.atr'));
    const bxb = compareBeats(atr.annotations.map((a) => ({ sample: a.sample, code: a.code })), full.samples, { fs: 360, startSec: 0 });
    expect(bxb.referenceBeats).toBeGreaterThan(2200);
    expect(bxb.sensitivityPct).toBeGreaterThan(99.5);
    expect(bxb.positivePredictivityPct).toBeGreaterThan(99.5);
    expect(full.model).toEqual({ name: 'rhythm-attention-default', version: '1', backend: 'wasm' });
  });

  it('sends chunks in time order, never overlapping, each ending where its analysed time says, to fraction 1', () => {
    expect(full.state).toBe('done');
    expect(full.chunks.length).toBeGreaterThan(3);
    let lastSec = 0;
    let lastFraction = 0;
    let lastSample = -1;
    for (const chunk of full.chunks) {
      expect(chunk.probabilities.length).toBe(chunk.samples.length * 5);
      expect(chunk.templateIds.length).toBe(chunk.samples.length);
      expect(chunk.analysedSec).toBeGreaterThan(lastSec);
      expect(chunk.fraction).toBeGreaterThanOrEqual(lastFraction);
      for (const s of chunk.samples) {
        expect(s).toBeGreaterThan(lastSample);
        expect(s / 360).toBeGreaterThanOrEqual(lastSec);
        expect(s / 360).toBeLessThan(chunk.analysedSec);
        lastSample = s;
      }
      [lastSec, lastFraction] = [chunk.analysedSec, chunk.fraction];
    }
    expect(lastFraction).toBe(1);
    expect(lastSec).toBeCloseTo(650_000 / 360, 6);
    expect(full.progress.map((p) => p.fraction).every((f, i, all) => i === 0 || f >= all[i - 1]!)).toBe(true);
  });

  it('gives the beats and probabilities predictRecord gives for the whole record (within 1e-5)', () => {
    expect(full.samples).toEqual([...reference.beats.samples]);
    let maxDiff = 0;
    full.probabilities.forEach((p, i) => (maxDiff = Math.max(maxDiff, Math.abs(p - reference.result.probabilities[i]!))));
    expect(maxDiff).toBeLessThan(1e-5);
    expect(full.templateIds.every((id) => Number.isInteger(id) && id >= 0)).toBe(true);
  });

  it('stops within one chunk when cancelled and reports nothing after', async () => {
    const run = await collectRun(request('100'), (_chunk, cancel) => cancel());
    expect(run.state).toBe('cancelled');
    expect(run.chunks).toHaveLength(1);
    expect(run.samples.length).toBeLessThan(full.samples.length / 4);
  });

  it('resumes from a time: sends only later beats, with the ids and probabilities of a full run', async () => {
    const run = await collectRun(request('100', { fromSec: 700 }));
    const first = full.samples.findIndex((s) => s >= 700 * 360);
    expect(run.samples).toEqual(full.samples.slice(first));
    expect(run.templateIds).toEqual(full.templateIds.slice(first));
    expect(run.probabilities).toEqual(full.probabilities.slice(first * 5));
  });

  it('runs in a worker prepared ahead with the same results', async () => {
    await disposeAnalysisWorkers();
    await prepareAnalysis({ modelDir: MODEL_DIR, backend: 'wasm' });
    const run = await collectRun(request('100'));
    expect(run.samples).toEqual(full.samples);
    expect(run.templateIds).toEqual(full.templateIds);
  });

  it('analyses a record that has no reference annotations', async () => {
    for (const ext of ['hea', 'dat']) await copyFile(join(MITDB, `100.${ext}`), join(temp(), `100.${ext}`));
    const run = await collectRun({ ...request('100'), headerPath: join(temp(), '100.hea') });
    expect(run.state).toBe('done');
    expect(run.samples).toEqual(full.samples);
  });

  it('rejects with a WFDB error naming the file for a missing record, and a model error for a missing model', async () => {
    const missing = join(temp(), 'nothing.hea');
    await expect(collectRun({ ...request('100'), headerPath: missing })).rejects.toMatchObject({ code: 'wfdb/missing-file', message: expect.stringContaining('nothing.hea') });
    const noModel = join(temp(), 'no-model');
    await expect(collectRun(request('100', { modelDir: noModel }))).rejects.toMatchObject({ code: 'ml/model-load', message: expect.stringContaining(noModel) });
  });
});
