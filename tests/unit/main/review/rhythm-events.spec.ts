import { describe, expect, it } from 'vitest';
import { findRhythmEvents, labelIndex, type BeatSequence } from '../../../../src/main/review';
import type { BeatLabel } from '../../../../src/shared/review';
import { FS } from './build';

/** Beats every second (or at the given times) with labels from a string such as "NNVNV". */
function seq(labels: string, timesSec?: number[]): BeatSequence {
  const list = [...labels] as BeatLabel[];
  return {
    samples: Int32Array.from(list, (_, i) => Math.round((timesSec?.[i] ?? i) * FS)),
    labels: Int8Array.from(list, (l) => labelIndex(l)),
    ids: Int32Array.from(list, (_, i) => 100 + i),
    frameRateHz: FS,
  };
}

const brief = (s: BeatSequence) => findRhythmEvents(s).map((e) => [e.kind, e.ectopic, e.firstBeatId - 100, e.beatCount]);

describe('findRhythmEvents', () => {
  it('finds nothing in a normal rhythm', () => {
    expect(brief(seq('NNNNNNNNNN'))).toEqual([]);
  });

  it('calls 2 consecutive ectopic beats a couplet and 3 or more a run, per class', () => {
    expect(brief(seq('NVVNNNSSSSNVVVN'))).toEqual([
      ['couplet', 'V', 1, 2],
      ['run', 'S', 6, 4],
      ['run', 'V', 11, 3],
    ]);
  });

  it('does not join V and S beats into one run', () => {
    expect(brief(seq('NVSVN'))).toEqual([]);
  });

  it('finds bigeminy after 3 N-V cycles, starting at the first cycle’s N', () => {
    expect(brief(seq('NNVNVNVNN'))).toEqual([['bigeminy', 'V', 1, 6]]);
    expect(brief(seq('NNVNVNN'))).toEqual([]);
  });

  it('finds trigeminy after 3 N-N-V cycles and supraventricular bigeminy with S beats', () => {
    expect(brief(seq('NNVNNVNNVN'))).toEqual([['trigeminy', 'V', 0, 9]]);
    expect(brief(seq('NSNSNSNSN'))).toEqual([['bigeminy', 'S', 0, 8]]);
  });

  it('lets an F or Q beat break a pattern', () => {
    expect(brief(seq('NVNVFVNV'))).toEqual([]);
  });

  it('reports an RR of 2 s or more as a pause between its two beats, and 1.99 s as none', () => {
    const events = findRhythmEvents(seq('NNNN', [0, 1, 3.5, 5.49]));
    expect(events).toEqual([{ kind: 'pause', ectopic: null, startSec: 1, endSec: 3.5, beatCount: 2, firstBeatId: 101 }]);
  });

  it('lists a stretch of irregularly irregular intervals as one irregular-rhythm event, and none in a steady rhythm', () => {
    // 100 beats a second apart, then 100 at intervals drawn from 0.5–1.1 s (a fixed LCG: the
    // irregularity of atrial fibrillation, constructed); all labelled N.
    const times = [0];
    let x = 12345;
    for (let i = 1; i < 200; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      times.push(times[i - 1]! + (i < 100 ? 1 : 0.5 + 0.6 * (x / 2 ** 31)));
    }
    const events = findRhythmEvents(seq('N'.repeat(200), times));
    expect(events.map((e) => e.kind)).toEqual(['irregular']);
    const [irregular] = events;
    // The measure's 16 intervals and the flags' ±30-beat median move the onset by about a
    // dozen beats at most (here it comes 11 beats late); it runs to the end.
    expect(irregular!.firstBeatId - 100).toBeGreaterThanOrEqual(88);
    expect(irregular!.firstBeatId - 100).toBeLessThanOrEqual(112);
    expect(irregular!.endSec).toBeCloseTo(times[199]!, 2); // to the sample
    expect(irregular!.ectopic).toBeNull();
    expect(findRhythmEvents(seq('N'.repeat(200))).length).toBe(0);
  });

  it('orders events by time', () => {
    const events = findRhythmEvents(seq('NVVNNNNNNNVVVN', [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15, 16]));
    expect(events.map((e) => e.kind)).toEqual(['couplet', 'pause', 'run']);
  });
});
