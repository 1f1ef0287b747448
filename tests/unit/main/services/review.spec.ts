import { copyFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../../../../src/shared/api';
import type { EventMap } from '../../../../src/shared/ipc-contract';
import type { ReviewStatus } from '../../../../src/shared/review';
import { createServices, type Services } from '../../../../src/main/services';
import { useTempDir } from '../../../support/temp-dir';
import { fakeAnalysis, type FakeAnalysis, type FakeAnalysisOptions } from './fake-analysis';

const RESOURCES = resolve(__dirname, '../../../../resources');
const SAMPLE = (name: string) => join(RESOURCES, 'samples', `${name}.hea`);
const DURATION_100 = 650000 / 360;

const dataDir = useTempDir('ra-review-services-');
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

interface Setup {
  services: Services;
  analysis: FakeAnalysis;
  events: { event: keyof EventMap; payload: unknown }[];
}

function setup(options: Partial<FakeAnalysisOptions> = {}, cacheCapacity = 4): Setup {
  const analysis = fakeAnalysis({ durationSec: DURATION_100, ...options });
  const events: Setup['events'] = [];
  const sink: EventSink = (event, payload) => events.push({ event, payload });
  const services = createServices({ dataDir: dataDir(), resourcesDir: RESOURCES, transport: 'loopback', version: '0', analysis, events: sink, cacheCapacity, autosaveDelayMs: 20 });
  open.push(services);
  return { services, analysis, events };
}

async function until(services: Services, recordingId: string, state: ReviewStatus['state']): Promise<ReviewStatus> {
  return vi.waitFor(
    async () => {
      const status = await services.handlers['review:status']({ recordingId });
      if (status.state !== state) throw new Error(`still ${status.state}`);
      return status;
    },
    { timeout: 10_000, interval: 10 },
  );
}

async function closeAndReopen(s: Setup, options: Partial<FakeAnalysisOptions> = {}) {
  await s.services.close();
  const next = setup(options);
  const { id } = await next.services.handlers['recording:open']({ path: SAMPLE('100') });
  return { next, id, status: await next.services.handlers['review:start']({ recordingId: id }) };
}

describe('review:start', () => {
  it('returns at once with the analysis running, then reports chunks until done', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    const first = await s.services.handlers['review:start']({ recordingId: id });
    expect(first).toMatchObject({ recordingId: id, state: 'running', restored: false, beatCount: 0 });
    const done = await until(s.services, id, 'done');
    const expectedBeats = Math.floor(DURATION_100 / 0.8);
    expect(done).toMatchObject({ fraction: 1, beatCount: expectedBeats, model: { name: 'fake' }, error: null });
    expect(done.analysedSec).toBeCloseTo(DURATION_100, 6);
    expect(done.flaggedCount).toBe(Math.floor(expectedBeats / 5));
    const changed = s.events.filter((e) => e.event === 'review:changed').map((e) => e.payload as ReviewStatus);
    expect(changed.length).toBeGreaterThan(1);
    expect(changed.at(-1)?.state).toBe('done');
    expect(s.events.some((e) => e.event === 'task:progress')).toBe(true);
    const revisions = changed.map((c) => c.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  });

  it('lets the reviewer read beats as soon as the first chunk arrives', async () => {
    const s = setup({ stallAfterChunks: 1 });
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await vi.waitFor(async () => expect((await s.services.handlers['review:status']({ recordingId: id })).beatCount).toBe(200));
    const beats = await s.services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 10 });
    expect(beats.map((b) => b.timeSec)).toEqual([0.8, 1.6, 2.4, 3.2, 4, 4.8, 5.6, 6.4, 7.2, 8, 8.8, 9.6].map((t) => expect.closeTo(t, 9)));
    expect(beats[4]).toMatchObject({ label: 'V', predicted: 'V', flagged: true, templateId: 1 });
    const cancelled = await s.services.handlers['review:cancel']({ recordingId: id });
    expect(cancelled.state).toBe('cancelled');
  });

  it('reports a failed analysis with its error and keeps the beats so far', async () => {
    const s = setup({ failAfterChunks: { chunks: 2, error: new Error('model went away') } });
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    const failed = await until(s.services, id, 'failed');
    expect(failed).toMatchObject({ beatCount: 400, error: { message: 'model went away' } });
  });
});

