/**
 * Labels as small integers (the column store keeps one Int8 per beat) and the time format
 * of the audit trail. Index order is BEAT_LABELS (N S V F Q, the AAMI EC57 classes); −1
 * means "none" (no reviewer label, or no model prediction for a beat the reviewer added).
 */
import { BEAT_LABELS, type BeatLabel } from '../../shared/review';

/** "No label" in an Int8 label column. */
export const NO_LABEL = -1;

/** Index of the N class, the one label that is not flagged by itself. */
export const LABEL_N = 0;

/** Index of a label in BEAT_LABELS. */
export function labelIndex(label: BeatLabel): number {
  return BEAT_LABELS.indexOf(label);
}

/** The label at `index` (0..4). @throws RangeError for anything else (a bug, not input). */
export function labelAt(index: number): BeatLabel {
  const label = BEAT_LABELS[index];
  if (label === undefined) throw new RangeError(`No beat label has index ${index}.`);
  return label;
}

/**
 * Seconds as `HH:MM:SS.mmm` from the start of the record (hours not wrapped at 24, so a
 * 48-hour Holter reads 47:59:59.999 at its end).
 */
export function formatClock(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalSec = Math.floor(totalMs / 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(Math.floor(totalSec / 3600))}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}.${pad(ms, 3)}`;
}

/** "1 beat", "2 beats", with thousands separators. */
export function beatsText(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'beat' : 'beats'}`;
}
