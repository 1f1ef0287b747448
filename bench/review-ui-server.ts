/**
 * The loopback server for bench/review-ui.ts and bench/holter.ts: `src/main/serve/start.ts` started as the user
 * starts it (tsx, port 0 = a free port, a data folder of its own, a random token), its
 * address read from the line it prints, and its whole process group ended afterwards
 * (tsx runs the server in a child process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../src/shared/result';
import { REPO_ROOT } from './day-record';

/** How long the server may take to print its address (tsx compiles on the fly), ms. */
const START_TIMEOUT_MS = 90_000;
/** How long it may take to stop after SIGTERM before it is killed, ms. */
const STOP_TIMEOUT_MS = 10_000;

/** A running server: its origin, the token, the app's address, and how to call and stop it. */
export interface BenchServer {
  origin: string;
  token: string;
  /** The app's address, token included. */
  url: string;
  /** Process id of the spawned tsx (its process group id; the server runs in its child). */
  pid: number;
  /** Calls a service over HTTP, as the renderer does; throws on a failed call. */
  call<T>(channel: string, body: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Whether the built renderer the server needs is there. */
export function rendererBuilt(): boolean {
  return existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html'));
}

function waitForAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the server printed no address in ${START_TIMEOUT_MS / 1000} s:\n${seen}`)), START_TIMEOUT_MS);
    const onData = (data: Buffer): void => {
      seen += data.toString();
      const match = /running at (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${seen}`));
    });
  });
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** Starts the loopback server over the built renderer with `dataDir` as its data folder. */
export async function startServer(dataDir: string): Promise<BenchServer> {
  const token = randomBytes(16).toString('hex');
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['src/main/serve/start.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, RA_LOOPBACK_TOKEN: token },
    // Its own process group, so that stopping it ends tsx's child too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string;
  try {
    url = await waitForAddress(child);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  const origin = new URL(url).origin;
  const call = async <T>(channel: string, body: unknown): Promise<T> => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  return { origin, token, url, pid: child.pid as number, call, stop: () => stopGroup(child) };
}
