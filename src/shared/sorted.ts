/**
 * Binary search over ascending numbers (sample numbers, times), for the services that page
 * through sorted columns. (The running median of ../main/signal/baseline keeps its own copy:
 * a hot loop over one array type, which a shared function seeing several would slow.)
 */

/** Index of the first of `values[0, length)` (ascending) that is ≥ `target`; `length` when none. */
export function lowerBound(values: ArrayLike<number>, target: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
