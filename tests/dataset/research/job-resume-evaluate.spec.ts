/**
 * A research job on real MIT-BIH records through the training worker, end to end: a tiny
 * job (wasm backend; DS1 records 101 and 106 thinned to 150 beats train, 118 validates, DS2
 * record 124 tests; 2 epochs of 3 batches) is cancelled as soon as its first epoch's
 * checkpoint is written, read back as resumable from its state.json, resumed under the same
 * id to the end, then evaluated with the bundled (active) model on record 124's reference
 * beats. The figures are checked against the confusion matrix they come from and the beat
 * count against wfdb-python's reading of 124.atr (../shared/data/reference).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AAMI_MAP } from '../../../src/main/datasets';
import { createModelManager } from '../../../src/main/research';
import { createResearchService, type ResearchService } from '../../../src/main/services/research';
import type { TaskProgress } from '../../../src/shared/domain';
import type { EvaluationReport, JobState } from '../../../src/shared/research';
import { useTempDir } from '../../support/temp-dir';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const REFERENCE = resolve(ROOT, '../shared/data/reference/mitdb/annotations.json');
const BUNDLED_ID = 'rhythm-attention-default';
const temp = useTempDir('ra-resume-', 'suite');

const tiny = {
  name: 'Resumed Run', folder: MITDB, split: { train: ['101', '106'], validation: ['118'], test: ['124'] },
  preset: 'default-model' as const, epochs: 2, batchSize: 32, stepsPerEpoch: 3, patience: null, maxBeatsPerRecord: 150, backend: 'wasm' as const,
};

async function until(read: () => Promise<JobState>, done: (s: JobState) => boolean, timeoutMs: number): Promise<JobState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await read();
    if (done(state) || Date.now() > end) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reference beats of `record` per AAMI class, from wfdb-python's counts. */
async function referenceBeats(record: string): Promise<number> {
  const reference = JSON.parse(await readFile(REFERENCE, 'utf8')) as Record<string, { counts: Record<string, number> }>;
  return Object.entries(reference[`${record}.atr`]!.counts).reduce((sum, [symbol, n]) => sum + (AAMI_MAP[symbol] ? n : 0), 0);
}

/** Checks every figure of `report` against its own confusion matrix. */
function expectConsistent(report: EvaluationReport, beats: number): void {
  const { confusion, classes } = report;
  const total = confusion.flat().reduce((a, b) => a + b, 0);
  expect(total).toBe(beats);
  expect(report.beats).toBe(beats);
  expect(report.accuracy).toBeCloseTo(classes.reduce((s, _, c) => s + confusion[c]![c]!, 0) / beats, 12);
  const f1s: number[] = [];
  classes.forEach((name, c) => {
    const row = confusion[c]!.reduce((a, b) => a + b, 0);
    const column = confusion.reduce((s, r) => s + r[c]!, 0);
    const tp = confusion[c]![c]!;
    const figures = report.perClass[c]!;
    expect(figures).toMatchObject({ name, support: row, se: row > 0 ? tp / row : null, ppv: column > 0 ? tp / column : null });
    if (figures.f1 !== null && name !== 'Q') f1s.push(figures.f1);
  });
  expect(report.macroF1).toBeCloseTo(f1s.reduce((a, b) => a + b, 0) / f1s.length, 12);
}

describe('a research job through the training worker', () => {
  let service: ResearchService;
  const progress: TaskProgress[] = [];

  it('cancels after the first checkpoint, resumes to the end and evaluates against the active model', async () => {
    const dataDir = temp();
    const models = createModelManager({ dataDir, bundledDir: resolve(ROOT, 'models', BUNDLED_ID) });
    let cancelOnEpoch: string | null = null;
    service = createResearchService({
      dataDir, models, beatCacheDir: resolve(ROOT, '.cache/beats'),
      events: (_event, payload) => {
        const p = payload as TaskProgress;
        progress.push(p);
        // The epoch event follows its checkpoint: cancel at once, within epoch 2's first batch.
        if (p.taskId === cancelOnEpoch && /^epoch 1\/2 done/.test(p.message)) void service.handlers['research:cancel']({ id: p.taskId });
      },
    });
    const { handlers } = service;
    const first = await handlers['research:train'](tiny);
    cancelOnEpoch = first.id;
    const cancelled = await until(() => handlers['research:job']({ id: first.id }), (s) => s.phase === 'ended', 60_000);
    expect(cancelled).toMatchObject({ status: 'cancelled', resumable: true, modelId: null, error: null });
    expect(cancelled.history.map((h) => h.epoch)).toEqual([1]);
    const onDisk = JSON.parse(await readFile(join(dataDir, 'research', 'jobs', first.id, 'state.json'), 'utf8')) as JobState;
    expect(onDisk).toMatchObject({ status: 'cancelled', resumable: true });
    expect((await handlers['research:jobs'](undefined)).map((j) => j.id)).toEqual([first.id]);

    cancelOnEpoch = null;
    expect(await handlers['research:resume']({ id: first.id })).toMatchObject({ id: first.id, status: 'running', phase: 'training' });
    const done = await until(() => handlers['research:job']({ id: first.id }), (s) => s.phase === 'ended', 90_000);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'completed', resumable: false, fraction: 1 });
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(progress.some((p) => p.taskId === first.id && p.label === 'Evaluating' && p.fraction === 1)).toBe(true);

    const beats = await referenceBeats('124');
    const evaluation = done.evaluation!;
    expect(evaluation).toMatchObject({ set: 'test', note: null, model: { modelId: done.modelId, records: ['124'] }, active: { modelId: BUNDLED_ID } });
    expectConsistent(evaluation.model, beats);
    expectConsistent(evaluation.active!, beats);
    // The bundled model is trained on all of DS1: it beats a 6-batch model on record 124.
    expect(evaluation.active!.accuracy).toBeGreaterThan(0.9);

    const saved = (await handlers['models:list'](undefined)).find((m) => m.id === done.modelId);
    expect(saved?.test).toMatchObject({ records: ['124'], accuracy: evaluation.model.accuracy, macroF1: evaluation.model.macroF1 });
  }, 150_000);

  it('evaluates any model of the manager with the same figures as the job comparison', async () => {
    const { handlers } = service;
    const [job] = await handlers['research:jobs'](undefined);
    const report = await handlers['research:evaluate']({ modelId: BUNDLED_ID, folder: MITDB, records: ['124'] });
    expect(report).toEqual(job!.evaluation!.active);
    expect(progress.filter((p) => p.taskId === `evaluate:${BUNDLED_ID}`).at(-1)).toMatchObject({ fraction: 1 });
    await expect(handlers['research:evaluate']({ modelId: BUNDLED_ID, folder: MITDB, records: ['999'] })).rejects.toThrow(`model "${BUNDLED_ID}", record 999`);
    await service.jobs.close();
  }, 60_000);
});
