import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../src/main/services';
import { readAnnotationFile } from '../../../../src/main/wfdb';

const RESOURCES = resolve(__dirname, '../../../../resources');
const SAMPLE_100 = join(RESOURCES, 'samples', '100.hea');

let dir: string;
let services: Services;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ra-services-'));
  services = createServices({ dataDir: dir, resourcesDir: RESOURCES, transport: 'loopback', version: '1.2.3', cacheCapacity: 2 });
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

describe('createServices', () => {
  it('lists the shipped samples with a description each', async () => {
    const samples = await services.handlers['library:samples'](undefined);
    expect(samples.map((s) => s.name)).toEqual(['100', '213', '232']);
    for (const sample of samples) {
      expect(sample.path).toBe(join(RESOURCES, 'samples', `${sample.name}.hea`));
      expect(sample.description.length).toBeGreaterThan(20);
    }
  });

  it('describes record 100 and its atr annotator, and puts it on the recent list', async () => {
    const info = await services.handlers['recording:open']({ path: join(RESOURCES, 'samples', '100') });
    const atr = await readAnnotationFile(join(RESOURCES, 'samples', '100.atr'));
    expect(info).toMatchObject({ recordName: '100', path: SAMPLE_100, frameRateHz: 360, frameCount: 650000, segmentCount: null });
    expect(info.durationSec).toBeCloseTo(650000 / 360, 9);
    expect(info.signals.map((s) => s.name)).toEqual(['MLII', 'V5']);
    expect(info.comments).toContain(' 69 M 1085 1629 x1');
    expect(info.annotators).toEqual([{ name: 'atr', count: atr.annotations.length }]);
    const recent = await services.handlers['library:recent'](undefined);
    expect(recent.map((r) => [r.path, r.recordName])).toEqual([[SAMPLE_100, '100']]);
  });

  it('returns the annotations of a time range as the annotation file holds them', async () => {
    const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
    const marks = await services.handlers['recording:annotations']({ recordingId: id, annotator: 'atr', startSec: 60, endSec: 120 });
    const expected = (await readAnnotationFile(join(RESOURCES, 'samples', '100.atr'))).annotations.filter((a) => a.sample >= 21600 && a.sample < 43200);
    expect(marks.map((m) => [m.sample, m.symbol])).toEqual(expected.map((a) => [a.sample, a.symbol]));
    expect(marks.length).toBeGreaterThan(60);
  });

  it('answers file/not-found for an annotator the record lacks', async () => {
    const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
    await expect(services.handlers['recording:annotations']({ recordingId: id, annotator: 'qrs', startSec: 0, endSec: 1 })).rejects.toMatchObject({ code: 'file/not-found' });
  });

  it('reuses the open record for the same header and closes the least recently used beyond capacity', async () => {
    const first = await services.handlers['recording:open']({ path: SAMPLE_100 });
    expect((await services.handlers['recording:open']({ path: SAMPLE_100 })).id).toBe(first.id);
    await services.handlers['recording:open']({ path: join(RESOURCES, 'samples', '213.hea') });
    await services.handlers['recording:open']({ path: join(RESOURCES, 'samples', '232.hea') });
    await expect(services.handlers['recording:window']({ recordingId: first.id, startSec: 0, durationSec: 1 })).rejects.toMatchObject({ code: 'recording/not-open' });
  });

  it('computes an overview once per signal and bin count', async () => {
    const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
    const a = await services.handlers['recording:overview']({ recordingId: id, signalIndex: 1, bins: 200 });
    const b = await services.handlers['recording:overview']({ recordingId: id, signalIndex: 1, bins: 200 });
    expect(b).toBe(a);
    expect(a.min).toHaveLength(200);
    expect(a.binDurationSec).toBeCloseTo(650000 / 200 / 360, 9);
  });

  it('answers file/not-found naming the header when it does not exist', async () => {
    await expect(services.handlers['recording:open']({ path: join(dir, 'none.hea') })).rejects.toMatchObject({ code: 'file/not-found', message: expect.stringContaining('none.hea') });
  });

  it('lists only files that parse as annotations as annotators', async () => {
    const folder = join(dir, 'rec');
    await mkdir(folder);
    for (const ext of ['hea', 'dat', 'atr']) await copyFile(join(RESOURCES, 'samples', `100.${ext}`), join(folder, `100.${ext}`));
    await copyFile(join(RESOURCES, 'samples', '100.atr'), join(folder, '100.ann2'));
    await writeFile(join(folder, '100.notes'), 'free text, not an annotation file\n'.repeat(3));
    const info = await services.handlers['recording:open']({ path: join(folder, '100.hea') });
    expect(info.annotators.map((a) => a.name)).toEqual(['ann2', 'atr']);
  });

  it('reports the native dialog as unavailable without one', async () => {
    await expect(services.handlers['dialog:openRecording'](undefined)).rejects.toMatchObject({ code: 'ipc/not-available' });
    expect(await services.handlers['app:info'](undefined)).toEqual({ name: 'RhythmAttention', version: '1.2.3', transport: 'loopback', hasNativeDialog: false });
  });
});
