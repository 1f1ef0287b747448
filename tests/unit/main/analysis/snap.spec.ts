import { describe, expect, it } from 'vitest';
import { snapIndex, snapToPeakFrame } from '../../../../src/main/analysis/snap';
import { fakeRecord, syntheticEcg } from './fake-record';

describe('snapIndex', () => {
  const fs = 360;
  const x = syntheticEcg(fs, 10, [1000, 1300]);

  it('moves a point within 100 ms of an R peak onto it', () => {
    expect(Math.abs(snapIndex(x, fs, 1000 + 30, 36) - 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(snapIndex(x, fs, 1300 - 34, 36) - 1300)).toBeLessThanOrEqual(1);
  });

  it('stays within the half window when the peak is further away', () => {
    const at = snapIndex(x, fs, 1150, 36);
    expect(Math.abs(at - 1150)).toBeLessThanOrEqual(36);
  });

  it('bridges invalid samples instead of failing on them', () => {
    const y = Float64Array.from(x);
    y.fill(Number.NaN, 900, 950);
    expect(Math.abs(snapIndex(y, fs, 1020, 36) - 1000)).toBeLessThanOrEqual(1);
  });
});

describe('snapToPeakFrame', () => {
  it('snaps on the MLII lead of the record in frames, clamped to the record', async () => {
    const fs = 360;
    const record = fakeRecord(fs, [
      { description: 'V1', values: new Float64Array(3600) },
      { description: 'MLII', values: syntheticEcg(fs, 10, [720, 3000]) },
    ]);
    expect(Math.abs((await snapToPeakFrame(record, 700)) - 720)).toBeLessThanOrEqual(1);
    expect(Math.abs((await snapToPeakFrame(record, 3030)) - 3000)).toBeLessThanOrEqual(1);
    const last = await snapToPeakFrame(record, 99_999);
    expect(last).toBeGreaterThanOrEqual(3600 - 37);
    expect(last).toBeLessThan(3600);
  });

  it('gives frame numbers for a lead with 2 samples per frame', async () => {
    const record = fakeRecord(180, [{ description: 'MLII', values: syntheticEcg(360, 10, [1000]), samplesPerFrame: 2 }]);
    expect(Math.abs((await snapToPeakFrame(record, 490)) - 500)).toBeLessThanOrEqual(1);
  });
});
