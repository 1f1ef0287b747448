/**
 * beatCounts and compareBeats on hand-made reference and detection lists (fs 100 Hz: the 150 ms match
 * window is 15 samples; bxb's default start is 5 min = 30000 samples).
 */
import { describe, expect, it } from 'vitest';
import { beatCounts, compareBeats, type ReferenceAnnotation } from '../../../../src/main/signal/bxb';

const N = 1, V = 5, FLWAV = 31, VFON = 32, VFOFF = 33, NOISE = 14, RHYTHM = 28;
const beats = (samples: number[], code = N): ReferenceAnnotation[] => samples.map((sample) => ({ sample, code }));
const FS = 100;
const counts = (r: ReturnType<typeof compareBeats>) => ({ tp: r.truePositives, fn: r.falseNegatives, fp: r.falsePositives });

describe('compareBeats', () => {
  it('counts exact matches as true positives with zero timing error and 100 % Se and +P', () => {
    const r = compareBeats(beats([100, 200, 300]), [100, 200, 300], { fs: FS, startSec: 0.5 });
    expect(counts(r)).toEqual({ tp: 3, fn: 0, fp: 0 });
    expect(r.sensitivityPct).toBe(100);
    expect(r.positivePredictivityPct).toBe(100);
    expect(r.timingErrorsSamples).toEqual([0, 0, 0]);
  });

  it('matches at exactly the 150 ms window and not one sample beyond', () => {
    const ok = compareBeats(beats([100, 300]), [115, 285], { fs: FS, startSec: 0.5 });
    expect(counts(ok)).toEqual({ tp: 2, fn: 0, fp: 0 });
    expect(ok.timingErrorsSamples).toEqual([15, -15]);
    const late = compareBeats(beats([100, 300]), [116, 300], { fs: FS, startSec: 0.5 });
    expect(counts(late)).toEqual({ tp: 1, fn: 1, fp: 1 });
    expect(late.missedSamples).toEqual([100]);
    expect(late.falseSamples).toEqual([116]);
  });

  it('ignores beats and detections before the default 5-minute start', () => {
    const r = compareBeats(beats([1000, 29000, 30500, 31000]), [500, 1000, 29000, 30500, 31000], { fs: FS });
    expect(counts(r)).toEqual({ tp: 2, fn: 0, fp: 0 });
  });

  it('lets the last detection before the start match the first beat after it', () => {
    const r = compareBeats(beats([30005, 30100]), [29995, 30100], { fs: FS });
    expect(counts(r)).toEqual({ tp: 2, fn: 0, fp: 0 });
  });

  it('drops an unmatched detection just after the start when the next one matches better', () => {
    const r = compareBeats(beats([30100]), [30005, 30100], { fs: FS });
    expect(counts(r)).toEqual({ tp: 1, fn: 0, fp: 0 });
    const later = compareBeats(beats([30100]), [30020, 30100], { fs: FS });
    expect(counts(later)).toEqual({ tp: 1, fn: 0, fp: 1 });
  });

  it('pairs a detection with the nearer of two beats and misses the other', () => {
    const r = compareBeats(beats([1000, 1020]), [1012], { fs: FS, startSec: 5 });
    expect(counts(r)).toEqual({ tp: 1, fn: 1, fp: 0 });
    expect(r.missedSamples).toEqual([1000]);
  });

  it('matches each beat at most once', () => {
    const r = compareBeats(beats([1000]), [995, 1005], { fs: FS, startSec: 5 });
    expect(counts(r)).toEqual({ tp: 1, fn: 0, fp: 1 });
  });

  it('skips reference ventricular flutter episodes and the detections inside them', () => {
    const ref: ReferenceAnnotation[] = [
      ...beats([1000]), { sample: 1100, code: VFON }, ...beats([1150, 1200, 1250], FLWAV),
      { sample: 1300, code: VFOFF }, ...beats([1400]),
    ];
    const r = compareBeats(ref, [1000, 1150, 1180, 1250, 1400], { fs: FS, startSec: 5 });
    expect(counts(r)).toEqual({ tp: 2, fn: 0, fp: 0 });
  });

  it('counts a detection on a flutter wave outside an episode as false, a missed one not at all', () => {
    const ref = [...beats([1000]), ...beats([1200, 1400], FLWAV), ...beats([1600])];
    const r = compareBeats(ref, [1000, 1200, 1600], { fs: FS, startSec: 5 });
    expect(counts(r)).toEqual({ tp: 2, fn: 0, fp: 1 });
  });

  it('ignores non-beat annotations and counts all beat types', () => {
    const ref: ReferenceAnnotation[] = [
      { sample: 990, code: RHYTHM }, ...beats([1000]), { sample: 1050, code: NOISE }, ...beats([1100], V),
    ];
    expect(counts(compareBeats(ref, [1000, 1100], { fs: FS, startSec: 5 }))).toEqual({ tp: 2, fn: 0, fp: 0 });
  });

  it('counts detections after the last beat up to the record length only when it is given', () => {
    const ref = beats([1000, 1100]);
    expect(counts(compareBeats(ref, [1000, 1100, 1500], { fs: FS, startSec: 5 }))).toEqual({ tp: 2, fn: 0, fp: 0 });
    expect(counts(compareBeats(ref, [1000, 1100, 1500], { fs: FS, startSec: 5, recordLength: 2000 })))
      .toEqual({ tp: 2, fn: 0, fp: 1 });
  });

  it('gives NaN Se and +P with nothing to count', () => {
    const r = compareBeats([], [], { fs: FS });
    expect(r.referenceBeats).toBe(0);
    expect(r.sensitivityPct).toBeNaN();
    expect(r.positivePredictivityPct).toBeNaN();
  });
});

describe('beatCounts', () => {
  it('adds misses to matches for the reference beats and gives Se and +P in percent', () => {
    expect(beatCounts(90, 10, 30)).toEqual({
      referenceBeats: 100,
      truePositives: 90,
      falseNegatives: 10,
      falsePositives: 30,
      sensitivityPct: 90, // 90 / 100
      positivePredictivityPct: 75, // 90 / 120
    });
  });

  it('gives NaN for a figure whose denominator is zero', () => {
    const none = beatCounts(0, 0, 4);
    expect(none.sensitivityPct).toBeNaN();
    expect(none.positivePredictivityPct).toBe(0);
    expect(beatCounts(0, 3, 0).positivePredictivityPct).toBeNaN();
  });
});
