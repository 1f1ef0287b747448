/**
 * Neighbour differences (../../src/main/signal/neighbour-difference) of real MIT-BIH beats:
 * on record 106 (1,507 N and 520 V beats, reference annotations), a ventricular beat departs
 * from its neighbours' median far more than a normal beat does, whatever the patient's own
 * beat looks like: what the second channel is for.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BeatSet } from '../../src/main/datasets/beat-set';
import { DEFAULT_FILTER } from '../../src/main/datasets/filter-config';
import { loadRecordBeats } from '../../src/main/datasets/mitdb';
import { medianInPlace } from '../../src/main/signal/median';

const DATA = join(resolve(__dirname, '../../../shared/data'), 'mitdb');
const WINDOW = { rateHz: 180, length: 180, placement: { kind: 'centred', beforeSamples: 90 }, normalisation: 'zscore', padding: 'edge', difference: { neighbours: 8 } } as const;

/** Root mean square of each beat's difference, for the beats of AAMI class `aami` (0 = N, 2 = V). */
function rmsOfClass(set: BeatSet, aami: number): number[] {
  const L = set.windowLength;
  const out: number[] = [];
  for (let i = 0; i < set.count; i++) {
    if (set.classes[i] !== aami) continue;
    let sum = 0;
    for (let j = 0; j < L; j++) sum += set.differences![i * L + j]! ** 2;
    out.push(Math.sqrt(sum / L));
  }
  return out;
}

describe('neighbour differences on record 106', () => {
  let set: BeatSet;
  beforeAll(async () => {
    set = await loadRecordBeats('106', { dataDir: DATA, window: WINDOW, filter: DEFAULT_FILTER });
  });

  it('come with the windows, one row per beat', () => {
    expect(set.differences).toHaveLength(set.count * 180);
    expect(set.windows).toHaveLength(set.count * 180);
  });

  it('are small for normal beats and several times larger for ventricular ones', () => {
    const normal = rmsOfClass(set, 0);
    const ventricular = rmsOfClass(set, 2);
    expect([normal.length, ventricular.length]).toEqual([1507, 520]);
    const [n, v] = [medianInPlace(normal), medianInPlace(ventricular)];
    expect(n).toBeLessThan(0.5);
    expect(v).toBeGreaterThan(3 * n);
  });

  it('leave the windows as they are without the option', async () => {
    const { difference: _left, ...plain } = WINDOW;
    const without = await loadRecordBeats('106', { dataDir: DATA, window: plain, filter: DEFAULT_FILTER });
    expect(without.differences).toBeNull();
    expect(Array.from(without.windows.subarray(0, 360))).toEqual(Array.from(set.windows.subarray(0, 360)));
  });
});
