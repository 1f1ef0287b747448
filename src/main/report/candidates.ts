/**
 * The strips a report can print, for the reviewer to choose from: the first beat of each
 * class, the rhythm events (runs, couplets, bigeminy, trigeminy, pauses) and the flagged
 * beats the model was least sure of that nobody has reviewed yet. Pure: the services pass
 * in what they read from the review.
 *
 * A strip is 10 s of both leads, as a rhythm strip on a resting ECG. Ids are made from
 * what the strip shows (class, event kind and first beat, beat id), so the same review
 * gives the same ids: the form sends back the ids it keeps.
 */
import type { StripCandidate } from '../../shared/report';
import { BEAT_LABELS, type BeatLabel, type ReviewBeat, type RhythmEvent } from '../../shared/review';
import { eventTitle, formatConfidence, formatSpan } from '../../shared/charts/summary-text';

/** Seconds of ECG on one strip (25 mm/s: 250 mm, the width of a landscape A4 page). */
export const STRIP_SEC = 10;
/** Rhythm events offered at most (the most important first; a 24-hour record may have thousands). */
export const MAX_EVENT_CANDIDATES = 30;
/** Flagged beats offered at most (least confident first). */
export const MAX_FLAGGED_CANDIDATES = 8;
/** Strips selected by default at most. */
export const MAX_DEFAULT_SELECTED = 8;

/** A beat the candidates point at. */
export type FocusBeat = Pick<ReviewBeat, 'id' | 'timeSec' | 'label' | 'confidence'>;

/** What the candidates are chosen from. */
export interface CandidateSource {
  /** Length of the record, seconds. */
  durationSec: number;
  /** The first beat of each class present. */
  firstOfClass: Partial<Record<BeatLabel, FocusBeat>>;
  /** The summary's events, in time order. */
  events: readonly RhythmEvent[];
  /** Unreviewed flagged beats, least confident first. */
  flagged: readonly FocusBeat[];
}

/** A candidate with what the report needs to draw it. */
export interface CandidateStrip extends StripCandidate {
  /** The beat to highlight (the first beat, the flagged beat, an event's first beat). */
  focusBeatId: number;
  /** The event's span, to bracket on the strip; null for a single beat. */
  event: { startSec: number; endSec: number } | null;
}

const CLASS_NAMES: Readonly<Record<BeatLabel, string>> = {
  N: 'normal',
  S: 'supraventricular ectopic',
  V: 'ventricular ectopic',
  F: 'fusion',
  Q: 'unclassifiable',
};

/**
 * The window of a strip showing [focusStartSec, focusEndSec]: centred on it (to the nearest
 * whole second) when it fits with a second to spare each side, else starting a second
 * before it; kept in the record.
 */
export function stripWindow(focusStartSec: number, focusEndSec: number, durationSec: number, stripSec = STRIP_SEC): { startSec: number; durationSec: number } {
  const length = Math.min(stripSec, Math.max(0, durationSec));
  const span = focusEndSec - focusStartSec;
  const ideal = span <= stripSec - 2 ? (focusStartSec + focusEndSec) / 2 - stripSec / 2 : focusStartSec - 1;
  // On a whole second, so that the time labels under the strip start at its left edge.
  const startSec = Math.min(Math.max(0, durationSec - length), Math.max(0, Math.round(ideal)));
  return { startSec, durationSec: length };
}

/** Importance of an event kind for the report (lower first): pauses and ventricular runs lead, then fibrillation's onset. */
export function eventRank(event: RhythmEvent): number {
  const order = ['pause', 'run:V', 'irregular', 'run:S', 'couplet:V', 'bigeminy:V', 'trigeminy:V', 'couplet:S', 'bigeminy:S', 'trigeminy:S'];
  const key = event.kind === 'pause' || event.kind === 'irregular' ? event.kind : `${event.kind}:${event.ectopic ?? ''}`;
  const rank = order.indexOf(key);
  return rank < 0 ? order.length : rank;
}

