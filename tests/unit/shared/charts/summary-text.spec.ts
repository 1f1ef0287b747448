import { describe, expect, it } from 'vitest';
import type { RhythmEvent } from '../../../../src/shared/review';
import { countRows, eventTitle, formatBeatTime, formatConfidence, formatSpan, irregularText, labelBreakdown, noiseText } from '../../../../src/shared/charts/summary-text';

describe('formatBeatTime', () => {
  it('writes hh:mm:ss.mmm and truncates rather than rounds up', () => {
    expect(formatBeatTime(0)).toBe('00:00:00.000');
    expect(formatBeatTime(3723.4567)).toBe('01:02:03.456');
    expect(formatBeatTime(59.9996)).toBe('00:00:59.999');
    expect(formatBeatTime(-3)).toBe('00:00:00.000');
  });

  it('keeps exact milliseconds despite binary fractions', () => {
    expect(formatBeatTime(0.3)).toBe('00:00:00.300');
    expect(formatBeatTime(86_399.001)).toBe('23:59:59.001');
  });
});

describe('formatSpan', () => {
  it('picks the precision by size', () => {
    expect(formatSpan(2.345)).toBe('2.35 s');
    expect(formatSpan(12.34)).toBe('12.3 s');
    expect(formatSpan(185)).toBe('3:05');
    expect(formatSpan(NaN)).toBe('–');
  });
});

describe('formatConfidence', () => {
  it('shows a percentage, or a dash for an added beat', () => {
    expect(formatConfidence(0.974)).toBe('97 %');
    expect(formatConfidence(null)).toBe('–');
  });
});

describe('eventTitle', () => {
  const base: RhythmEvent = { kind: 'run', ectopic: 'V', startSec: 1, endSec: 3, beatCount: 5, firstBeatId: 9 };
  it('names runs, couplets and patterns with their ectopic origin', () => {
    expect(eventTitle(base)).toBe('Ventricular run (5 beats)');
    expect(eventTitle({ ...base, kind: 'couplet', ectopic: 'S', beatCount: 2 })).toBe('Supraventricular couplet');
    expect(eventTitle({ ...base, kind: 'bigeminy', beatCount: 12 })).toBe('Ventricular bigeminy (12 beats)');
    expect(eventTitle({ ...base, kind: 'irregular', ectopic: null, beatCount: 812 })).toBe('Irregular rhythm, AF or flutter? (812 beats)');
    expect(eventTitle({ ...base, kind: 'irregular', ectopic: null, beatCount: 812 }, true)).toBe('Irregular (812 beats)');
    expect(eventTitle({ ...base, kind: 'pause', ectopic: null, beatCount: 2 })).toBe('Pause');
  });

  it('abbreviates the origin in the short form', () => {
    expect(eventTitle(base, true)).toBe('V run (5 beats)');
    expect(eventTitle({ ...base, kind: 'couplet', ectopic: 'S', beatCount: 2 }, true)).toBe('SV couplet');
  });
});

describe('countRows', () => {
  it('lists the classes in model order, then the total', () => {
    const rows = countRows({
      total: 8,
      counts: { N: 4, S: 0, V: 3, F: 1, Q: 0 },
      burdenPercent: { N: 50, S: 0, V: 37.5, F: 12.5, Q: 0 },
    });
    expect(rows.map((r) => r.label)).toEqual(['N', 'S', 'V', 'F', 'Q', 'total']);
    expect(rows[2]).toEqual({ label: 'V', count: 3, burden: '37.5 %' });
    expect(rows[5]).toEqual({ label: 'total', count: 8, burden: '100.0 %' });
  });
});

describe('labelBreakdown', () => {
  it('lists only the classes present', () => {
    expect(labelBreakdown({ N: 120, S: 0, V: 3, F: 0, Q: 1 })).toBe('N 120 · V 3 · Q 1');
  });
});

describe('irregularText', () => {
  it('says none, or how long, what share and in how many stretches the rhythm was irregular', () => {
    expect(irregularText({ stretchCount: 0, totalSec: 0, percent: 0 })).toBe('none');
    expect(irregularText({ stretchCount: 6, totalSec: 750, percent: 41.23 })).toBe('12:30 (41.2 % of the analysed time) in 6 stretches');
    expect(irregularText({ stretchCount: 1, totalSec: 2, percent: 0.04 })).toBe('2.00 s (< 0.1 % of the analysed time) in 1 stretch');
  });
});

describe('noiseText', () => {
  it('says none, or how long, what share and how many stretches were not analysed', () => {
    expect(noiseText({ segmentCount: 0, totalSec: 0, percent: 0 })).toBe('none');
    expect(noiseText({ segmentCount: 4, totalSec: 80, percent: 2.34 })).toBe('1:20 (2.3 % of the analysed time) in 4 stretches, not analysed');
    expect(noiseText({ segmentCount: 1, totalSec: 2, percent: 0.04 })).toBe('2.00 s (< 0.1 % of the analysed time) in 1 stretch, not analysed');
  });
});
