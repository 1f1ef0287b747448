/**
 * The `rhythm-attention` command line (`npm run cli -- <command> …`): a thin shell over the
 * same WFDB library and services as the app. Usage errors exit 2, failures exit 1 with the
 * typed error's message on stderr.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors';
import { EXIT, UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';

const PROGRAM = 'rhythm-attention';

/** The top-level help: the commands and how to get help on each. */
export function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [`Usage: ${PROGRAM} <command> [options]`, '', 'Commands:', ...lines, '', `Run "${PROGRAM} <command> --help" for a command's options.`].join('\n');
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(`${mainUsage()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${mainUsage()}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${PROGRAM} ${command.name}: ${error instanceof AppError ? `[${error.code}] ` : ''}${message}\n`);
    return EXIT.error;
  }
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

// Run only as the entry point (`tsx src/cli/index.ts`), not when a test imports runCli.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  void runCli(process.argv.slice(2), processIo).then((status) => {
    process.exitCode = status;
  });
}
