import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command';
import { exportRequest } from '../../../src/cli/commands/export';
import { runCliCaptured } from '../../support/run-cli';

describe('exportRequest', () => {
  it('reads one export from the options', () => {
    expect(exportRequest({ annotations: 'rev' })).toEqual({ kind: 'annotations', annotator: 'rev', symbols: 'mit' });
    expect(exportRequest({ annotations: 'rev_2', symbols: 'aami' })).toEqual({ kind: 'annotations', annotator: 'rev_2', symbols: 'aami' });
    expect(exportRequest({ csv: true })).toEqual({ kind: 'beats', format: 'csv' });
    expect(exportRequest({ json: true })).toEqual({ kind: 'beats', format: 'json' });
  });

  it('refuses none, several, a bad annotator name or a bad symbol set', () => {
    for (const values of [{}, { csv: true, json: true }, { annotations: 'a', csv: true }, { annotations: '../x' }, { annotations: 'a', symbols: 'ansi' }, { csv: true, symbols: 'aami' }]) {
      expect(() => exportRequest(values), JSON.stringify(values)).toThrow(UsageError);
    }
  });
});

describe('export command', () => {
  it('exits 2 with the usage on a wrong command line', async () => {
    const run = await runCliCaptured(['export', 'resources/samples/100']);
    expect(run.status).toBe(2);
    expect(run.err).toContain('Choose one of --annotations NAME, --csv or --json.');
    expect(run.err).toContain('Usage: rhythm-attention export');
  });

  it('exits 1 naming the header when the record does not exist', async () => {
    const run = await runCliCaptured(['export', 'no/such/record', '--csv', '--data-dir', 'no/such/data']);
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/\[file\/not-found\] .*no\/such\/record\.hea/);
  });
});
