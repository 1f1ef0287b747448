/**
 * startAnalysis's handling of its worker, with a stand-in worker that speaks the protocol
 * without a model (tests/fixtures/analysis/fake-worker.mjs): callbacks, cancel, errors, a
 * worker that dies, and the kept worker reused for the next analysis.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  disposeAnalysisWorkers, prepareAnalysis, startAnalysis, startUncertaintyPass, type AnalysedChunk, type AnalysisModelInfo, type UncertaintyValues,
} from '../../../../src/main/analysis';

const FAKE = resolve(__dirname, '../../../fixtures/analysis/fake-worker.mjs');

function run(headerPath: string, cancelAfterChunks = Infinity): { chunks: AnalysedChunk[]; models: AnalysisModelInfo[]; done: Promise<{ state: string }> } {
  const chunks: AnalysedChunk[] = [];
  const models: AnalysisModelInfo[] = [];
  let cancel = (): void => undefined;
  const handle = startAnalysis({ headerPath, modelDir: 'unused', workerPath: FAKE }, {
    onModel: (info) => models.push(info),
    onProgress: () => undefined,
    onChunk: (chunk) => {
      chunks.push(chunk);
      if (chunks.length >= cancelAfterChunks) cancel();
    },
  });
  cancel = handle.cancel;
  return { chunks, models, done: handle.done };
}

afterEach(() => disposeAnalysisWorkers());

describe('startAnalysis', () => {
  it('passes on the model and every chunk in order, then resolves done', async () => {
    const r = run('record.hea');
    expect(await r.done).toEqual({ state: 'done' });
    expect(r.chunks.map((c) => c.analysedSec)).toEqual([1, 2, 3, 4, 5]);
    expect(r.chunks.at(-1)?.fraction).toBe(1);
    expect(r.chunks[2]?.samples).toEqual(Int32Array.of(20));
    expect(r.models).toHaveLength(1);
  });

  it('reports nothing after cancel and resolves cancelled', async () => {
    const r = run('record.hea', 2);
    expect(await r.done).toEqual({ state: 'cancelled' });
    expect(r.chunks).toHaveLength(2);
  });

  it('keeps the worker for the next analysis', async () => {
    const first = run('a.hea');
    await first.done;
    const second = run('b.hea');
    await second.done;
    const [t1, t2] = [first.models[0]!.name, second.models[0]!.name];
    expect(t2.split(' run ')[0]).toBe(t1.split(' run ')[0]);
    expect(t2.endsWith('run 2')).toBe(true);
  });

  it('runs two analyses at once in two workers', async () => {
    const [a, b] = [run('a.hea'), run('b.hea')];
    await Promise.all([a.done, b.done]);
    expect(a.models[0]!.name.split(' run ')[0]).not.toBe(b.models[0]!.name.split(' run ')[0]);
    expect(a.chunks).toHaveLength(5);
    expect(b.chunks).toHaveLength(5);
  });

  it('uses a worker prepared ahead', async () => {
    await prepareAnalysis({ modelDir: 'unused', workerPath: FAKE });
    const r = run('a.hea');
    await r.done;
    expect(r.models[0]!.name.endsWith('run 1')).toBe(true);
  });

  it('rejects with the error the worker reports, code and message kept', async () => {
    await expect(run('fail').done).rejects.toMatchObject({ code: 'wfdb/missing-file', message: 'fail: no such file' });
  });

  it('rejects with an analysis error naming the record when the worker dies', async () => {
    await expect(run('crash').done).rejects.toMatchObject({ code: 'ml/analysis', message: expect.stringMatching(/^crash: .*exited \(code 3\)/) });
    const after = run('again.hea');
    expect(await after.done).toEqual({ state: 'done' });
  });
});

describe('startUncertaintyPass', () => {
  function pass(headerPath: string, cancelAfter = Infinity) {
    const values: UncertaintyValues[] = [];
    let cancel = (): void => undefined;
    const handle = startUncertaintyPass({ headerPath, modelDir: 'unused', workerPath: FAKE, fromSample: 0 }, {
      onProgress: () => undefined,
      onValues: (v) => {
        values.push(v);
        if (values.length >= cancelAfter) cancel();
      },
    });
    cancel = handle.cancel;
    return { values, done: handle.done };
  }

  it('passes on every block of values in time order, then resolves done', async () => {
    const r = pass('record.hea');
    expect(await r.done).toEqual({ state: 'done' });
    expect(r.values.map((v) => v.samples[0])).toEqual([0, 10, 20, 30, 40]);
    expect(r.values[3]?.values[0]).toBeCloseTo(0.3, 6);
    expect(r.values.at(-1)?.fraction).toBe(1);
  });

  it('reports nothing after cancel and resolves cancelled', async () => {
    const r = pass('record.hea', 2);
    expect(await r.done).toEqual({ state: 'cancelled' });
    expect(r.values).toHaveLength(2);
  });

  it('runs in the worker an analysis left, after that analysis', async () => {
    const analysis = run('a.hea');
    await analysis.done;
    const r = pass('a.hea');
    expect(await r.done).toEqual({ state: 'done' });
    const next = run('b.hea');
    await next.done;
    // The same thread ran the analysis, the pass and the next analysis: its third job.
    expect(next.models[0]!.name).toBe(`${analysis.models[0]!.name.split(' run ')[0]} run 3`);
  });

  it('rejects with the error the worker reports', async () => {
    await expect(pass('fail').done).rejects.toMatchObject({ code: 'wfdb/missing-file' });
  });
});
