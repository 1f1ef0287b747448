/**
 * Runs the command line in this thread (`runCli`, as `npm run cli` does) with its output
 * captured, for tests of the CLI commands.
 */
import { runCli } from '../../src/cli/index';

/** What one CLI run gave: its exit status and everything it wrote to stdout and stderr. */
export interface CliRun {
  status: number;
  out: string;
  err: string;
}

/** Runs `argv` (the words after the program name) and collects stdout and stderr. */
export async function runCliCaptured(argv: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}
