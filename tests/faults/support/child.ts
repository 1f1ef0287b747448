/**
 * Drives service-child.ts from a test: starts it on a data folder, sends calls, collects
 * 'review:changed' statuses, and kills it with SIGKILL (no shutdown code runs: a crash).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReviewStatus } from '../../../src/shared/review';
import type { ErrorInfo } from '../../../src/shared/result';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO = resolve(here, '../../..');
/** The sample record the kill tests review (MIT-BIH 100, 30 min, shipped in resources/samples). */
export const SAMPLE_HEADER = join(REPO, 'resources', 'samples', '100.hea');
const TSX = createRequire(import.meta.url).resolve('tsx');

/** An answer the child gave: the call's Result. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorInfo };

/** One running service process. */
export class ServiceChild {
  /** Every status the child sent, oldest first. */
  readonly statuses: ReviewStatus[] = [];
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private readonly waiters: { test: (s: ReviewStatus) => boolean; resolve: (s: ReviewStatus) => void }[] = [];
  private nextId = 1;
  private stderr = '';
  readonly exited: Promise<NodeJS.Signals | number | null>;

  private constructor(private readonly process: ChildProcessWithoutNullStreams) {
    this.exited = new Promise((done) => process.once('exit', (code, signal) => done(signal ?? code)));
    process.stderr.on('data', (data: Buffer) => (this.stderr += data.toString()));
    createInterface({ input: process.stdout }).on('line', (line) => this.receive(line));
  }

  /** Starts the services on `dataDir`; resolves once they answer calls. */
  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServiceChild> {
    const script = join(here, 'service-child.ts');
    const child = new ServiceChild(spawn(process.execPath, ['--import', TSX, script, dataDir], { cwd: REPO, env: { ...process.env, ...env } }));
    await Promise.race([
      child.waitForLine('ready'),
      child.exited.then((how) => {
        throw new Error(`the service child ended (${String(how)}) before it was ready: ${child.stderr}`);
      }),
    ]);
    return child;
  }

  private readyResolve: (() => void) | null = null;

  private waitForLine(_event: 'ready'): Promise<void> {
    return new Promise((resolve) => (this.readyResolve = resolve));
  }

  private receive(line: string): void {
    let message: { id?: number; event?: string; status?: ReviewStatus } & Partial<Answer>;
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return; // A library's stray output.
    }
    if (message.event === 'ready') this.readyResolve?.();
    if (message.event === 'review:changed' && message.status) {
      const status = message.status;
      this.statuses.push(status);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(status)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(status);
        }
      }
    }
    if (typeof message.id === 'number') this.pending.get(message.id)?.(message as Answer);
  }

  /** Sends a call; resolves with its answer (the acknowledgement). */
  call(channel: string, arg: unknown): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.process.stdin.write(`${JSON.stringify({ id, channel, arg })}\n`);
    });
  }

  /** Sends a call that must succeed; resolves with its value. */
  async value<T>(channel: string, arg: unknown): Promise<T> {
    const answer = await this.call(channel, arg);
    if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code}: ${answer.error.message}`);
    return answer.value as T;
  }

  /** The first status (already sent or to come) that passes `test`. */
  waitForStatus(test: (s: ReviewStatus) => boolean, timeoutMs = 60_000): Promise<ReviewStatus> {
    const seen = this.statuses.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such status within ${timeoutMs} ms; last: ${JSON.stringify(this.statuses.at(-1))}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({ test, resolve: (s) => (clearTimeout(timer), resolve(s)) });
    });
  }

  /** Kills the process at once (SIGKILL) and waits until it is gone. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }
}
