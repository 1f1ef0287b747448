/**
 * Benchmark of `parseAnnotations` on one annotation file, called by bench/wfdb.ts. The file
 * is read once; parsing runs `WARMUP` times untimed (so the JIT has compiled it, the "warm"
 * case), then `RUNS` times timed one by one. Reference figure: wfdb-python 4.3.1 `rdann`
 * takes about 16 ms on MIT-BIH 100.atr (2,274 annotations).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseAnnotations } from '../src/main/wfdb/annotation';

const WARMUP = 50;
const RUNS = 200;

/**
 * Median wall time in milliseconds of one warm parse of `atrPath`, and its annotation count.
 * Throws what `parseAnnotations` throws for a bad file.
 */
export async function benchAnnotations(atrPath: string): Promise<{ medianMs: number; count: number }> {
  const bytes = new Uint8Array(await readFile(atrPath));
  let count = 0;
  for (let i = 0; i < WARMUP; i++) count = parseAnnotations(bytes, atrPath).annotations.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    parseAnnotations(bytes, atrPath);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = RUNS / 2;
  const medianMs = ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
  return { medianMs, count };
}
