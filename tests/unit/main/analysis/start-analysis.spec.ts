/**
 * startAnalysis's handling of its worker, with a stand-in worker that speaks the protocol
 * without a model (tests/fixtures/analysis/fake-worker.mjs): callbacks, cancel, errors, a
 * worker that dies, and the kept worker reused for the next analysis.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeAnalysisWorkers, prepareAnalysis, startAnalysis, type AnalysedChunk, type AnalysisModelInfo } from '../../../../src/main/analysis';

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
