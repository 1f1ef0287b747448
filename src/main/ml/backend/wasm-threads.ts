/**
 * Starting the TensorFlow.js `wasm` backend in Node, optionally with XNNPACK threads.
 *
 * Out of the box tfjs-backend-wasm 4.22 never runs threaded in Node, for three reasons
 * (found by reading its glue code and confirmed by experiment):
 * 1. its `WASM_HAS_MULTITHREAD_SUPPORT` flag answers false whenever it sees Node
 *    (tensorflow/tfjs#3830), so the single-threaded binary is loaded and
 *    `setThreadsCount` has nothing to act on;
 * 2. with the flag forced, Emscripten starts its pthread workers from a `blob:` URL and
 *    sends them the main script as a Blob, neither of which Node's `worker_threads` can
 *    load;
 * 3. the C++ side caps the thread count at half the logical cores
 *    (`emscripten_num_logical_cores() / 2`, which is `os.cpus().length / 2` in Node), i.e.
 *    at one thread on a two-core machine.
 * `initWasmBackend` works around all three while the backend starts — forcing the flag,
 * turning the blob worker into an `eval` worker whose glue loader reads the package's own
 * `tfjs-backend-wasm-threaded-simd.js`, and (only when asked for more threads than half
 * the cores) reporting enough cores — and undoes the two global patches before it
 * returns. Threads speed up XNNPACK's convolutions and matrix products; our JavaScript
 * kernels and the engine's bookkeeping stay on the calling thread.
 *
 * The pthread workers are unreferenced, so they never keep a Node process alive.
 */
import { env, getBackend, setBackend } from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import type * as osModule from 'node:os';
import type * as workerThreads from 'node:worker_threads';

/** tfjs-backend-wasm pre-creates this many pthread workers; its C++ caps threads here too. */
export const MAX_WASM_THREADS = 8;

/** Options for `initWasmBackend`. */
export interface WasmInitOptions {
  /** XNNPACK threads, 1 … 8 (default 1: the single-threaded SIMD binary). */
  threads?: number;
}

const nodeRequire = createRequire(import.meta.url);

type WorkerCtor = typeof workerThreads.Worker;

/** A Worker class that starts Emscripten's blob-URL pthread workers as eval workers. */
function pthreadWorkerClass(RealWorker: WorkerCtor): WorkerCtor {
  const gluePath = nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = nodeRequire(
    '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js',
  ) as { wasmWorkerContents: string };
  // The worker imports the main script from URL.createObjectURL(blob): point that at the
  // glue file on disk. The contents are a template literal whose "\n" escapes became real
  // newlines inside string literals; tfjs re-escapes them the same way.
  const source =
    `URL.createObjectURL = () => ${JSON.stringify(gluePath)}; URL.revokeObjectURL = () => {};\n` +
    wasmWorkerContents.replace(/\n/g, '\\n');
  return class PthreadWorker extends RealWorker {
    private readonly pthread: boolean;
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      const isBlob = typeof filename === 'string' && filename.startsWith('blob:');
      super(isBlob ? source : filename, isBlob ? { ...options, eval: true } : options);
      this.pthread = isBlob;
      if (isBlob) this.unref();
    }
    // Emscripten refs a worker while it runs a pthread; XNNPACK's pool threads run forever.
    override ref(): void {
      if (!this.pthread) super.ref();
    }
  };
}

/** Runs `start` with the three workarounds in place, then restores the globals. */
async function withThreadedStartup<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const wt = nodeRequire('node:worker_threads') as { Worker: WorkerCtor };
  const os = nodeRequire('node:os') as { cpus: typeof osModule.cpus };
  const [realWorker, realCpus] = [wt.Worker, os.cpus];
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wt.Worker = pthreadWorkerClass(realWorker);
  if (realCpus().length < 2 * threads) {
    os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => realCpus()[i % realCpus().length] as osModule.CpuInfo);
  }
  try {
    return await start();
  } finally {
    wt.Worker = realWorker;
    os.cpus = realCpus;
  }
}

/**
 * Makes 'wasm' the active tfjs backend, with `threads` XNNPACK threads (Node only). Must
 * run before anything else initialises the wasm backend: the binary (threaded or not) is
 * chosen once per process.
 * @returns the thread count the backend reports.
 * @throws Error for a thread count outside 1 … 8, when the backend fails to start, or when
 *   it was already started with another thread count.
 */
export async function initWasmBackend(options: WasmInitOptions = {}): Promise<number> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new Error(`wasm threads must be an integer from 1 to ${MAX_WASM_THREADS}, got ${threads}`);
  }
  setThreadsCount(threads);
  const start = async (): Promise<boolean> => setBackend('wasm');
  const started = threads === 1 ? await start() : await withThreadedStartup(threads, start);
  if (!started || getBackend() !== 'wasm') {
    throw new Error(`the tfjs wasm backend failed to start (asked for ${threads} thread(s))`);
  }
  const actual = getThreadsCount();
  if (actual !== threads) {
    throw new Error(`the tfjs wasm backend runs ${actual} thread(s), not ${threads}: it was started earlier`);
  }
  return actual;
}
