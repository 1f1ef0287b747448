import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../../../../src/shared/api';
import type { TaskProgress } from '../../../../src/shared/domain';
import type { ReviewStatus } from '../../../../src/shared/review';
import type { AdaptOutcome, AdaptRequest } from '../../../../src/main/adaptation/types';
import { createServices, type Services } from '../../../../src/main/services';
import { useTempDir } from '../../../support/temp-dir';
import { fakeAnalysis } from './fake-analysis';

const RESOURCES = resolve(__dirname, '../../../../resources');
const SAMPLE_100 = join(RESOURCES, 'samples', '100.hea');
const dataDir = useTempDir('ra-review-adapt-');
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Services over a fake analysis and a fake adaptation that calls every beat V once `release` is called. */
function setup() {
  const requests: AdaptRequest[] = [];
  const releases: (() => void)[] = [];
  const progress: TaskProgress[] = [];
  const sink: EventSink = (event, payload) => {
    if (event === 'task:progress') progress.push(payload as TaskProgress);
  };
  const analysis = {
    ...fakeAnalysis({ durationSec: 60 }),
    startAdaptation: (request: AdaptRequest, onProgress: (p: { fraction: number; message: string }) => void) => {
      requests.push(request);
      onProgress({ fraction: 0.3, message: 'tuning' });
      let cancel = () => undefined as void;
      const done = new Promise<AdaptOutcome>((resolveDone) => {
        const outcome = (state: 'done' | 'cancelled'): AdaptOutcome => ({
          state, ids: request.ids, classes: 5, reviewedCounts: [1, 0, 0, 0, 0], replayBeats: 256, epochs: 10, seconds: 1,
          probabilities: Float32Array.from({ length: request.ids.length * 5 }, (_, i) => (i % 5 === 2 ? 0.9 : 0.025)),
        });
        releases.push(() => resolveDone(outcome('done')));
        cancel = () => resolveDone(outcome('cancelled'));
      });
      return { done, cancel: () => cancel() };
    },
  };
  const services = createServices({ dataDir: dataDir(), resourcesDir: RESOURCES, transport: 'loopback', version: '0', analysis, events: sink, autosaveDelayMs: 20 });
  open.push(services);
  return { services, requests, releases, progress };
}

async function analysed(services: Services): Promise<string> {
  const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
  await services.handlers['review:start']({ recordingId: id });
  await vi.waitFor(async () => expect((await services.handlers['review:status']({ recordingId: id })).state).toBe('done'), { timeout: 10_000 });
  return id;
}

async function adaptation(services: Services, id: string, state: string): Promise<ReviewStatus> {
  return vi.waitFor(async () => {
    const status = await services.handlers['review:status']({ recordingId: id });
    expect(status.adaptation?.state).toBe(state);
    return status;
  }, { timeout: 5000 });
}

describe('review:adapt', () => {
  it('refuses while no beat is reviewed, then adapts with the record and model filled in and reports progress', async () => {
    const { services, requests, releases, progress } = setup();
    const id = await analysed(services);
    await expect(services.handlers['review:adapt']({ recordingId: id })).rejects.toThrow(/No beat has been reviewed/);
    const [first] = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 5 });
    await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [first!.id], label: 'N' } });
    expect((await services.handlers['review:status']({ recordingId: id })).reviewedCount).toBe(1);
    const running = await services.handlers['review:adapt']({ recordingId: id, epochs: 4 });
    expect(running.adaptation).toMatchObject({ state: 'running', reviewedBeats: 1 });
    expect(requests[0]).toMatchObject({ headerPath: SAMPLE_100, recordName: '100', settings: { epochs: 4 } });
    expect(requests[0]!.outDir).toContain(join(dataDir(), 'reviews'));
    expect(progress.some((p) => p.taskId === `adapt:${id}` && p.fraction === 0.3)).toBe(true);
    releases[0]!();
    const done = await adaptation(services, id, 'done');
    expect(done.undoLabel).toMatch(/^adapt to patient/);
    const beats = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 60 });
    expect(beats.filter((b) => !b.reviewed).every((b) => b.label === 'V')).toBe(true);
    expect(beats.find((b) => b.id === first!.id)?.label).toBe('N');
    await services.handlers['review:undo']({ recordingId: id });
    const undone = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 60 });
    expect(undone.some((b) => !b.reviewed && b.label !== 'V')).toBe(true);
  });

  it('review:adaptCancel stops it and leaves the beats as they were', async () => {
    const { services } = setup();
    const id = await analysed(services);
    const [first] = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 5 });
    await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [first!.id], label: 'V' } });
    const before = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 60 });
    await services.handlers['review:adapt']({ recordingId: id });
    const status = await services.handlers['review:adaptCancel']({ recordingId: id });
    expect(status.adaptation?.state).toBe('cancelled');
    expect(await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 60 })).toEqual(before);
  });
});
