import { describe, expect, it } from 'vitest';
import { computeSummary, heartRate, labelIndex, MAX_TACHOGRAM_POINTS, tachogram, type BeatSequence } from '../../../../src/main/review';
import { actorAt, docOf, FS } from './build';

function seqAt(timesSec: number[]): BeatSequence {
  return {
    samples: Int32Array.from(timesSec, (t) => Math.round(t * FS)),
    labels: new Int8Array(timesSec.length).fill(labelIndex('N')),
    ids: Int32Array.from(timesSec, (_, i) => i),
    frameRateHz: FS,
  };
}

describe('heartRate', () => {
  it('gives 60 / mean RR per minute: 60 bpm for a beat every second, ~120 for one every half second', () => {
    const times = [...Array.from({ length: 60 }, (_, i) => i), ...Array.from({ length: 120 }, (_, i) => 60 + i * 0.5)];
    const { heartRate: hr, trend } = heartRate(seqAt(times), 120);
    // Minute 1 holds the 1-s RR that ends at 60 s and 119 RRs of 0.5 s.
    const second = (60 * 120) / (1 + 119 * 0.5);
    expect(trend.stepSec).toBe(60);
    expect(trend.bpm[0]).toBe(60);
    expect(trend.bpm[1]).toBeCloseTo(second, 1);
    expect(hr).toMatchObject({ minBpm: 60, minAtSec: 0, maxAtSec: 60 });
    expect(hr?.maxBpm).toBeCloseTo(second, 1);
    expect(hr?.meanBpm).toBeCloseTo((60 + second) / 2, 1);
  });

  it('leaves a bin out when its RR intervals cover less than half of it', () => {
    const times = [...Array.from({ length: 61 }, (_, i) => i), 70, 80];
    const { heartRate: hr, trend } = heartRate(seqAt(times), 120);
    expect(trend.bpm).toEqual([60, null]);
    expect(hr?.maxBpm).toBe(60);
  });

  it('leaves out RR intervals over 10 s and bins with fewer than 10 intervals', () => {
    const gap = [...Array.from({ length: 30 }, (_, i) => i), 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55];
    expect(heartRate(seqAt(gap), 60).trend.bpm).toEqual([60]);
    const slow = Array.from({ length: 10 }, (_, i) => i * 5.9);
    expect(heartRate(seqAt(slow), 60).trend.bpm).toEqual([null]);
  });

  it('has no heart rate without beats', () => {
    expect(heartRate(seqAt([]), 60).heartRate).toBeNull();
  });
});

describe('tachogram', () => {
  it('gives the RR before each beat in ms', () => {
    expect(tachogram(seqAt([0, 1, 1.5, 3.5]))).toEqual({ timeSec: [1, 1.5, 3.5], rrMs: [1000, 500, 2000] });
  });

  it('decimates a long record to at most 20,000 points and keeps its longest and shortest RR', () => {
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < 100_000; i++) times.push((t += i === 54_321 ? 3.2 : i === 77_777 ? 0.3 : 0.8));
    const { timeSec, rrMs } = tachogram(seqAt(times));
    expect(rrMs.length).toBeLessThanOrEqual(MAX_TACHOGRAM_POINTS);
    expect(Math.max(...rrMs)).toBeCloseTo(3200, 0);
    expect(Math.min(...rrMs)).toBeCloseTo(300, 0);
    expect(timeSec).toEqual([...timeSec].sort((a, b) => a - b));
  });
});

describe('computeSummary', () => {
  it('counts beats and burden per class in force, after edits', () => {
    const doc = docOf('NNNVVSNNNQ');
    doc.edit({ kind: 'relabel', beatIds: [9], label: 'F' }, actorAt());
    doc.edit({ kind: 'delete', beatIds: [0] }, actorAt());
    const summary = computeSummary(doc.store, { recordingId: 'r', revision: doc.revision, analysedSec: 11, frameRateHz: FS });
    expect(summary.total).toBe(9);
    expect(summary.counts).toEqual({ N: 5, S: 1, V: 2, F: 1, Q: 0 });
    expect(summary.burdenPercent.V).toBeCloseTo(22.22, 2);
    expect(summary.events.map((e) => e.kind)).toEqual(['couplet']);
    expect(summary.longestRr).toEqual({ startSec: 2, durationSec: 1 });
  });

  it('is cached per revision and recomputed after an edit', () => {
    const doc = docOf('NNV');
    const first = doc.summary('r');
    expect(doc.summary('r')).toBe(first);
    doc.edit({ kind: 'relabel', beatIds: [2], label: 'N' }, actorAt());
    expect(doc.summary('r').counts.V).toBe(0);
  });
});
