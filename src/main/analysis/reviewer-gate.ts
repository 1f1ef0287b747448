/**
 * The reviewer goes first: while a reviewer turns pages, jumps or edits, the background
 * analysis (classification and the uncertainty pass) stands aside for a moment, so that the
 * page's requests and its drawing have the machine's cores to themselves.
 *
 * Why more than the worker's low thread priority (./thread-priority): on a 2-core machine a
 * page turn wants both cores at once (the services answering, the window drawing and
 * compositing), and a nice value only shares a core that is contended; measured with
 * `npm run bench:review-ui`, pages turned during a 24-hour analysis took about twice as long
 * as after it even at nice 10.
 *
 * How: one SharedArrayBuffer per process, which every analysis worker receives. The main
 * thread writes "stand aside until T" (epoch ms, BigInt64) when an interactive request
 * arrives ({@link ReviewerGate.hold}); the worker, between steps of at most a few tens of ms,
 * sleeps until T ({@link waitForReviewer}, `Atomics.wait` with a timeout on a slot nobody
 * notifies). Nothing is locked and nothing is lost: a worker that misses a hold only runs on.
 */

/** How long the analysis stands aside after an interactive request: the page's answer and its drawing, ms. */
export const REVIEWER_HOLD_MS = 300;

/**
 * Fairness: the worker stands aside at most this long at a time, and then runs at least
 * {@link MIN_RUN_MS} before it looks at the gate again, so a reviewer who never stops (a
 * key held down) slows the analysis to about half its speed but never stops it, ms.
 */
export const MAX_STAND_ASIDE_MS = 300;
export const MIN_RUN_MS = 300;

/** Bytes: a BigInt64 deadline, an Int32 slot the worker sleeps on, an Int32 count of running analyses. */
const GATE_BYTES = 16;
/** Byte offset of the running-analyses count. */
const ACTIVE_OFFSET = 12;

/** The main thread's side of the gate. */
export class ReviewerGate {
  /** Shared with the analysis workers (sent in their requests). */
  readonly buffer = new SharedArrayBuffer(GATE_BYTES);
  private readonly until = new BigInt64Array(this.buffer, 0, 1);

  private readonly active = new Int32Array(this.buffer, ACTIVE_OFFSET, 1);

  /**
   * Counts a classification analysis as running: background uncertainty passes wait for
   * the analyses of recordings being opened ({@link waitWhileAnalysing}). Pair with analysisEnded.
   */
  analysisStarted(): void {
    Atomics.add(this.active, 0, 1);
  }

  analysisEnded(): void {
    Atomics.sub(this.active, 0, 1);
  }

  /** Asks the analysis to stand aside for `ms` from now (a later deadline already set is kept). */
  hold(ms = REVIEWER_HOLD_MS): void {
    const until = BigInt(Date.now() + ms);
    if (Atomics.load(this.until, 0) < until) Atomics.store(this.until, 0, until);
  }
}

/** The gate every analysis of this process shares. */
export const reviewerGate = new ReviewerGate();

/**
 * Worker side, with the fairness rule: a function to call between steps that stands aside
 * while the gate is held (at most MAX_STAND_ASIDE_MS), then lets the next MIN_RUN_MS run
 * without looking. Returns the ms it slept.
 */
export function reviewerYield(buffer: SharedArrayBuffer | null | undefined, options: { maxSleepMs?: number; minRunMs?: number } = {}): () => number {
  const { maxSleepMs = MAX_STAND_ASIDE_MS, minRunMs = MIN_RUN_MS } = options;
  let runUntil = 0;
  return () => {
    if (Date.now() < runUntil) return 0;
    const slept = waitForReviewer(buffer, maxSleepMs);
    if (slept > 0) runUntil = Date.now() + minRunMs;
    return slept;
  };
}

/**
 * Longest a background pass (the uncertainty pass) stands aside at a time, ms. It has no
 * run window: unlike the classification, whose beats the reviewer is waiting for, it only
 * orders the review queue. Measured on bench:holter's 24-hour record, paging right after the
 * analysis: with the fairness rule the passes (and their V8 helper threads) took 1–3.5 s of
 * CPU per 3–5 s of paging and jumps reached p95 255–680 ms; stopped, 75–145 ms.
 */
export const BACKGROUND_MAX_STAND_ASIDE_MS = 5000;

/**
 * Worker side for a background pass: stands aside for as long as the reviewer holds the gate
 * (up to BACKGROUND_MAX_STAND_ASIDE_MS at a time), with no run window between.
 */
export function backgroundYield(buffer: SharedArrayBuffer | null | undefined): () => number {
  return reviewerYield(buffer, { maxSleepMs: BACKGROUND_MAX_STAND_ASIDE_MS, minRunMs: 0 });
}

/**
 * Blocks the calling thread while a hold lasts, at most `maxMs`. Returns the ms slept. A null gate (tests, callers without one) never waits. Must not run on a thread
 * that serves requests (Atomics.wait blocks its event loop): the analysis worker only.
 */
export function waitForReviewer(buffer: SharedArrayBuffer | null | undefined, maxMs = MAX_STAND_ASIDE_MS): number {
  if (!buffer || buffer.byteLength < GATE_BYTES) return 0;
  const until = new BigInt64Array(buffer, 0, 1);
  const sleeper = new Int32Array(buffer, 8, 1);
  const start = Date.now();
  const latest = start + maxMs;
  for (;;) {
    const now = Date.now();
    const wait = Math.min(Number(Atomics.load(until, 0)), latest) - now;
    if (wait <= 0) return now - start;
    Atomics.wait(sleeper, 0, 0, wait);
  }
}

/** How often a waiting uncertainty pass looks again, ms (its event loop runs in between, so a cancel is seen). */
export const ANALYSIS_POLL_MS = 100;

/**
 * Worker side of the background priority: an uncertainty pass waits while any analysis of
 * this process classifies (a recording just opened comes before the uncertainty of one
 * already classified), without blocking its event loop. Resolves at once without a gate.
 */
export async function waitWhileAnalysing(buffer: SharedArrayBuffer | null | undefined, isCancelled: () => boolean): Promise<void> {
  if (!buffer || buffer.byteLength < GATE_BYTES) return;
  const active = new Int32Array(buffer, ACTIVE_OFFSET, 1);
  while (Atomics.load(active, 0) > 0 && !isCancelled()) await new Promise((resolve) => setTimeout(resolve, ANALYSIS_POLL_MS));
}
