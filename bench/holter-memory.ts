/**
 * Peak memory for bench/holter.ts, read from Linux's /proc (proc(5)):
 *
 * - the server: the node process running src/main/serve/start.ts (tsx's child); its worker
 *   threads (the analysis) are threads of that process, so its `VmHWM` (peak resident set)
 *   covers them;
 * - Chromium's renderer: the `--type=renderer` processes under this process (Playwright's
 *   Chromium is its child) but the browser's own UI and extensions; the largest `VmHWM` is
 *   the app page's renderer (the browser holds one page);
 * - the page's JS heap: CDP `Performance.getMetrics` (JSHeapUsedSize, JSHeapTotalSize), which
 *   counts the main isolate only: typed-array backing stores and the DOM are outside it, so
 *   the renderer's RSS is what the target is judged by.
 *
 * `VmHWM` is exact whatever the sampling; the samples (every 150 ms; the heap every 500 ms)
 * say in which phase of the run (open + analysis, pages, report) the peak fell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const SAMPLE_MS = 150;
const HEAP_EVERY_MS = 500;
/** Rescan /proc for renderer processes every this many samples (a new page may start one). */
const RESCAN_EVERY = 10;

/** Resident memory of one process, bytes. */
export interface ProcMemory {
  /** Resident set now (VmRSS). */
  rss: number;
  /** Peak resident set so far (VmHWM). */
  hwm: number;
}

/** Peaks of one phase, bytes (0 when nothing was sampled). */
export interface PhasePeaks {
  serverRss: number;
  rendererRss: number;
  heapUsed: number;
}

/** What a probe saw, bytes. */
export interface MemoryPeaks {
  /** The server process's VmHWM at the end. */
  serverHwm: number;
  /** The largest renderer VmHWM seen. */
  rendererHwm: number;
  /** Peak JS heap of the page: used and allocated (CDP). */
  heapUsed: number;
  heapTotal: number;
  /** Sampled peaks by phase, in phase order. */
  phases: Map<string, PhasePeaks>;
}

/** A running probe: name the phase as the run moves on, then stop it for the peaks. */
export interface MemoryProbe {
  phase(name: string): void;
  stop(): Promise<MemoryPeaks>;
}

const KB = 1024;

/** VmRSS and VmHWM of `pid`, or null when it has gone. */
export function readProcMemory(pid: number): ProcMemory | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * KB;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Every process now: pid → parent pid (the 4th field of /proc/<pid>/stat, after the name in parentheses). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // it ended while we looked
    }
  }
  return out;
}

/** `root`'s descendants, breadth first (children before grandchildren). */
function descendants(root: number): number[] {
  const table = parents();
  const found: number[] = [];
  let level = [root];
  while (level.length > 0) {
    const next = [...table].filter(([, ppid]) => level.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    level = next;
  }
  return found;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * The server's node process under the spawned `tsxPid`: the deepest process of that tree
 * whose command line runs serve/start.ts (tsx starts node again with its loader). Throws
 * when there is none.
 */
export function serverProcess(tsxPid: number): number {
  const tree = [tsxPid, ...descendants(tsxPid)].filter((pid) => commandLine(pid).includes('serve/start.ts'));
  const pid = tree.at(-1);
  if (pid === undefined) throw new Error(`no serve/start.ts process under pid ${tsxPid}`);
  return pid;
}

/**
 * Chromium renderer processes started by this process (through Playwright) that may host a
 * web page: not the browser's own UI (`--top-chrome-webui`) nor an extension's.
 */
export function rendererProcesses(): number[] {
  return descendants(process.pid).filter((pid) => {
    const cmd = commandLine(pid);
    return cmd.includes('--type=renderer') && !cmd.includes('--top-chrome-webui') && !cmd.includes('--extension-process');
  });
}

/** Polls the page's JS heap (CDP) every HEAP_EVERY_MS until stopped; `seen` gets each reading. */
async function sampleHeap(page: Page, seen: (used: number, total: number) => void): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
        seen(value('JSHeapUsedSize'), value('JSHeapTotalSize'));
      } catch {
        return; // the page or its session closed
      }
      await new Promise((r) => setTimeout(r, HEAP_EVERY_MS));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach().catch(() => undefined);
  };
}

/** Starts sampling the server `serverPid` and the renderers of `page`'s browser; phase 'start-up'. */
export async function startMemoryProbe(serverPid: number, page: Page): Promise<MemoryProbe> {
  const phases = new Map<string, PhasePeaks>();
  let current: PhasePeaks = { serverRss: 0, rendererRss: 0, heapUsed: 0 };
  phases.set('start-up', current);
  const renderers = new Map<number, number>(); // pid → VmHWM seen
  let serverHwm = 0;
  let heapUsed = 0;
  let heapTotal = 0;
  let ticks = 0;
  let pids: number[] = [];
  const sample = (): void => {
    if (ticks++ % RESCAN_EVERY === 0) pids = rendererProcesses();
    const server = readProcMemory(serverPid);
    if (server) {
      serverHwm = Math.max(serverHwm, server.hwm);
      current.serverRss = Math.max(current.serverRss, server.rss);
    }
    for (const pid of pids) {
      const m = readProcMemory(pid);
      if (!m) continue;
      renderers.set(pid, Math.max(renderers.get(pid) ?? 0, m.hwm));
      current.rendererRss = Math.max(current.rendererRss, m.rss);
    }
  };
  const stopHeap = await sampleHeap(page, (used, total) => {
    heapUsed = Math.max(heapUsed, used);
    heapTotal = Math.max(heapTotal, total);
    current.heapUsed = Math.max(current.heapUsed, used);
  });
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    phase(name) {
      sample();
      current = { serverRss: 0, rendererRss: 0, heapUsed: 0 };
      phases.set(name, current);
    },
    async stop() {
      sample();
      clearInterval(timer);
      await stopHeap();
      return { serverHwm, rendererHwm: Math.max(0, ...renderers.values()), heapUsed, heapTotal, phases };
    },
  };
}