/** The events in order of importance: by kind, then longest first, then earliest. */
export function rankEvents(events: readonly RhythmEvent[]): RhythmEvent[] {
  const length = (e: RhythmEvent) => (e.kind === 'pause' ? e.endSec - e.startSec : e.beatCount);
  return [...events].sort((a, b) => eventRank(a) - eventRank(b) || length(b) - length(a) || a.startSec - b.startSec);
}

function beatCandidate(kind: 'first-of-class' | 'flagged', beat: FocusBeat, durationSec: number): CandidateStrip {
  const description =
    kind === 'first-of-class'
      ? `First ${beat.label} beat (${CLASS_NAMES[beat.label]})`
      : `${beat.label === 'N' ? 'Uncertain' : 'Flagged'} ${beat.label} beat, confidence ${formatConfidence(beat.confidence)}`;
  return {
    id: kind === 'first-of-class' ? `first-${beat.label}` : `flagged-${beat.id}`,
    kind,
    label: beat.label,
    ...stripWindow(beat.timeSec, beat.timeSec, durationSec),
    description,
    selected: false,
    focusBeatId: beat.id,
    event: null,
  };
}

function eventCandidate(event: RhythmEvent, durationSec: number): CandidateStrip {
  const description = event.kind === 'pause' ? `Pause of ${formatSpan(event.endSec - event.startSec)}` : eventTitle(event);
  return {
    id: `event-${event.kind}-${event.ectopic ?? 'x'}-${event.firstBeatId}`,
    kind: 'event',
    label: event.ectopic,
    ...stripWindow(event.startSec, event.endSec, durationSec),
    description,
    selected: false,
    focusBeatId: event.firstBeatId,
    event: { startSec: event.startSec, endSec: event.endSec },
  };
}

/** Where a candidate's point of interest lies (the event's start, or the beat). */
function focusSec(c: CandidateStrip, beats: ReadonlyMap<number, FocusBeat>): number {
  return c.event?.startSec ?? beats.get(c.focusBeatId)?.timeSec ?? c.startSec + c.durationSec / 2;
}

/**
 * The candidates: first beats (N first, then S, V, F, Q), events (most important first,
 * at most MAX_EVENT_CANDIDATES), flagged beats (at most MAX_FLAGGED_CANDIDATES). Selected
 * by default, in that order and up to MAX_DEFAULT_SELECTED: each first beat, run, pause and
 * onset of irregular rhythm whose point of interest is not already on a selected strip
 * (couplets, bigeminy and trigeminy are offered but left for the reviewer to pick).
 */
export function chooseCandidates(source: CandidateSource): CandidateStrip[] {
  const { durationSec } = source;
  const firsts = BEAT_LABELS.flatMap((label) => {
    const beat = source.firstOfClass[label];
    return beat ? [beatCandidate('first-of-class', beat, durationSec)] : [];
  });
  const ranked = rankEvents(source.events).slice(0, MAX_EVENT_CANDIDATES);
  const events = ranked.map((e) => eventCandidate(e, durationSec));
  const runsAndPauses = events.filter((_, i) => ranked[i]?.kind === 'run' || ranked[i]?.kind === 'pause' || ranked[i]?.kind === 'irregular');
  const flagged = source.flagged.slice(0, MAX_FLAGGED_CANDIDATES).map((b) => beatCandidate('flagged', b, durationSec));
  const beats = new Map<number, FocusBeat>();
  for (const beat of [...Object.values(source.firstOfClass), ...source.flagged]) if (beat) beats.set(beat.id, beat);
  const chosen: CandidateStrip[] = [];
  for (const c of [...firsts, ...runsAndPauses]) {
    if (chosen.length >= MAX_DEFAULT_SELECTED) break;
    const at = focusSec(c, beats);
    if (chosen.some((s) => at >= s.startSec && at < s.startSec + s.durationSec)) continue;
    c.selected = true;
    chosen.push(c);
  }
  return [...firsts, ...events, ...flagged];
}
