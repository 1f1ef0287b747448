/**
 * The real services in a child process, for the kill tests: `tsx service-child.ts <dataDir>`
 * builds them as the loopback server does (real record cache, analysis worker, review
 * sessions, autosave and journal) over `<repo>/resources`, then answers calls read from
 * stdin, one JSON line each:
 *
 *   in:  {"id": 1, "channel": "review:edit", "arg": {...}}
 *   out: {"id": 1, "ok": true, "value": ...}  or  {"id": 1, "ok": false, "error": {...}}
 *
 * Calls go through the same dispatcher (schema check, error → Result) as every transport.
 * 'review:changed' events are written as {"event": "review:changed", "status": {...}}. An
 * answer is written only after its handler resolved, so a line on stdout is an
 * acknowledgement exactly as the renderer would see one. The test kills this process with
 * SIGKILL; nothing here cleans up on purpose.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createDispatcher } from '../../../src/main/ipc/dispatch';
import { createServices } from '../../../src/main/services';
import { repoRoot } from '../../../src/main/repo-root';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: service-child.ts <dataDir>\n');
  process.exit(2);
}

const write = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

const services = createServices({
  dataDir,
  resourcesDir: join(repoRoot(), 'resources'),
  transport: 'loopback',
  version: 'kill-test',
  // A short autosave delay, so that kills land during snapshot writes too (test c).
  autosaveDelayMs: Number(process.env['RA_TEST_AUTOSAVE_MS'] ?? 300),
  events: (event, payload) => {
    if (event === 'review:changed') write({ event, status: payload });
  },
});
const dispatch = createDispatcher(services.handlers);

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, channel, arg } = JSON.parse(line) as { id: number; channel: string; arg: unknown };
  void dispatch(channel, arg).then((result) => write({ id, ...result }));
});
write({ event: 'ready' });