describe('review:edit / review:undo / review:redo', () => {
  it('edits, undoes and redoes, naming the reviewer from settings in the audit trail', async () => {
    const s = setup({ snapShift: 7 });
    await writeFile(join(dataDir(), 'settings.json'), JSON.stringify({ mlBackend: 'cpu' }));
    expect(await s.services.handlers['settings:reviewer']({ name: '  Dr Ann Lee ' })).toEqual({ name: 'Dr Ann Lee' });
    expect(JSON.parse(await readFile(join(dataDir(), 'settings.json'), 'utf8'))).toEqual({ mlBackend: 'cpu', reviewer: 'Dr Ann Lee' });
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    const relabel = await s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [4], label: 'N' } });
    expect(relabel).toMatchObject({ beatIds: [4], status: { canUndo: true, undoLabel: 'relabel 1 beat V → N' } });
    const added = await s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'add', sample: 5000, label: 'S' } });
    const [addedBeat] = await s.services.handlers['review:beats']({ recordingId: id, startSec: 5007 / 360, endSec: 5008 / 360 });
    expect(addedBeat).toMatchObject({ id: added.beatIds[0], sample: 5007, added: true, label: 'S' });
    const undone = await s.services.handlers['review:undo']({ recordingId: id });
    expect(undone.status).toMatchObject({ canRedo: true, redoLabel: 'add S beat at 00:00:13.908' });
    await s.services.handlers['review:redo']({ recordingId: id });
    const audit = await s.services.handlers['review:audit']({ recordingId: id });
    expect(audit.map((a) => [a.action, a.reviewer])).toEqual([
      ['relabel', 'Dr Ann Lee'],
      ['add', 'Dr Ann Lee'],
      ['undo', 'Dr Ann Lee'],
      ['redo', 'Dr Ann Lee'],
    ]);
    expect(s.events.filter((e) => e.event === 'review:changed').at(-1)?.payload).toMatchObject({ canRedo: false });
  });

  it('answers review/not-started before review:start, and review/invalid-edit for a beat that is not there', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await expect(s.services.handlers['review:status']({ recordingId: id })).rejects.toMatchObject({ code: 'review/not-started', message: expect.stringContaining('100.hea') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    await expect(s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [999_999] } })).rejects.toMatchObject({ code: 'review/invalid-edit' });
    await expect(s.services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 4000 })).rejects.toMatchObject({ code: 'ipc/invalid-argument' });
  });
});

describe('review persistence through the services', () => {
  it('restores the same beats, edits and undo stack after the services restart', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    await s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [9, 10] } });
    await s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [4], label: 'F' } });
    const beats = await s.services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 3600 });
    const audit = await s.services.handlers['review:audit']({ recordingId: id });
    const { next, id: id2, status } = await closeAndReopen(s);
    expect(status).toMatchObject({ state: 'done', restored: true, canUndo: true, undoLabel: 'relabel 1 beat V → F' });
    expect(status.savedAt).not.toBeNull();
    expect(next.analysis.requests).toHaveLength(0);
    expect(await next.services.handlers['review:beats']({ recordingId: id2, startSec: 0, endSec: 3600 })).toEqual(beats);
    expect(await next.services.handlers['review:audit']({ recordingId: id2 })).toEqual(audit);
    await next.services.handlers['review:undo']({ recordingId: id2 });
    await next.services.handlers['review:undo']({ recordingId: id2 });
    const restoredAll = await next.services.handlers['review:beats']({ recordingId: id2, startSec: 0, endSec: 20 });
    expect(restoredAll.map((b) => b.id)).toContain(9);
    expect(restoredAll.find((b) => b.id === 4)?.label).toBe('V');
  });

  it('resumes an interrupted analysis from where it stopped, without repeating beats', async () => {
    const s = setup({ stallAfterChunks: 3 });
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await vi.waitFor(async () => expect((await s.services.handlers['review:status']({ recordingId: id })).beatCount).toBe(600));
    const { next, id: id2, status } = await closeAndReopen(s);
    expect(status).toMatchObject({ restored: true, state: 'running', beatCount: 600 });
    expect(next.analysis.requests[0]?.fromSec).toBeCloseTo(600.5 * 0.8, 6);
    const done = await until(next.services, id2, 'done');
    expect(done.beatCount).toBe(Math.floor(DURATION_100 / 0.8));
    const beats = await next.services.handlers['review:beats']({ recordingId: id2, startSec: 470, endSec: 490 });
    expect(beats.map((b) => Math.round(b.timeSec / 0.8))).toEqual(Array.from({ length: 25 }, (_, k) => 588 + k));
  });

  it('reports a corrupt review file naming it, moves it aside and analyses afresh', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    await s.services.close();
    const folder = join(dataDir(), 'reviews');
    const [file] = await readdir(folder);
    await writeFile(join(folder, file as string), '{"format":"rhythm-attention-review","version":1}');
    // Without its journal (which would restore it: tests/unit/main/review/review-store.spec.ts).
    await rm(join(folder, `${file as string}.journal`), { force: true });
    const { next, id: id2, status } = await closeAndReopen(setup());
    expect(status).toMatchObject({ restored: false, state: 'running', error: { code: 'review/corrupt-file' } });
    expect(status.error?.message).toContain(join(folder, file as string));
    expect(status.error?.message).toMatch(/moved to .*\.corrupt-/);
    expect((await readdir(folder)).some((f) => f.includes('.corrupt-'))).toBe(true);
    await until(next.services, id2, 'done');
  });

  it('does not apply a review saved for a record that has changed since', async () => {
    const folder = join(dataDir(), 'rec');
    await mkdir(folder);
    for (const ext of ['hea', 'dat']) await copyFile(join(RESOURCES, 'samples', `100.${ext}`), join(folder, `100.${ext}`));
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: join(folder, '100.hea') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    await s.services.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [1] } });
    await s.services.close();
    await utimes(join(folder, '100.dat'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const next = setup();
    const { id: id2 } = await next.services.handlers['recording:open']({ path: join(folder, '100.hea') });
    const status = await next.services.handlers['review:start']({ recordingId: id2 });
    expect(status).toMatchObject({ restored: false, canUndo: false, state: 'running' });
    expect(status.message).toMatch(/record changed/);
    expect((await readdir(join(dataDir(), 'reviews'))).some((f) => f.includes('.stale-'))).toBe(true);
  });

  it('cancels and saves the review of a record the cache closes', async () => {
    const s = setup({ stallAfterChunks: 2 }, 1);
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await vi.waitFor(async () => expect((await s.services.handlers['review:status']({ recordingId: id })).beatCount).toBe(400));
    await s.services.handlers['recording:open']({ path: SAMPLE('213') });
    await vi.waitFor(async () => {
      const [file] = await readdir(join(dataDir(), 'reviews'));
      const saved = JSON.parse(await readFile(join(dataDir(), 'reviews', file as string), 'utf8')) as { beats: { count: number } };
      expect(saved.beats.count).toBe(400);
    });
    await expect(s.services.handlers['review:status']({ recordingId: id })).rejects.toMatchObject({ code: 'recording/not-open' });
  });
});

