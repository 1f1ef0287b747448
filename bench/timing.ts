/**
 * Timing helpers the benchmarks share: repeated wall-clock timings after untimed warm-up
 * calls, and quantiles of the sorted times.
 */
import { performance } from 'node:perf_hooks';

/** Sorted wall times (ms) of `runs` calls of `f`, after `warmup` untimed calls. */
export async function timings(f: () => unknown, runs: number, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** The `q` quantile (0..1) of ascending `sorted` (the nearest rank below), NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}

export const median = (sorted: readonly number[]): number => quantile(sorted, 0.5);
export const p95 = (sorted: readonly number[]): number => quantile(sorted, 0.95);
