import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatWallClock, parseClock } from '../../../../src/shared/charts/time';

describe('formatClock', () => {
  it('writes h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(3723)).toBe('1:02:03');
  });

  it('truncates decimals so that 59.99 s never reads 1:00', () => {
    expect(formatClock(59.99, { decimals: 1 })).toBe('0:00:59.9');
    expect(formatClock(12.5, { decimals: 1 })).toBe('0:00:12.5');
  });

  it('writes m:ss when short and under an hour', () => {
    expect(formatClock(1805, { short: true })).toBe('30:05');
    expect(formatClock(3600, { short: true })).toBe('1:00:00');
  });
});

describe('parseClock', () => {
  it('reads h:mm:ss, m:ss and seconds, with decimals', () => {
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('12:30')).toBe(750);
    expect(parseClock('90')).toBe(90);
    expect(parseClock(' 0:00:01.5 ')).toBe(1.5);
  });

  it('refuses text that is not a time', () => {
    expect(parseClock('')).toBeNull();
    expect(parseClock('abc')).toBeNull();
    expect(parseClock('1:75')).toBeNull();
    expect(parseClock('-3')).toBeNull();
  });
});

describe('formatWallClock', () => {
  it('adds the offset to the base time and wraps past midnight', () => {
    expect(formatWallClock(8 * 3600, 90)).toBe('08:01:30');
    expect(formatWallClock(23 * 3600 + 59 * 60, 120)).toBe('00:01:00');
  });
});

describe('formatDuration', () => {
  it('says unknown when the length is not known', () => {
    expect(formatDuration(null)).toBe('unknown');
    expect(formatDuration(1805.6)).toBe('30:05');
  });
});
