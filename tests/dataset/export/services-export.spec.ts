/**
 * The exports of a real review through the services (src/main/analysis with the default
 * model on the wasm backend) on the shipped sample 213: after a relabel and a delete, the
 * WFDB annotation file read back with the project's reader holds exactly the beats
 * review:beats returns, with the relabelled beat's new symbol; the CSV table agrees; then
 * the `export` command on the same data folder restores that review (no new analysis) and
 * writes the same file.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReviewBeat } from '../../../src/shared/review';
import { disposeAnalysisWorkers } from '../../../src/main/analysis';
import { createServices } from '../../../src/main/services';
import { readAnnotationFile } from '../../../src/main/wfdb';
import { readCsv } from '../../support/rfc4180';
import { runCliCaptured } from '../../support/run-cli';
import { useTempDir } from '../../support/temp-dir';

const RESOURCES = resolve(__dirname, '../../../resources');
const SAMPLE_213 = join(RESOURCES, 'samples', '213.hea');

const dataDir = useTempDir('ra-export-213-', 'suite');
afterAll(() => disposeAnalysisWorkers());

describe('exports of a reviewed record 213', () => {
  it('writes the reviewed beats, which read back as review:beats gives them', { timeout: 900_000 }, async () => {
    const services = createServices({ dataDir: dataDir(), resourcesDir: RESOURCES, transport: 'loopback', version: '0', mlBackend: 'wasm' });
    let exported: Buffer;
    try {
      const { id } = await services.handlers['recording:open']({ path: SAMPLE_213 });
      await services.handlers['review:start']({ recordingId: id });
      await vi.waitFor(
        async () => {
          const status = await services.handlers['review:status']({ recordingId: id });
          if (status.state === 'running') throw new Error(`analysis at ${status.fraction}`);
          expect(status.state).toBe('done');
        },
        { timeout: 800_000, interval: 500 },
      );
      // 213 lasts 30 minutes: one call of at most an hour covers it.
      const all = async () => services.handlers['review:beats']({ recordingId: id, startSec: 0, endSec: 3600 });
      const analysed = await all();
      // Independent fact: 213 holds 3,251 reference beats.
      const reference = (await readAnnotationFile(join(RESOURCES, 'samples', '213.atr'))).annotations.filter((a) => a.symbol !== '+' && a.symbol !== '~');
      expect(Math.abs(analysed.length - reference.length)).toBeLessThan(60);

      await services.handlers['settings:reviewer']({ name: 'Dr Dataset' });
      const target = analysed.find((b) => b.label === 'N') as ReviewBeat;
      await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'relabel', beatIds: [target.id], label: 'V' } });
      const gone = analysed[10] as ReviewBeat;
      await services.handlers['review:edit']({ recordingId: id, edit: { kind: 'delete', beatIds: [gone.id] } });
      const beats = await all();
      expect(beats).toHaveLength(analysed.length - 1);

      const file = await services.handlers['export:annotations']({ recordingId: id, annotator: 'rev', symbols: 'mit' });
      exported = await readFile(file.path);
      const set = await readAnnotationFile(file.path);
      expect(set.annotations).toHaveLength(beats.length);
      expect(set.annotations.map((a) => a.sample)).toEqual(beats.map((b) => b.sample));
      const mit = { N: 'N', S: 'A', V: 'V', F: 'F', Q: 'Q' } as const;
      expect(set.annotations.map((a) => a.symbol)).toEqual(beats.map((b) => mit[b.label]));
      const relabelled = set.annotations.find((a) => a.sample === target.sample);
      expect(relabelled).toMatchObject({ symbol: 'V', subtype: 2 });
      expect(set.annotations.some((a) => a.sample === gone.sample)).toBe(false);

      const table = await services.handlers['export:beats']({ recordingId: id, format: 'csv' });
      const records = readCsv(await readFile(table.path, 'utf8'));
      const head = records[0] as string[];
      expect(records.slice(1).map((r) => Number(r[head.indexOf('sample')]))).toEqual(beats.map((b) => b.sample));
      const row = records.find((r) => Number(r[head.indexOf('sample')]) === target.sample) as string[];
      expect([row[head.indexOf('class')], row[head.indexOf('model_class')], row[head.indexOf('edited_by')]]).toEqual(['V', 'N', 'Dr Dataset']);
    } finally {
      await services.close();
    }

    // The CLI on the same data folder restores the saved review and writes the same file.
    const out = join(dataDir(), 'cli', '213.rev');
    const run = await runCliCaptured(['export', SAMPLE_213, '--annotations', 'rev', '--out', out, '--data-dir', dataDir()]);
    expect(run.err).toBe('');
    expect(run.status).toBe(0);
    expect((await readFile(out)).equals(exported)).toBe(true);
  });
});
