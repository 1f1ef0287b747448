/**
 * A leading + trailing throttle: the first call runs at once, later calls within
 * `intervalMs` are folded into one call at the end of the interval. Used by the services for
 * the 'review:changed' events of a running analysis (about 4 a second, whatever the chunk
 * rate) and by the renderer's side panels, which refetch after review changes.
 */

/** A throttled action. */
export interface Throttled {
  /** Runs the action now or at the end of the current interval. */
  request(): void;
  /** Runs the action now and drops a pending trailing run. */
  now(): void;
  /** Drops a pending trailing run. */
  cancel(): void;
}

/** Throttles `action` to one run per `intervalMs`. */
export function throttle(action: () => void, intervalMs: number, clock: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = clock();
    action();
  };
  return {
    request() {
      if (timer) return;
      const wait = last + intervalMs - clock();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    now: run,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