describe('settings:reviewer', () => {
  it('defaults to the OS user name and keeps a name once set', async () => {
    const s = setup();
    const { name } = await s.services.handlers['settings:reviewer']({});
    expect(name.length).toBeGreaterThan(0);
    await s.services.handlers['settings:reviewer']({ name: 'B. Reviewer' });
    expect(await setup().services.handlers['settings:reviewer']({})).toEqual({ name: 'B. Reviewer' });
  });
});

describe('review:templates / review:attention / review:summary / review:flagged', () => {
  it('answers from the review, with templates cached per revision', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    const groups = await s.services.handlers['review:templates']({ recordingId: id });
    expect(groups.map((g) => [g.id, g.count])).toEqual([
      [0, 1805],
      [1, 451],
    ]);
    expect(await s.services.handlers['review:templates']({ recordingId: id })).toBe(groups);
    const attention = await s.services.handlers['review:attention']({ recordingId: id, beatIds: [0, 4] });
    expect(attention.map((a) => a.beatId)).toEqual([0, 4]);
    const summary = await s.services.handlers['review:summary']({ recordingId: id });
    expect(summary.counts).toEqual({ N: 1805, S: 0, V: 451, F: 0, Q: 0 });
    expect(summary.heartRate?.meanBpm).toBeCloseTo(75, 0);
    const page = await s.services.handlers['review:flagged']({ recordingId: id, sort: 'time', offset: 10, limit: 5 });
    expect(page.total).toBe(451);
    expect(page.beats.map((b) => b.id)).toEqual([54, 59, 64, 69, 74]);
    const next = await s.services.handlers['review:step']({ recordingId: id, fromSec: 4, direction: 1 });
    expect(next?.id).toBe(9);
  });
});

describe('review:attention', () => {
  it('answers with the Grad-CAM map when the method is grad-cam, with the attention when it is attention or left out', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    const ask = (method?: 'attention' | 'grad-cam') => s.services.handlers['review:attention']({ recordingId: id, beatIds: [3, 7], ...(method ? { method } : {}) });
    const [plain, attention, gradCam] = [await ask(), await ask('attention'), await ask('grad-cam')];
    expect(plain.map((a) => a.weights)).toEqual([[1], [1]]);
    expect(attention).toEqual(plain);
    expect(gradCam.map((a) => [a.beatId, a.weights])).toEqual([[3, [0.5, 1]], [7, [0.5, 1]]]);
    await expect(s.services.handlers['review:attention']({ recordingId: id, beatIds: [3, 1e6], method: 'grad-cam' })).rejects.toMatchObject({ code: 'ipc/invalid-argument' });
  });

  it('hands the tools the review\'s beats within a minute of the asked ones, where a model finds their neighbours', async () => {
    const s = setup();
    const { id } = await s.services.handlers['recording:open']({ path: SAMPLE('100') });
    await s.services.handlers['review:start']({ recordingId: id });
    await until(s.services, id, 'done');
    const asked = (await s.services.handlers['review:beats']({ recordingId: id, startSec: 600, endSec: 610 })).map((b) => b.id);
    await s.services.handlers['review:attention']({ recordingId: id, beatIds: asked });
    const shown = await s.services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 3600 });
    const first = shown.find((b) => b.id === asked[0])!.timeSec;
    const last = shown.find((b) => b.id === asked.at(-1))!.timeSec;
    const expected = shown.filter((b) => b.timeSec >= first - 60 && b.timeSec < last + 60).map((b) => b.sample);
    expect(Array.from(s.analysis.heatmapNeighbours.at(-1)!)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(140); // a beat every 0.8 s over 2 min 10 s
  });
});
