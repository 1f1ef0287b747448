/**
 * Text of the review side panel: beat times to the millisecond, durations, the names of
 * rhythm events and the per-class count table. Pure, so the wording is unit-tested.
 */
import { BEAT_LABELS, type BeatLabel, type IrregularSummary, type NoiseSummary, type RhythmEvent, type ReviewSummary } from '../review';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A time in the record as hh:mm:ss.mmm (hours grow past 99 for very long records).
 * Truncates, so 59.9996 s reads 00:00:59.999, never 00:01:00.000; negatives read as 0.
 */
export function formatBeatTime(seconds: number): string {
  const ms = Math.floor(Math.max(0, seconds) * 1000 + 1e-6);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

/** A duration: "1.24 s" under 10 s, "12.4 s" under a minute, "3:05" (m:ss) beyond. */
export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${pad(whole % 60, 2)}`;
}

/** A model confidence as a percentage ("97 %"), or "–" for beats the reviewer added. */
export function formatConfidence(confidence: number | null): string {
  return confidence === null ? '–' : `${Math.round(confidence * 100)} %`;
}

const ECTOPIC_NAME: Readonly<Record<'V' | 'S', { long: string; short: string }>> = {
  V: { long: 'Ventricular', short: 'V' },
  S: { long: 'Supraventricular', short: 'SV' },
};

/**
 * What a reviewer calls an event: "Ventricular couplet", "Supraventricular run (7 beats)",
 * "Ventricular bigeminy (12 beats)", "Pause", "Irregular rhythm, AF or flutter? (812 beats)";
 * with `short`, "V couplet", "SV run (7 beats)", "Irregular (812 beats)" (for the narrow list;
 * the long form goes in its tooltip).
 */
export function eventTitle(event: RhythmEvent, short = false): string {
  if (event.kind === 'pause') return 'Pause';
  if (event.kind === 'irregular') return `${short ? 'Irregular' : 'Irregular rhythm, AF or flutter?'} (${event.beatCount} beats)`;
  const names = event.ectopic ? ECTOPIC_NAME[event.ectopic] : { long: 'Ectopic', short: 'Ectopic' };
  const who = short ? names.short : names.long;
  if (event.kind === 'couplet') return `${who} couplet`;
  return `${who} ${event.kind} (${event.beatCount} beats)`;
}

/** One row of the count table. */
export interface CountRow {
  label: BeatLabel | 'total';
  count: number;
  /** Percent of all beats, as text with one decimal ("12.5 %"). */
  burden: string;
}

/** The count table: one row per AAMI class in model order, then the total. */
export function countRows(summary: Pick<ReviewSummary, 'counts' | 'burdenPercent' | 'total'>): CountRow[] {
  const rows: CountRow[] = BEAT_LABELS.map((label) => ({
    label,
    count: summary.counts[label],
    burden: `${summary.burdenPercent[label].toFixed(1)} %`,
  }));
  rows.push({ label: 'total', count: summary.total, burden: summary.total > 0 ? '100.0 %' : '–' });
  return rows;
}

/** Per-class counts as short text ("N 120 · V 3"), classes with no beats left out. */
export function labelBreakdown(counts: Readonly<Record<BeatLabel, number>>): string {
  return BEAT_LABELS.filter((l) => counts[l] > 0)
    .map((l) => `${l} ${counts[l]}`)
    .join(' · ');
}

/**
 * The irregular-rhythm burden in words, for the summary panel and the report: "none", or
 * "12:30 (41.2 % of the analysed time) in 6 stretches" (shares under 0.1 % as "< 0.1 %").
 */
export function irregularText(irregular: IrregularSummary): string {
  return shareText(irregular.stretchCount, irregular.totalSec, irregular.percent) ?? 'none';
}

/** "1:20 (2.3 % of the analysed time) in 4 stretches", or null for no time at all. */
function shareText(count: number, totalSec: number, percent: number): string | null {
  if (count === 0 || totalSec <= 0) return null;
  const share = percent < 0.1 ? '< 0.1 %' : `${percent.toFixed(1)} %`;
  const stretches = count === 1 ? '1 stretch' : `${count.toLocaleString('en-US')} stretches`;
  return `${formatSpan(totalSec)} (${share} of the analysed time) in ${stretches}`;
}

/**
 * The noisy time in words, for the summary panel and the report: "none", or
 * "1:20 (2.3 % of the analysed time) in 4 stretches, not analysed" (shares under 0.1 % as "< 0.1 %").
 */
export function noiseText(noise: NoiseSummary): string {
  const text = shareText(noise.segmentCount, noise.totalSec, noise.percent);
  return text === null ? 'none' : `${text}, not analysed`;
}
