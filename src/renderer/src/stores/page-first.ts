/**
 * The page on screen comes before the pages around it. The recording and review stores load
 * a page's signals and beats, then prefetch the neighbouring pages; started at once, those
 * prefetches compete with the page itself — for the browser's connections, the services'
 * turn and, above all, the main thread that parses their answers while the page waits to be
 * parsed and drawn (measured on a jump: a beat prefetch answered before the page's signals
 * and pushed its draw back by tens of ms on a loaded 2-core machine).
 *
 * So a store hands the page's own loads to {@link pageLoad} and its prefetches to
 * {@link afterPageShown}: they run once no page load is under way and a frame has been
 * painted since (the page's draw), or after {@link MAX_DEFER_MS} at the latest, so that a
 * load that never settles or a hidden window (no frames) cannot hold them back for long.
 */

/** Longest a prefetch waits, ms. */
export const MAX_DEFER_MS = 400;

let pending = 0;
const queued = new Map<string, () => void>();
/** The queued tasks' wait (its timer is the MAX_DEFER_MS bound). */
let waiting: { timer: ReturnType<typeof setTimeout> } | null = null;
let paintSeq = 0;

/** Marks `load` as part of the page on screen until it settles (or MAX_DEFER_MS at most); returns it. */
export function pageLoad<T>(load: Promise<T>): Promise<T> {
  pending++;
  let counted = true;
  const settle = (): void => {
    if (!counted) return;
    counted = false;
    clearTimeout(timer);
    pending--;
    // The page is complete now: its draw comes in the next frame, and the tasks after that.
    if (pending === 0) waitForPaint();
  };
  // A load that never settles must not hold back every later prefetch.
  const timer = setTimeout(settle, MAX_DEFER_MS);
  load.then(settle, settle);
  return load;
}

/**
 * Runs `task` once the page's loads have settled and it has been painted. A task queued
 * under a key replaces the one of that key still waiting (only the latest page's neighbours
 * are worth loading).
 */
export function afterPageShown(key: string, task: () => void): void {
  queued.set(key, task);
  if (waiting) return;
  waiting = { timer: setTimeout(run, MAX_DEFER_MS) };
  waitForPaint();
}

/** Waits for the next frame to be painted (a timeout queued from requestAnimationFrame runs once it is out). */
function waitForPaint(): void {
  const state = waiting;
  if (!state) return;
  // Only the latest wait counts: a page load that settles later starts a new one.
  const seq = ++paintSeq;
  const painted = (): void => {
    if (waiting === state && seq === paintSeq && pending === 0) run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(painted, 0));
  else setTimeout(painted, 0);
}

function run(): void {
  if (waiting) clearTimeout(waiting.timer);
  waiting = null;
  const tasks = [...queued.values()];
  queued.clear();
  for (const task of tasks) task();
}
