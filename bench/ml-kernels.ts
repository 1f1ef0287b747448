/**
 * Benchmark: training and inference throughput (beats/s) of a stand-in for our default
 * beat classifier (bench/ml-kernels-model.ts, batch 128, Adam) on the TensorFlow.js
 * backends we can use without native libraries:
 *
 *   cpu                 pure JavaScript (reference)
 *   wasm-stock          tfjs-backend-wasm as published (cannot train: a kernel is missing)
 *   wasm-ours           + our training kernels (src/main/ml/backend)
 *   wasm-ours-threads   + XNNPACK threads in Node (initWasmBackend({ threads }))
 *
 * Each configuration runs in its own process (bench/ml-kernels-run.ts), `--rounds` times
 * (default 3; the slow cpu configuration once), rounds interleaved so that a burst of load
 * from other work on the machine hits every configuration alike. Reported values are the
 * median over rounds of each round's median step; "cpu-time" divides by the process's CPU
 * time instead of wall time, which is steadier on a shared machine (but counts every
 * thread, so it is not comparable across thread counts).
 *
 *   npm run bench:ml-kernels -- [--only cpu,wasm-ours] [--threads 2] [--rounds 3] [--profile]
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RunResult } from './ml-kernels-run';

const CONFIGS = ['cpu', 'wasm-stock', 'wasm-ours', 'wasm-ours-threads'] as const;

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('--only')?.split(',') ?? [...CONFIGS];
const threads = option('--threads') ?? '2';
const rounds = Number(option('--rounds') ?? '3');
const runner = fileURLToPath(new URL('./ml-kernels-run.ts', import.meta.url));

function runConfig(config: string): RunResult | string {
  const args = [...process.execArgv, runner, config, '--threads', threads];
  if (argv.includes('--profile') && config.startsWith('wasm-ours')) args.push('--profile');
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    return `failed (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  }
  return JSON.parse(line) as RunResult;
}

const fmt = (v: number | null): string => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (v: number | null, base: number | null): string =>
  v === null || base === null || base === 0 ? '—' : `${(v / base).toFixed(1)}×`;

function printTable(results: RunResult[]): void {
  const cpu = results.find((r) => r.config === 'cpu');
  const stock = results.find((r) => r.config === 'wasm-stock');
  const head = ['config', 'threads', 'train b/s', 'train b/cpu-s', 'vs cpu', 'infer b/s', 'vs cpu', 'vs wasm-stock'];
  const rows = results.map((r) => [
    r.config,
    String(r.threads),
    r.trainBeatsPerSec === null ? 'not registered' : fmt(r.trainBeatsPerSec),
    fmt(r.trainCpuBeatsPerSec),
    ratio(r.trainBeatsPerSec, cpu?.trainBeatsPerSec ?? null),
    fmt(r.inferBeatsPerSec),
    ratio(r.inferBeatsPerSec, cpu?.inferBeatsPerSec ?? null),
    ratio(r.inferBeatsPerSec, stock?.inferBeatsPerSec ?? null),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  for (const r of results) {
    if (r.trainError !== null) console.log(`${r.config}: training failed: ${r.trainError}`);
  }
}

function printProfile(r: RunResult): void {
  if (r.profile === undefined) return;
  console.log(`\nTop kernels by self CPU time per training step, ${r.config} (${r.threads} thread(s)):`);
  for (const [name, ms, calls] of r.profile) console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  ${calls} calls`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One result per configuration: medians over its rounds (profile from the last round). */
function combine(runs: RunResult[]): RunResult {
  const last = runs.at(-1) as RunResult;
  const med = (pick: (r: RunResult) => number | null): number | null => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    ...last,
    trainBeatsPerSec: med((r) => r.trainBeatsPerSec),
    trainCpuBeatsPerSec: med((r) => r.trainCpuBeatsPerSec),
    inferBeatsPerSec: med((r) => r.inferBeatsPerSec) ?? last.inferBeatsPerSec,
  };
}

function main(): void {
  const load = os.loadavg()[0]?.toFixed(1) ?? '?';
  console.log(`ML kernels benchmark: batch 128, Adam; ${os.cpus().length} logical CPUs, load average ${load}`);
  console.log(`Medians over timed steps and ${rounds} round(s); a shared machine makes wall-clock numbers noisy.\n`);
  const runs = new Map<string, RunResult[]>(only.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    for (const config of only) {
      if (config === 'cpu' && round > 0) continue;
      process.stderr.write(`round ${round + 1}: ${config} …\n`);
      const result = runConfig(config);
      if (typeof result === 'string') console.log(`${config}: ${result}`);
      else runs.get(config)?.push(result);
    }
  }
  const results = [...runs.values()].filter((r) => r.length > 0).map(combine);
  const params = results[0]?.params;
  if (params !== undefined) console.log(`model: ${params.toLocaleString('en')} parameters\n`);
  printTable(results);
  results.forEach(printProfile);
  console.log(`\nload average after: ${os.loadavg()[0]?.toFixed(1) ?? '?'}`);
}

main();
