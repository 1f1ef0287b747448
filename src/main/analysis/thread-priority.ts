/**
 * Lowers the scheduling priority of the calling thread, so that a long analysis gives way to
 * the threads a reviewer is waiting on (the main process answering page requests, the
 * window drawing them). On a 2-core machine the analysis otherwise holds one core and the
 * rest share the other, and pages turned during an analysis come late.
 *
 * Linux gives each thread its own nice value, and setpriority(PRIO_PROCESS, tid) sets it for
 * that thread alone; `/proc/thread-self` names the calling thread's id. Node's
 * `os.setPriority` is that call. Raising the nice value needs no privilege. Elsewhere (macOS,
 * Windows: no per-thread nice through this call) nothing is changed, rather than lowering the
 * whole process, the main thread included.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value an analysis thread runs at (0 is normal, 19 the lowest priority). */
export const ANALYSIS_NICE = 10;

/** The Linux id of the calling thread, or null where /proc/thread-self does not exist. */
export function currentThreadId(): number | null {
  try {
    const match = /\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Sets the calling thread's nice value to `nice` (Linux only). Returns whether it did: a
 * failure only means the analysis runs at normal priority.
 */
export function lowerThreadPriority(nice = ANALYSIS_NICE): boolean {
  const tid = currentThreadId();
  if (tid === null) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
