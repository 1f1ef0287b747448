import { describe, expect, it } from 'vitest';
import { TileCache } from '../../../../src/renderer/src/stores/tile-cache';

/** A loader that answers tile k with `k * 10` and notes each call as [first, count]. */
function loader(failFirst = false) {
  const runs: [number, number][] = [];
  const load = (first: number, count: number): Promise<number[]> => {
    runs.push([first, count]);
    if (failFirst && runs.length === 1) return Promise.reject(new Error('boom'));
    return Promise.resolve(Array.from({ length: count }, (_, i) => (first + i) * 10));
  };
  return { runs, load };
}

describe('TileCache.get', () => {
  it('loads a run of missing tiles with one call and answers each tile from it', async () => {
    const cache = new TileCache<number>(10);
    const { runs, load } = loader();
    expect(await Promise.all(cache.get('s', [3, 4, 5], load))).toEqual([30, 40, 50]);
    expect(runs).toEqual([[3, 3]]);
  });

  it('asks only for the tiles it lacks, one call per run between held ones', async () => {
    const cache = new TileCache<number>(10);
    const { runs, load } = loader();
    await Promise.all(cache.get('s', [4], load));
    expect(await Promise.all(cache.get('s', [2, 3, 4, 5, 6], load))).toEqual([20, 30, 40, 50, 60]);
    expect(runs).toEqual([[4, 1], [2, 2], [5, 2]]);
  });

  it('cuts runs longer than maxRun and keeps kinds apart', async () => {
    const cache = new TileCache<number>(10);
    const { runs, load } = loader();
    await Promise.all(cache.get('s', [0, 1, 2, 3, 4], load, 2));
    await Promise.all(cache.get('a', [0], load));
    expect(runs).toEqual([[0, 2], [2, 2], [4, 1], [0, 1]]);
  });

  it('drops every tile of a failed run, so that the next request asks again', async () => {
    const cache = new TileCache<number>(10);
    const { runs, load } = loader(true);
    await expect(Promise.all(cache.get('s', [1, 2], load))).rejects.toThrow('boom');
    expect(cache.size).toBe(0);
    expect(await Promise.all(cache.get('s', [1, 2], load))).toEqual([10, 20]);
    expect(runs).toEqual([[1, 2], [1, 2]]);
  });

  it('drops the least recently used tiles beyond its size', async () => {
    const cache = new TileCache<number>(3);
    const { runs, load } = loader();
    await Promise.all(cache.get('s', [0, 1, 2], load));
    await Promise.all(cache.get('s', [0], load));
    await Promise.all(cache.get('s', [5], load));
    await Promise.all(cache.get('s', [0, 1], load));
    // Tile 1 was the least recent when tile 5 came in.
    expect(runs).toEqual([[0, 3], [5, 1], [1, 1]]);
  });
});

describe('TileCache.retain', () => {
  it('keeps only the tiles the predicate accepts', async () => {
    const cache = new TileCache<number>(10);
    const { runs, load } = loader();
    await Promise.all(cache.get('s', [0, 1, 2], load));
    cache.retain((_, k) => k < 2);
    await Promise.all(cache.get('s', [0, 1, 2], load));
    expect(runs).toEqual([[0, 3], [2, 1]]);
  });
});
