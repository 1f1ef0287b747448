/**
 * Starts RhythmAttention for a browser: the loopback server over the built renderer.
 *
 *   tsx src/main/serve/start.ts [--port N] [--data-dir DIR]
 *
 * Port 0 (the default) takes a free port. The token is random per launch unless
 * RA_LOOPBACK_TOKEN fixes it (tests). Prints the address to open and nothing else happens:
 * no browser is launched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink } from '../../shared/api';
import { repoRoot as findRepoRoot } from '../repo-root';
import { createDispatcher } from '../ipc/dispatch';
import { createServices } from '../services';
import { bundledTrainingWorkerPath } from '../research/locations';
import { createToken } from './guards';
import { parseServeArgs } from './options';
import { startLoopbackServer } from './server';

const USAGE = 'Usage: tsx src/main/serve/start.ts [--port N] [--data-dir DIR]';
const repoRoot = findRepoRoot();

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const rendererDir = join(repoRoot, 'out', 'renderer');
  const builtMainDir = join(repoRoot, 'out', 'main');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`${rendererDir}/index.html is missing: build the renderer first (npm run build).`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  // The services exist before the server that carries their events: forward through a
  // sink bound once the server listens (events before that have no browser to go to).
  let serverEvents: EventSink | null = null;
  const services = createServices({
    dataDir: args.dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    transport: 'loopback',
    prewarmAnalysis: true,
    version,
    events: (event, payload) => serverEvents?.(event, payload),
    // The build that gave out/renderer also gave the training worker; without it, the source via tsx.
    ...(existsSync(bundledTrainingWorkerPath(builtMainDir)) ? { trainingWorkerPath: bundledTrainingWorkerPath(builtMainDir) } : {}),
  });
  const server = await startLoopbackServer({
    dispatch: createDispatcher(services.handlers),
    rendererDir,
    token: process.env['RA_LOOPBACK_TOKEN'] || createToken(),
    port: args.port,
  });
  serverEvents = server.events;
  console.log(`RhythmAttention is running at ${server.url}`);

  const stop = (): void => {
    void Promise.all([server.close(), services.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Could not start the server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
