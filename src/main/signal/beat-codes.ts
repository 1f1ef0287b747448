/** TEMPORARY until engineer B's isBeatCode lands: WFDB isqrs() table. */
const BEAT = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 31, 34, 35, 38, 41]);
/** WFDB isqrs(). */
export function isBeatCode(code: number): boolean {
  return BEAT.has(code);
}
