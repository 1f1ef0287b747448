/**
 * The frame of the benchmarks that drive the served app in Chromium (bench/review-ui.ts,
 * bench/holter.ts): check the renderer is built, run in a temp folder deleted afterwards,
 * print the load average and the PASS/FAIL summary of the targets, exit non-zero only on
 * errors (a missed target is a figure, not a crash).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererBuilt } from './review-ui-server';

/** One target's verdict. */
export interface Outcome {
  name: string;
  pass: boolean;
}

/** "1.52 1.70 2.01" */
export const loadAverage = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Runs `run` in a fresh temp folder `ra-bench-<name>-…` and prints the summary of `outcomes`. */
export function browserBenchMain(name: string, outcomes: readonly Outcome[], run: (tmp: string) => Promise<void>): void {
  const main = async (): Promise<void> => {
    if (!rendererBuilt()) {
      console.error('out/renderer/index.html is missing: build the app first (npm run build).');
      process.exitCode = 1;
      return;
    }
    const tmp = await mkdtemp(join(tmpdir(), `ra-bench-${name}-`));
    try {
      await run(tmp);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    const failed = outcomes.filter((o) => !o.pass);
    console.log(`\nload average ${loadAverage()} at the end`);
    console.log(failed.length === 0 ? `PASS: all ${outcomes.length} targets met.` : `FAIL: ${failed.map((f) => f.name).join('; ')} (${outcomes.length - failed.length} of ${outcomes.length} met).`);
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
