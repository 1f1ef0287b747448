import { describe, expect, it } from 'vitest';
import type { WfdbRecord } from '../../../../src/main/wfdb';
import { withReadHook } from '../../../../src/main/analysis/uncertainty-pass';
import { fakeRecord } from './fake-record';

describe('withReadHook', () => {
  it('calls the hook before each read and reads what the record reads', async () => {
    const values = Float64Array.from({ length: 720 }, (_, i) => i / 100);
    const record = { ...fakeRecord(360, [{ description: 'MLII', values }]), name: 'r', headerPath: '/r.hea', header: {} as WfdbRecord['header'], readDigital: async () => [], close: async () => undefined } as unknown as WfdbRecord;
    const order: string[] = [];
    const hooked = withReadHook(record, () => order.push('hook'));
    const [first] = await hooked.readPhysical(10, 20, [0]);
    order.push('read');
    await hooked.readDigital(0, 1);
    expect(order).toEqual(['hook', 'read', 'hook']);
    expect(Array.from(first ?? [])).toEqual(Array.from(values.subarray(10, 20)));
    expect([hooked.frameRateHz, hooked.frameCount, hooked.signals]).toEqual([record.frameRateHz, record.frameCount, record.signals]);
  });
});
