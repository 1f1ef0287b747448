/**
 * The review through the services with the real analysis (src/main/analysis, the default
 * model, the wasm backend) on the shipped sample record 100: start, wait for the analysis,
 * edit, undo, redo, close, then new services on the same data folder restore the same
 * beats, edits and undo stack without analysing again.
 */
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../../../src/shared/api';
import type { ReviewBeat, ReviewStatus } from '../../../src/shared/review';
import { disposeAnalysisWorkers } from '../../../src/main/analysis';
import { createServices, type Services } from '../../../src/main/services';
import { readAnnotationFile } from '../../../src/main/wfdb';
import { useTempDir } from '../../support/temp-dir';

const RESOURCES = resolve(__dirname, '../../../resources');
const SAMPLE_100 = join(RESOURCES, 'samples', '100.hea');
const DURATION = 650000 / 360;

const dataDir = useTempDir('ra-review-analysis-', 'suite');
afterAll(() => disposeAnalysisWorkers());

function start(events: ReviewStatus[] = []): Services {
  const sink: EventSink = (event, payload) => {
    if (event === 'review:changed') events.push(payload as ReviewStatus);
  };
  return createServices({ dataDir: dataDir(), resourcesDir: RESOURCES, transport: 'loopback', version: '0', mlBackend: 'wasm', events: sink });
}

async function allBeats(services: Services, recordingId: string): Promise<ReviewBeat[]> {
  const beats: ReviewBeat[] = [];
  for (let t = 0; t < DURATION; t += 3600) beats.push(...(await services.handlers['review:beats']({ recordingId, startSec: t, endSec: t + 3600 })));
  return beats;
}

describe('review services with the real analysis', () => {
  it('analyses record 100, keeps edits through a restart, and restores the undo stack', async () => {
    const events: ReviewStatus[] = [];
    const first = start(events);
    const { id } = await first.handlers['recording:open']({ path: SAMPLE_100 });
    const began = performance.now();
    const running = await first.handlers['review:start']({ recordingId: id });
    expect(performance.now() - began).toBeLessThan(2000);
    expect(running).toMatchObject({ state: 'running', restored: false });
    const done = await vi.waitFor(
      async () => {
        const status = await first.handlers['review:status']({ recordingId: id });
        if (status.state === 'running') throw new Error(`analysis at ${status.fraction}`);
        return status;
      },
      { timeout: 600_000, interval: 200 },
    );
    expect(done).toMatchObject({ state: 'done', fraction: 1, error: null, model: { name: 'rhythm-attention-default' } });
    expect(events.filter((e) => e.state === 'running').length).toBeGreaterThan(0);

    // Independent facts: record 100 holds 2,273 reference beats (2,239 N, 33 A, 1 V).
    const reference = (await readAnnotationFile(join(RESOURCES, 'samples', '100.atr'))).annotations.filter((a) => ['N', 'A', 'V'].includes(a.symbol));
    expect(reference).toHaveLength(2273);
    expect(Math.abs(done.beatCount - reference.length)).toBeLessThan(20);
    const summary = await first.handlers['review:summary']({ recordingId: id });
    expect(summary.total).toBe(done.beatCount);
    expect(summary.counts.N / summary.total).toBeGreaterThan(0.9);

    const beats = await allBeats(first, id);
    expect(beats).toHaveLength(done.beatCount);
    const target = beats[100] as ReviewBeat;
    const relabel = target.label === 'V' ? 'N' : 'V';
    await first.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [target.id], label: relabel } });
    await first.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [(beats[200] as ReviewBeat).id] } });
    const gapStart = (beats[300] as ReviewBeat).sample;
    const gapEnd = (beats[301] as ReviewBeat).sample;
    const added = await first.handlers['review:edit']({ recordingId: id, edit: { kind: 'add', sample: Math.round((gapStart + gapEnd) / 2), label: 'S' } });
    await first.handlers['review:undo']({ recordingId: id });
    const redone = await first.handlers['review:redo']({ recordingId: id });
    expect(redone.beatIds).toEqual(added.beatIds);
    await first.handlers['review:undo']({ recordingId: id });
    const edited = await allBeats(first, id);
    const audit = await first.handlers['review:audit']({ recordingId: id });
    const before = await first.handlers['review:status']({ recordingId: id });
    expect(before).toMatchObject({ canUndo: true, canRedo: true });
    await first.close();

    const second = start();
    const { id: id2 } = await second.handlers['recording:open']({ path: SAMPLE_100 });
    const restored = await second.handlers['review:start']({ recordingId: id2 });
    expect(restored).toMatchObject({ state: 'done', restored: true, beatCount: before.beatCount, undoLabel: before.undoLabel, redoLabel: before.redoLabel });
    expect(await allBeats(second, id2)).toEqual(edited);
    expect(await second.handlers['review:audit']({ recordingId: id2 })).toEqual(audit);
    expect((edited.find((b) => b.id === target.id) as ReviewBeat).label).toBe(relabel);
    await second.handlers['review:redo']({ recordingId: id2 });
    expect((await second.handlers['review:beats']({ recordingId: id2, startSec: gapStart / 360, endSec: gapEnd / 360 })).some((b) => b.added)).toBe(true);
    await second.handlers['review:undo']({ recordingId: id2 });
    await second.handlers['review:undo']({ recordingId: id2 });
    await second.handlers['review:undo']({ recordingId: id2 });
    expect(await allBeats(second, id2)).toEqual(beats);
    await second.close();
  });
});
