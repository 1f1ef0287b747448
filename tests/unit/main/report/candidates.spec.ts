import { describe, expect, it } from 'vitest';
import type { RhythmEvent } from '../../../../src/shared/review';
import { chooseCandidates, MAX_DEFAULT_SELECTED, MAX_EVENT_CANDIDATES, MAX_FLAGGED_CANDIDATES, rankEvents, stripWindow, type CandidateSource } from '../../../../src/main/report/candidates';

const beat = (id: number, timeSec: number, label: 'N' | 'S' | 'V' | 'F' | 'Q', confidence = 0.99) => ({ id, timeSec, label, confidence });
const event = (kind: RhythmEvent['kind'], ectopic: 'V' | 'S' | null, startSec: number, endSec: number, beatCount: number, firstBeatId: number): RhythmEvent => ({ kind, ectopic, startSec, endSec, beatCount, firstBeatId });

describe('stripWindow', () => {
  it('centres a short focus on a whole second', () => {
    expect(stripWindow(100.4, 100.4, 1800)).toEqual({ startSec: 95, durationSec: 10 });
  });

  it('keeps the window inside the record at both ends', () => {
    expect(stripWindow(1, 1, 1800)).toEqual({ startSec: 0, durationSec: 10 });
    expect(stripWindow(1799, 1799, 1800)).toEqual({ startSec: 1790, durationSec: 10 });
    expect(stripWindow(2, 3, 6)).toEqual({ startSec: 0, durationSec: 6 });
  });

  it('starts a second before a focus too long to centre', () => {
    expect(stripWindow(200, 230, 1800)).toEqual({ startSec: 199, durationSec: 10 });
  });
});

describe('rankEvents', () => {
  it('puts pauses, then ventricular runs, first, longest first', () => {
    const ranked = rankEvents([
      event('couplet', 'S', 1, 2, 2, 1),
      event('run', 'V', 5, 7, 4, 2),
      event('pause', null, 9, 11.5, 2, 3),
      event('run', 'V', 20, 24, 9, 4),
      event('pause', null, 30, 33, 2, 5),
    ]);
    expect(ranked.map((e) => e.firstBeatId)).toEqual([5, 3, 4, 2, 1]);
  });
});

describe('chooseCandidates', () => {
  const source: CandidateSource = {
    durationSec: 1800,
    firstOfClass: { N: beat(0, 0.3, 'N'), V: beat(40, 31.2, 'V'), S: beat(3, 2.1, 'S') },
    events: [event('couplet', 'V', 300, 301, 2, 500), event('run', 'V', 600, 603, 5, 900), event('pause', null, 1000, 1002.6, 2, 1200), event('run', 'S', 33, 35, 3, 44)],
    flagged: [beat(77, 700.5, 'N', 0.41), beat(78, 720.1, 'F', 0.5)],
  };

  it('offers the first beat of each class, the events and the flagged beats, with stable ids', () => {
    const ids = chooseCandidates(source).map((c) => c.id);
    expect(ids).toEqual(['first-N', 'first-S', 'first-V', 'event-pause-x-1200', 'event-run-V-900', 'event-run-S-44', 'event-couplet-V-500', 'flagged-77', 'flagged-78']);
    expect(chooseCandidates(source).map((c) => c.id)).toEqual(ids);
  });

  it('selects first beats, runs and pauses, but not a strip whose point is already shown', () => {
    const selected = chooseCandidates(source).filter((c) => c.selected).map((c) => c.id);
    // first-S (2.1 s) lies on first-N's strip [0, 10); the S run (33 s) on first-V's [26, 36).
    expect(selected).toEqual(['first-N', 'first-V', 'event-pause-x-1200', 'event-run-V-900']);
  });

  it('describes events and flagged beats as a reviewer would', () => {
    const byId = new Map(chooseCandidates(source).map((c) => [c.id, c]));
    expect(byId.get('event-pause-x-1200')).toMatchObject({ kind: 'event', label: null, description: 'Pause of 2.60 s', startSec: 996 });
    expect(byId.get('event-run-V-900')).toMatchObject({ label: 'V', description: 'Ventricular run (5 beats)', event: { startSec: 600, endSec: 603 } });
    expect(byId.get('flagged-77')).toMatchObject({ kind: 'flagged', description: 'Uncertain N beat, confidence 41 %', selected: false, focusBeatId: 77 });
  });

  it('caps events, flagged beats and the default selection', () => {
    const many: CandidateSource = {
      durationSec: 86_400,
      firstOfClass: {},
      events: Array.from({ length: 100 }, (_, i) => event('run', 'V', i * 60, i * 60 + 2, 3, i)),
      flagged: Array.from({ length: 50 }, (_, i) => beat(1000 + i, i * 30 + 7, 'N', 0.5)),
    };
    const candidates = chooseCandidates(many);
    expect(candidates.filter((c) => c.kind === 'event')).toHaveLength(MAX_EVENT_CANDIDATES);
    expect(candidates.filter((c) => c.kind === 'flagged')).toHaveLength(MAX_FLAGGED_CANDIDATES);
    expect(candidates.filter((c) => c.selected)).toHaveLength(MAX_DEFAULT_SELECTED);
  });
});
