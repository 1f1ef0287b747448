import { describe, expect, it } from 'vitest';
import { planChunks } from '../../../../src/main/analysis/chunk-plan';

/** Beats every `rrSec` seconds for `seconds`, as frame numbers at `fs`. */
function regularBeats(fs: number, seconds: number, rrSec: number): Int32Array {
  return Int32Array.from({ length: Math.floor(seconds / rrSec) }, (_, i) => Math.round((i + 0.5) * rrSec * fs));
}

/** Chunks cover 0..n in order without overlap or gap. */
function expectTiling(chunks: { start: number; end: number; endSec: number }[], n: number): void {
  let next = 0;
  let lastSec = -Infinity;
  for (const c of chunks) {
    expect(c.start).toBe(next);
    expect(c.end).toBeGreaterThanOrEqual(c.start);
    expect(c.endSec).toBeGreaterThan(lastSec);
    next = c.end;
    lastSec = c.endSec;
  }
  expect(next).toBe(n);
}

describe('planChunks', () => {
  it('splits 30 minutes into a 60-s chunk then 5-minute chunks, ending at the record end', () => {
    const beats = regularBeats(360, 1800, 0.8);
    const chunks = planChunks(beats, 360, 1805, { firstChunkSec: 60, chunkSec: 300, maxBeats: 2000 });
    expectTiling(chunks, beats.length);
    expect(chunks.map((c) => c.endSec)).toEqual([60, 360, 660, 960, 1260, 1560, 1805]);
    for (const c of chunks) {
      for (let i = c.start; i < c.end; i++) expect(beats[i]! / 360).toBeLessThan(c.endSec);
    }
  });

  it('splits a chunk by beat count when it has more than maxBeats, ending at the next beat', () => {
    const beats = regularBeats(100, 100, 0.1);
    const chunks = planChunks(beats, 100, 100, { firstChunkSec: 1000, chunkSec: 1000, maxBeats: 300 });
    expectTiling(chunks, beats.length);
    expect(chunks.map((c) => c.end - c.start)).toEqual([300, 300, 300, 100]);
    expect(chunks[0]!.endSec).toBeCloseTo(beats[300]! / 100, 10);
  });

  it('folds empty time spans into the next chunk', () => {
    const beats = Int32Array.of(10, 20, 100_000, 100_010);
    const chunks = planChunks(beats, 100, 1100, { firstChunkSec: 1, chunkSec: 10, maxBeats: 10 });
    expectTiling(chunks, 4);
    expect(chunks).toHaveLength(2);
    expect(chunks[1]!.endSec).toBe(1100);
  });

  it('gives one empty chunk ending at the record end when there are no beats', () => {
    expect(planChunks(new Int32Array(0), 360, 12.5)).toEqual([{ start: 0, end: 0, endSec: 12.5 }]);
  });
});
