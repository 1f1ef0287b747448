import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewBeat } from '../../../../src/shared/review';
import { createServices, type Services } from '../../../../src/main/services';
import { safeFileStem } from '../../../../src/main/services/export-files';
import { parseAnnotations } from '../../../../src/main/wfdb';
import { readCsv } from '../../../support/rfc4180';
import { useTempDir } from '../../../support/temp-dir';
import { fakeAnalysis, type FakeAnalysisOptions } from './fake-analysis';

const RESOURCES = resolve(__dirname, '../../../../resources');
const SAMPLE_100 = join(RESOURCES, 'samples', '100.hea');
const DURATION_100 = 650000 / 360;

const dataDir = useTempDir('ra-export-services-');
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function reviewed(options: Partial<FakeAnalysisOptions> = {}): Promise<{ services: Services; id: string }> {
  const services = createServices({
    dataDir: dataDir(),
    resourcesDir: RESOURCES,
    transport: 'loopback',
    version: '0',
    analysis: fakeAnalysis({ durationSec: DURATION_100, ...options }),
    autosaveDelayMs: 20,
  });
  open.push(services);
  const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
  await services.handlers['review:start']({ recordingId: id });
  if (options.stallAfterChunks === undefined) {
    await vi.waitFor(async () => expect((await services.handlers['review:status']({ recordingId: id })).state).toBe('done'), { timeout: 10_000, interval: 10 });
  }
  return { services, id };
}

async function allBeats(services: Services, recordingId: string): Promise<ReviewBeat[]> {
  const beats: ReviewBeat[] = [];
  for (let t = 0; t < DURATION_100; t += 3600) beats.push(...(await services.handlers['review:beats']({ recordingId, startSec: t, endSec: t + 3600 })));
  return beats;
}

describe('export:annotations', () => {
  it('writes <record>.<annotator> to the exports folder and returns the same bytes', async () => {
    const { services, id } = await reviewed();
    const before = await allBeats(services, id);
    await services.handlers['settings:reviewer']({ name: 'Dr Export' });
    await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [(before[1] as ReviewBeat).id], label: 'S' } });
    await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [(before[2] as ReviewBeat).id] } });
    const file = await services.handlers['export:annotations']({ recordingId: id, annotator: 'rev', symbols: 'mit' });
    expect(file).toMatchObject({ fileName: '100.rev', path: join(dataDir(), 'exports', '100.rev'), mimeType: 'application/octet-stream' });
    const onDisk = await readFile(file.path);
    expect(Buffer.from(file.dataBase64, 'base64').equals(onDisk)).toBe(true);
    expect(file.sizeBytes).toBe(onDisk.byteLength);
    const beats = await allBeats(services, id);
    const set = parseAnnotations(onDisk, file.path);
    expect(set.annotations.map((a) => a.sample)).toEqual(beats.map((b) => b.sample));
    expect(set.annotations.map((a) => a.symbol)).toEqual(beats.map((b) => (b.label === 'S' ? 'A' : b.label)));
    expect(set.annotations[1]).toMatchObject({ symbol: 'A', subtype: 2 });
    expect(set.annotations).toHaveLength(before.length - 1);
  });

  it('refuses a review whose analysis is still running, saying so', async () => {
    const { services, id } = await reviewed({ stallAfterChunks: 1 });
    await expect(services.handlers['export:annotations']({ recordingId: id, annotator: 'rev', symbols: 'aami' })).rejects.toMatchObject({
      code: 'review/incomplete',
      message: expect.stringMatching(/^100: cannot make the export: its analysis is still running/),
    });
  });

  it('refuses a record whose review has not been started', async () => {
    const services = createServices({ dataDir: dataDir(), resourcesDir: RESOURCES, transport: 'loopback', version: '0', analysis: fakeAnalysis({ durationSec: DURATION_100 }) });
    open.push(services);
    const { id } = await services.handlers['recording:open']({ path: SAMPLE_100 });
    await expect(services.handlers['export:beats']({ recordingId: id, format: 'csv' })).rejects.toMatchObject({ code: 'review/not-started' });
  });
});

describe('export:beats', () => {
  it('writes <record>-beats.csv with the reviewer of an edit', async () => {
    const { services, id } = await reviewed();
    const [first] = await services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 2 });
    await services.handlers['settings:reviewer']({ name: 'Dr Export' });
    await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [(first as ReviewBeat).id], label: 'V' } });
    const file = await services.handlers['export:beats']({ recordingId: id, format: 'csv' });
    expect(file).toMatchObject({ fileName: '100-beats.csv', mimeType: 'text/csv; charset=utf-8' });
    const records = readCsv(await readFile(file.path, 'utf8'));
    const status = await services.handlers['review:status']({ recordingId: id });
    expect(records).toHaveLength(1 + status.beatCount);
    const header = records[0] as string[];
    const firstRow = records[1] as string[];
    expect(firstRow[header.indexOf('class')]).toBe('V');
    expect(firstRow[header.indexOf('edited_by')]).toBe('Dr Export');
    expect(firstRow[header.indexOf('edited_at')]).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('writes <record>-beats.json', async () => {
    const { services, id } = await reviewed();
    const file = await services.handlers['export:beats']({ recordingId: id, format: 'json' });
    const table = JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')) as { record: string; beatCount: number; model: { name: string } };
    expect(file.fileName).toBe('100-beats.json');
    expect(table).toMatchObject({ record: '100', model: { name: 'fake' }, beatCount: Math.floor(DURATION_100 / 0.8) });
  });
});

describe('safeFileStem', () => {
  it('keeps a WFDB record name and makes anything else a plain file name', () => {
    expect(safeFileStem('213')).toBe('213');
    expect(safeFileStem('s0010_re')).toBe('s0010_re');
    expect(safeFileStem('../x/y z')).toBe('_x_y_z');
    expect(safeFileStem('..')).toBe('record');
  });
});
