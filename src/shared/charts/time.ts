/**
 * Clock-time text for the strip, the header and the jump field. Times are seconds from the
 * start of the record; wall-clock time is the header's base time plus that offset.
 */

const SEC_PER_DAY = 86_400;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Formats seconds as h:mm:ss (or m:ss when `short` and under an hour). `decimals` adds
 * fractional seconds (truncated, so 59.999 never shows as 60). Negative input is clamped to 0.
 */
export function formatClock(seconds: number, options: { short?: boolean; decimals?: number } = {}): string {
  const decimals = options.decimals ?? 0;
  const scale = 10 ** decimals;
  const total = Math.floor(Math.max(0, seconds) * scale + 1e-6) / scale;
  const whole = Math.floor(total);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const frac = decimals > 0 ? (total - whole).toFixed(decimals).slice(1) : '';
  if (options.short && h === 0) return `${m}:${pad2(s)}${frac}`;
  return `${h}:${pad2(m)}:${pad2(s)}${frac}`;
}

/**
 * Parses what a user types in the jump field: "h:mm:ss", "m:ss", "ss" (each part may carry
 * decimals on the last field, e.g. "1:02:03.5"). Returns seconds, or null when the text is
 * not a time (empty, letters, minutes or seconds of 60 or more in a multi-part time).
 */
export function parseClock(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(trimmed)) return null;
  const parts = trimmed.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return null;
  if (parts.length > 1 && parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/**
 * Parses a WFDB base time ("HH:MM:SS", "HH:MM:SS.sss", "MM:SS" or "SS") into seconds after
 * midnight; null when absent or malformed.
 */
export function parseBaseTime(baseTime: string | null): number | null {
  if (baseTime === null) return null;
  return parseClock(baseTime);
}

/**
 * Wall-clock time of day ("HH:MM:SS") `offsetSec` after a base time of `baseSec` seconds
 * after midnight; wraps past midnight because Holter recordings run over it.
 */
export function formatWallClock(baseSec: number, offsetSec: number): string {
  const t = Math.floor(baseSec + offsetSec + 1e-6);
  const inDay = ((t % SEC_PER_DAY) + SEC_PER_DAY) % SEC_PER_DAY;
  const h = Math.floor(inDay / 3600);
  const m = Math.floor((inDay % 3600) / 60);
  const s = inDay % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** Formats a duration for the header: "30:06" under an hour, "24:00:00" otherwise. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'unknown';
  return formatClock(seconds, { short: true });
}
