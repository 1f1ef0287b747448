/**
 * The research workbench's services on real MIT-BIH data: the folder scan against the
 * reference annotation counts (wfdb-python, ../shared/data/reference) and de Chazal's
 * published DS1/DS2 totals, the DS1/DS2 split's same-patient warning, and two tiny training
 * jobs through the handlers (wasm backend, 3 DS1 records thinned to 120 beats, one
 * validation record, 5 batches per epoch; budget as tests/dataset/ml-train-smoke.spec.ts):
 * one cancelled after its first progress event, one finished and found in models:list.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AAMI_MAP, DE_CHAZAL_COUNTS, DS1_RECORDS, DS2_RECORDS, MITDB_RECORDS } from '../../../src/main/datasets';
import { createModelManager } from '../../../src/main/research';
import { createResearchService } from '../../../src/main/services/research';
import type { EventSink } from '../../../src/shared/api';
import type { TaskProgress } from '../../../src/shared/domain';
import type { ClassCounts, JobState } from '../../../src/shared/research';
import { useTempDir } from '../../support/temp-dir';

const ROOT = resolve(__dirname, '../../..');
const MITDB = resolve(ROOT, '../shared/data/mitdb');
const REFERENCE = resolve(ROOT, '../shared/data/reference/mitdb/annotations.json');
const temp = useTempDir('ra-research-', 'suite');

function services() {
  const progress: TaskProgress[] = [];
  const events: EventSink = (event, payload) => {
    if (event === 'task:progress') progress.push(payload as TaskProgress);
  };
  const dataDir = temp();
  const models = createModelManager({ dataDir, bundledDir: resolve(ROOT, 'models/rhythm-attention-default') });
  const service = createResearchService({ dataDir, models, events, beatCacheDir: resolve(ROOT, '.cache/beats') });
  return { ...service, progress };
}

const tiny = {
  folder: MITDB,
  split: { train: ['201', '208', '209'], validation: ['118'], test: ['100'] },
  preset: 'default-model' as const,
  batchSize: 64, stepsPerEpoch: 5, patience: null, maxBeatsPerRecord: 120, backend: 'wasm' as const,
};

async function until(read: () => Promise<JobState>, done: (s: JobState) => boolean, timeoutMs: number): Promise<JobState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await read();
    if (done(state) || Date.now() > end) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('research services on MIT-BIH', () => {
  let s: ReturnType<typeof services>;
  beforeAll(() => {
    s = services();
  });

  it('scans the folder with the reference annotation counts per AAMI class', async () => {
    const scan = await s.handlers['research:scanFolder']({ path: MITDB });
    expect(scan.mitbih).toBe(true);
    expect(scan.records.map((r) => r.name)).toEqual([...MITDB_RECORDS]);
    const reference = JSON.parse(await readFile(REFERENCE, 'utf8')) as Record<string, { counts: Record<string, number> }>;
    for (const record of scan.records) {
      const want: ClassCounts = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
      for (const [symbol, n] of Object.entries(reference[`${record.name}.atr`]!.counts)) {
        const aami = AAMI_MAP[symbol];
        if (aami) want[aami] += n;
      }
      expect(record.counts, record.name).toEqual(want);
    }
    expect(await s.handlers['research:scanFolder']({ path: MITDB })).toBe(scan); // cached
  });

  it('splits DS1/DS2 with de Chazal\'s class totals and the 201/202 warning', async () => {
    const plan = await s.handlers['research:split']({ kind: 'ds1ds2', folder: MITDB });
    expect(plan.test).toEqual([...DS2_RECORDS]);
    expect([...plan.train, ...plan.validation].sort()).toEqual([...DS1_RECORDS].sort());
    const ds1: ClassCounts = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
    for (const c of Object.keys(ds1) as (keyof ClassCounts)[]) ds1[c] = plan.counts.train[c] + plan.counts.validation[c];
    expect(ds1).toEqual(DE_CHAZAL_COUNTS.DS1);
    expect(plan.counts.test).toEqual(DE_CHAZAL_COUNTS.DS2);
    expect(plan.warnings).toEqual([expect.stringMatching(/201 \(train\) and 202 \(test\)/)]);
  });

  it('cancels a job after its first progress, then trains one to the end and lists its model', async () => {
    const first = await s.handlers['research:train']({ ...tiny, name: 'cancelled run', epochs: 20 });
    expect(first.status).toBe('running');
    await expect(s.handlers['research:train']({ ...tiny, name: 'second' })).rejects.toThrow(/still running/);
    const started = await until(() => s.handlers['research:job']({ id: first.id }), (st) => st.batch !== null || st.status !== 'running', 60_000);
    expect(started.backend).toBe('wasm');
    const cancelled = await s.handlers['research:cancel']({ id: first.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', modelId: null });
    expect(s.progress.some((p) => p.taskId === first.id && p.fraction !== null && p.fraction > 0)).toBe(true);

    const second = await s.handlers['research:train']({ ...tiny, name: 'Tiny Run', epochs: 1 });
    const done = await until(() => s.handlers['research:job']({ id: second.id }), (st) => st.status !== 'running', 90_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.history).toHaveLength(1);
    expect(done.history[0]!.validationF1).toHaveLength(5);
    expect(done.history[0]!.trainLoss).toBeGreaterThan(0);
    expect(done.classes).toEqual(['N', 'S', 'V', 'F', 'Q']);
    expect(s.progress.filter((p) => p.taskId === second.id).length).toBeGreaterThan(1);

    const list = await s.handlers['models:list'](undefined);
    const saved = list.find((m) => m.id === done.modelId);
    expect(saved).toMatchObject({ name: 'Tiny Run', architecture: 'rhythm-attention', active: false, bundled: false });
    expect(saved!.dir).toBe(join(temp(), 'models', 'tiny-run'));
    const activated = await s.handlers['models:activate']({ id: done.modelId! });
    expect(activated.find((m) => m.active)?.id).toBe(done.modelId);
    await s.jobs.close();
  }, 170_000);
});
