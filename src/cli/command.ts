/**
 * The shape of a CLI command. Each command lives in its own file under commands/ and is
 * listed in commands/index.ts; `index.ts` only dispatches to it. Later commands (train,
 * evaluate, predict, report) slot in the same way.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes; the process streams in real use, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit statuses: 0 done, 1 failed (a typed error, on stderr), 2 wrong usage. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

export interface CliCommand {
  /** The word after the program name (`info`). */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full usage text shown by `<command> --help` and on a usage error. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A wrong command line: the runner prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * `parseArgs` of node:util for a command: a malformed command line (an unknown option, a
 * missing value, a stray positional) becomes a UsageError with parseArgs' message.
 */
export function parseCommandLine<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
