/**
 * RR features of the beats kept by the quality gate, on constructed beat trains.
 */
import { describe, expect, it } from 'vitest';
import { computeRrFeatures, RR_COLUMN, RR_FEATURE_COUNT } from '../../../../../src/main/signal/rr-features';
import { rrFeaturesAcrossGaps } from '../../../../../src/main/signal/quality';

const FS = 100;
const col = (data: Float32Array, beat: number, name: keyof typeof RR_COLUMN): number => data[beat * RR_FEATURE_COUNT + RR_COLUMN[name]]!;

describe('rrFeaturesAcrossGaps', () => {
  it('equals computeRrFeatures (to float32 rounding) when there is no segment', () => {
    const beats = [0, 80, 170, 250, 330, 420];
    const expected = computeRrFeatures(beats, FS).data;
    rrFeaturesAcrossGaps(beats, [], FS).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('keeps a gap out of the previous RR and of the record RR', () => {
    // Beats every 0.8 s, those in 10–40 s dropped by a segment.
    const beats = [...Array.from({ length: 12 }, (_, i) => 80 * i + 100), ...Array.from({ length: 12 }, (_, i) => 80 * i + 4100)];
    const data = rrFeaturesAcrossGaps(beats, [{ startSec: 10, endSec: 40 }], FS);
    for (let b = 0; b < beats.length; b++) {
      expect(col(data, b, 'prevRrSec')).toBeCloseTo(0.8, 5);
      expect(col(data, b, 'recordRrSec')).toBeCloseTo(0.8, 5);
      expect(col(data, b, 'prevOverRecord')).toBeCloseTo(1, 5);
    }
    // Naively the beat after the gap has a 30-s previous RR and the record RR is inflated.
    const naive = computeRrFeatures(beats, FS).data;
    expect(col(naive, 12, 'prevRrSec')).toBeGreaterThan(30);
    expect(col(naive, 0, 'recordRrSec')).toBeGreaterThan(2);
  });

  it('gives a lone beat between two segments the record RR', () => {
    const beats = [100, 180, 260, 2000, 4000, 4080, 4160];
    const data = rrFeaturesAcrossGaps(beats, [{ startSec: 5, endSec: 15 }, { startSec: 25, endSec: 35 }], FS);
    expect(col(data, 3, 'prevRrSec')).toBeCloseTo(0.8, 5);
    expect(col(data, 3, 'prevOverRecord')).toBeCloseTo(1, 5);
  });
});
