import { describe, expect, it } from 'vitest';
import { beatAt, beatsOf, type BeatSet } from '../../../../src/main/datasets/beat-set';
import { countBeats } from '../../../../src/main/datasets/counts';
import { WINDOW_FLAGS } from '../../../../src/main/signal/beat-windows';
import { RR_FEATURE_COUNT } from '../../../../src/main/signal/rr-features';

function twoBeats(): BeatSet {
  return {
    record: '201', source: 'detector', fs: 360, lead: { index: 0, name: 'MLII' }, count: 2,
    samples: Int32Array.from([100, 400]),
    classes: Int8Array.from([1, -1]),
    symbols: ['A', ''],
    windowLength: 3, windowRateHz: 360,
    windows: Float32Array.from([1, 2, 3, 4, 5, 6]),
    windowFlags: Uint8Array.from([WINDOW_FLAGS.START_EDGE, WINDOW_FLAGS.INVALID]),
    differences: null,
    rr: Float32Array.from({ length: 2 * RR_FEATURE_COUNT }, (_, i) => i),
    missed: [{ sample: 700, symbol: 'V', aami: 'V' }],
    hasAnnotations: true,
  };
}

describe('beatAt', () => {
  it('gives views of one beat\'s window and RR row with its class and symbol', () => {
    const beat = beatAt(twoBeats(), 1);
    expect(beat).toMatchObject({ record: '201', sample: 400, aami: null, symbol: '', windowFlags: WINDOW_FLAGS.INVALID });
    expect(Array.from(beat.window)).toEqual([4, 5, 6]);
    expect(Array.from(beat.rr)).toEqual(Array.from({ length: RR_FEATURE_COUNT }, (_, i) => RR_FEATURE_COUNT + i));
    expect(beatAt(twoBeats(), 0).aami).toBe('S');
  });
});

describe('beatsOf', () => {
  it('yields every beat in order', () => {
    expect([...beatsOf(twoBeats())].map((b) => b.sample)).toEqual([100, 400]);
  });
});

describe('countBeats', () => {
  it('adds classes, edge-padded, invalid, extra and missed beats over sets', () => {
    const counts = countBeats([twoBeats(), twoBeats()]);
    expect(counts.classes).toEqual({ N: 0, S: 2, V: 0, F: 0, Q: 0 });
    expect(counts).toMatchObject({ edgePadded: 2, invalid: 2, extra: 2, missed: 2, unannotatedRecords: 0 });
  });
});
