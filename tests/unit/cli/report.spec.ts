import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command';
import { applyFieldOptions } from '../../../src/cli/commands/report';
import { runCliCaptured } from '../../support/run-cli';

const empty = { patientName: '', patientId: '', age: '61', sex: 'Male', medications: '', indication: '', recordedAt: '', comments: '' };

describe('applyFieldOptions', () => {
  it('sets the fields named, keeping an = in the value and the others as drafted', () => {
    expect(applyFieldOptions(empty, ['patientName=Ada Lovelace', 'comments=QT=440 ms'])).toEqual({ ...empty, patientName: 'Ada Lovelace', comments: 'QT=440 ms' });
  });

  it('refuses an unknown key or a missing =', () => {
    expect(() => applyFieldOptions(empty, ['weight=70'])).toThrow(UsageError);
    expect(() => applyFieldOptions(empty, ['patientName'])).toThrow(UsageError);
  });
});

describe('report command', () => {
  it('exits 2 with the usage without a record', async () => {
    const run = await runCliCaptured(['report']);
    expect(run.status).toBe(2);
    expect(run.err).toContain('Usage: rhythm-attention report');
  });
});
