import { describe, expect, it } from 'vitest';
import { centreOnMedian, labelStats, meanAndNearest, spreadIndices, templateGroups, type TemplateBeat } from '../../../../src/main/analysis/templates';
import { fakeRecord, syntheticEcg } from './fake-record';

describe('spreadIndices', () => {
  it('takes k indices spread over the whole range, or all of them when there are few', () => {
    expect(spreadIndices(3, 5)).toEqual([0, 1, 2]);
    const picked = spreadIndices(1000, 20);
    expect(picked).toHaveLength(20);
    expect(picked[0]).toBeLessThan(50);
    expect(picked[19]).toBeGreaterThan(950);
    expect(new Set(picked).size).toBe(20);
  });
});

describe('labelStats', () => {
  it('counts labels and names the most common one', () => {
    const { label, counts } = labelStats([{ label: 'V' }, { label: 'N' }, { label: 'V' }]);
    expect(label).toBe('V');
    expect(counts).toEqual({ N: 1, S: 0, V: 2, F: 0, Q: 0 });
  });
});

describe('centreOnMedian', () => {
  it('subtracts the median and writes 0 for invalid samples', () => {
    expect(centreOnMedian(Float64Array.of(1, 2, 3, Number.NaN, 10))).toEqual([-2, -1, 0, 0, 7]);
  });
});

describe('meanAndNearest', () => {
  it('averages the waveforms and picks the one nearest the mean', () => {
    const { mean, nearest } = meanAndNearest([[0, 0], [2, 2], [0.9, 1.1], [1, 5]]);
    expect(mean).toEqual([0.975, 2.025]);
    expect(nearest).toBe(2);
  });
});

describe('templateGroups', () => {
  const fs = 360;
  const peaks = Array.from({ length: 40 }, (_, i) => 200 + i * 300);
  const values = syntheticEcg(fs, 35, peaks);
  const record = fakeRecord(fs, [{ description: 'MLII', units: 'mV', values }]);
  const beats: TemplateBeat[] = peaks.map((sample, i) => ({ id: 100 + i, sample, label: i % 4 === 0 ? 'V' : 'N', templateId: i % 4 === 0 ? 1 : 0 }));

  it('gives each group its counts, label and waveforms in the lead units from R − 0.25 s', async () => {
    const groups = await templateGroups(record, beats);
    expect(groups.map((g) => g.id)).toEqual([0, 1]);
    const [n, v] = groups as [(typeof groups)[0], (typeof groups)[0]];
    expect(n).toMatchObject({ label: 'N', count: 30, labelCounts: { N: 30, S: 0, V: 0, F: 0, Q: 0 }, signalName: 'MLII', units: 'mV', frameRateHz: 360, offsetSec: 0.25 });
    expect(v.count).toBe(10);
    expect(n.mean).toHaveLength(90 + 162);
    expect(n.members).toHaveLength(20);
    expect(v.members).toHaveLength(10);
    // The R peak (1 mV above a median near 0) sits at index 90 of every waveform.
    const peakAt = n.mean.indexOf(Math.max(...n.mean));
    expect(peakAt).toBe(90);
    expect(n.mean[90]).toBeGreaterThan(0.9);
    const rep = beats.find((b) => b.id === n.representativeBeatId)!;
    expect(rep.templateId).toBe(0);
    expect(n.representativeSec).toBeCloseTo(rep.sample / fs, 10);
  });

  it('spreads the members over the recording', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ id: i, sample: 200 + i * 120, label: 'N' as const, templateId: 5 }));
    const [group] = await templateGroups(fakeRecord(fs, [{ description: 'MLII', values: syntheticEcg(fs, 40, []) }]), many);
    expect(group!.members).toHaveLength(20);
    expect(group!.count).toBe(100);
  });

  it('pads beats at the record edge with 0 after centring', async () => {
    const [group] = await templateGroups(record, [{ id: 1, sample: 10, label: 'N', templateId: 0 }]);
    expect(group!.members[0]!.slice(0, 80).every((v) => v === 0)).toBe(true);
  });
});
