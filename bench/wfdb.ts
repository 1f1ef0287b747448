/**
 * WFDB reader benchmark (`npm run bench:wfdb`). Prints each figure with its ratio to a
 * baseline measured in the same run (the raw I/O floor: `fs.readFileSync` of the same
 * bytes) and PASS/FAIL against the targets:
 *
 * - MIT-BIH record 100 (30 min, 2 signals, format 212): whole record in physical units,
 *   warm (record open, JIT compiled), median of repeats: ≤ 5 ms. Each read returns new
 *   arrays (10 MB), as a caller reading once gets; the figure includes the allocation, its
 *   page faults and the GC it causes. Also shown, without a target: the same read into
 *   arrays reused from read to read (`{ into }`), which spares those.
 * - Its reference annotations 100.atr, read and parsed: ≤ 3 ms.
 * - A 24-hour two-signal format-212 record (the 48 MIT-BIH .dat files concatenated, 48 ×
 *   30 min, in a temp folder deleted at the end): opens and serves random 10-second
 *   windows in ≤ 20 ms (open time, median and p95 window time).
 *
 * wfdb-python 4.3.1 figures on record 100, from the issue (same kind of machine, not
 * measured here): 28 ms physical, 11 ms digital, 16 ms .atr.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecord } from '../src/main/wfdb';
import { readAnnotationFile } from '../src/main/wfdb/annotation';
import { benchAnnotations } from './annotations';
import { MITDB, writeDayRecord } from './day-record';
import { median, quantile, timings } from './timing';

const RECORD_100 = join(MITDB, '100');

const TARGETS = { physicalMs: 5, atrMs: 3, windowMs: 20 } as const;
const PYTHON = { physicalMs: 28, digitalMs: 11, atrMs: 16 } as const;

const ms = (x: number): string => `${x.toFixed(2)} ms`;
const spread = (sorted: readonly number[]): string => `median ${ms(median(sorted))}, min ${ms(sorted[0] ?? Number.NaN)}`;
const ratio = (x: number, base: number): string => `${(x / base).toFixed(1)}× raw read`;
const verdict = (x: number, target: number): string => (x <= target ? `PASS (≤ ${target} ms)` : `FAIL (> ${target} ms)`);

interface Outcome {
  name: string;
  pass: boolean;
}

async function benchRecord100(): Promise<Outcome[]> {
  const rawTimes = await timings(() => readFileSync(`${RECORD_100}.dat`), 60);
  const rec = await openRecord(`${RECORD_100}.hea`);
  const physicalTimes = await timings(() => rec.readPhysical(0, rec.frameCount), 60, 20);
  const into = rec.signals.map(() => new Float64Array(rec.frameCount));
  const intoTimes = await timings(() => rec.readPhysical(0, rec.frameCount, undefined, { into }), 60, 20);
  const digitalTimes = await timings(() => rec.readDigital(0, rec.frameCount), 60, 20);
  await rec.close();
  const [raw, physical, digital] = [median(rawTimes), median(physicalTimes), median(digitalTimes)];
  console.log(`record 100 (${rec.frameCount} frames × ${rec.signals.length} signals, format 212)`);
  console.log(`  raw read (readFileSync .dat): ${spread(rawTimes)}`);
  console.log(`  physical, whole record: ${spread(physicalTimes)} (${ratio(physical, raw)}; wfdb-python ${PYTHON.physicalMs} ms) ${verdict(physical, TARGETS.physicalMs)}`);
  console.log(`  physical, whole record into reused arrays: ${spread(intoTimes)} (${ratio(median(intoTimes), raw)})`);
  console.log(`  digital, whole record:  ${spread(digitalTimes)} (${ratio(digital, raw)}; wfdb-python ${PYTHON.digitalMs} ms)`);
  return [{ name: 'record 100 physical', pass: physical <= TARGETS.physicalMs }];
}

async function benchAtr(): Promise<Outcome[]> {
  const path = `${RECORD_100}.atr`;
  const raw = median(await timings(() => readFileSync(path), 100));
  const full = median(await timings(() => readAnnotationFile(path), 100, 20));
  const parse = await benchAnnotations(path);
  console.log(`100.atr (${parse.count} annotations)`);
  console.log(`  raw read (readFileSync .atr): ${ms(raw)}`);
  console.log(`  readAnnotationFile (read + parse): ${ms(full)} (${ratio(full, raw)}; wfdb-python ${PYTHON.atrMs} ms) ${verdict(full, TARGETS.atrMs)}`);
  console.log(`  parseAnnotations alone: ${ms(parse.medianMs)}`);
  return [{ name: '100.atr', pass: full <= TARGETS.atrMs }];
}

async function benchDay(): Promise<Outcome[]> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-wfdb-'));
  try {
    const { header, frames } = await writeDayRecord(folder);
    const opens = await timings(async () => (await openRecord(header)).close(), 20, 2);
    const rec = await openRecord(header);
    const windowFrames = 10 * rec.frameRateHz;
    let seed = 12345;
    const nextStart = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * (frames - windowFrames));
    };
    const windows = await timings(() => {
      const a = nextStart();
      return rec.readPhysical(a, a + windowFrames);
    }, 500, 50);
    const dat = await open(join(folder, 'day.dat'), 'r');
    const buffer = Buffer.alloc((windowFrames * 3 * 2) / 2);
    const raw = median(await timings(() => dat.read(buffer, 0, buffer.length, Math.floor(nextStart() / 2) * 6), 500, 50));
    await dat.close();
    await rec.close();
    const open1 = median(opens);
    const med = median(windows);
    const p95 = quantile(windows, 0.95);
    const hours = frames / rec.frameRateHz / 3600;
    console.log(`24-hour record (${hours.toFixed(1)} h, ${frames} frames × 2 signals, format 212, ${(frames * 3) / 1e6} MB)`);
    console.log(`  open: ${ms(open1)} median ${verdict(open1, TARGETS.windowMs)}`);
    console.log(`  raw positional read of a 10-s window: ${ms(raw)}`);
    console.log(`  random 10-s windows (physical): median ${ms(med)} (${ratio(med, raw)}), p95 ${ms(p95)} ${verdict(p95, TARGETS.windowMs)}`);
    return [
      { name: '24-h open', pass: open1 <= TARGETS.windowMs },
      { name: '24-h 10-s window p95', pass: p95 <= TARGETS.windowMs },
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [load1] = loadavg();
  console.log(`WFDB reader benchmark (Node ${process.version}, ${cpus().length} CPUs, load average ${load1?.toFixed(1)}; warm medians unless stated)\n`);
  const outcomes = [...(await benchRecord100()), ...(await benchAtr()), ...(await benchDay())];
  console.log('');
  for (const o of outcomes) console.log(`${o.pass ? 'PASS' : 'FAIL'}  ${o.name}`);
  process.exitCode = outcomes.every((o) => o.pass) ? 0 : 1;
}

await main();
