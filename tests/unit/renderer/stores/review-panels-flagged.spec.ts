import { describe, expect, it } from 'vitest';
import type { FlaggedPage, ReviewBeat } from '../../../../src/shared/review';
import type { Result } from '../../../../src/shared/result';
import { FLAGGED_PAGE_SIZE, FlaggedPages, flaggedQuery, matchesFlagged, scrollToShow, visibleRows } from '../../../../src/renderer/src/stores/review-panels-flagged';

function beat(id: number, timeSec: number): ReviewBeat {
  return { id, sample: Math.round(timeSec * 360), timeSec, label: 'V', predicted: 'V', confidence: 0.9, uncertainty: 0.1, reviewed: false, added: false, flagged: true, templateId: 1 };
}

/** A fake service holding `n` flagged beats, one per second (ids 1000 + row), counting requests. */
function service(n: number) {
  const rows = Array.from({ length: n }, (_, i) => beat(1000 + i, i + 0.5));
  const calls: number[] = [];
  const fetch = (offset: number, limit: number): Promise<Result<FlaggedPage>> => {
    calls.push(offset);
    return Promise.resolve({ ok: true, value: { total: rows.length, beats: rows.slice(offset, offset + limit) } });
  };
  return { rows, calls, fetch };
}

describe('FlaggedPages.ensure', () => {
  it('fetches only the pages covering the rows asked for', async () => {
    const s = service(10_000);
    const pages = new FlaggedPages(s.fetch, () => {});
    await pages.ensure(0, 10);
    expect(pages.total).toBe(10_000);
    await pages.ensure(4990, 5030);
    expect(s.calls).toEqual([0, 4800, 5000]);
    expect(pages.at(5010)?.id).toBe(6010);
    expect(pages.at(3000)).toBeUndefined();
  });

  it('asks again for a page after invalidate but keeps showing the stale one meanwhile', async () => {
    const s = service(500);
    const pages = new FlaggedPages(s.fetch, () => {});
    await pages.ensure(0, 10);
    pages.invalidate();
    expect(pages.at(3)?.id).toBe(1003);
    await pages.ensure(0, 10);
    expect(s.calls).toEqual([0, 0]);
  });

  it('ignores an answer that arrives after clear', async () => {
    let release: (value: Result<FlaggedPage>) => void = () => {};
    const slow = () => new Promise<Result<FlaggedPage>>((resolve) => (release = resolve));
    const pages = new FlaggedPages(slow, () => {});
    const pending = pages.ensure(0, 10);
    pages.clear(service(3).fetch);
    release({ ok: true, value: { total: 99, beats: [beat(1, 1)] } });
    await pending;
    expect(pages.total).toBeNull();
    expect(pages.at(0)).toBeUndefined();
  });

  it('keeps the error of a failed request and clears it on the next success', async () => {
    let fail = true;
    const s = service(5);
    const pages = new FlaggedPages((o, l) => (fail ? Promise.resolve({ ok: false, error: { code: 'internal', message: 'boom' } }) : s.fetch(o, l)), () => {});
    await pages.ensure(0, 1);
    expect(pages.error?.message).toBe('boom');
    fail = false;
    await pages.ensure(0, 1);
    expect(pages.error).toBeNull();
    expect(pages.total).toBe(5);
  });
});

describe('FlaggedPages.locateByTime', () => {
  it('finds the row of a beat on an unloaded page with a binary search over pages', async () => {
    const s = service(10_000);
    const pages = new FlaggedPages(s.fetch, () => {});
    const target = s.rows[7321] as ReviewBeat;
    expect(await pages.locateByTime(target)).toBe(7321);
    expect(s.calls.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(10_000 / FLAGGED_PAGE_SIZE)) + 1);
  });

  it('returns -1 for a beat that is not in the list', async () => {
    const pages = new FlaggedPages(service(1000).fetch, () => {});
    expect(await pages.locateByTime({ id: 5, timeSec: 200.5 })).toBe(-1);
    expect(await pages.locateByTime({ id: 5, timeSec: 5000 })).toBe(-1);
  });
});

describe('visibleRows', () => {
  it('covers the viewport plus the overscan, clamped to the list', () => {
    expect(visibleRows(0, 240, 24, 10_000, 5)).toEqual({ first: 0, last: 14 });
    expect(visibleRows(2400, 240, 24, 10_000, 5)).toEqual({ first: 95, last: 114 });
    expect(visibleRows(239_900, 240, 24, 10_000, 5)).toEqual({ first: 9990, last: 9999 });
  });

  it('gives no rows for an empty list', () => {
    const r = visibleRows(0, 240, 24, 0, 5);
    expect(r.last).toBeLessThan(r.first);
  });
});

describe('scrollToShow', () => {
  it('leaves the scroll alone when the row is in view', () => {
    expect(scrollToShow(5, 0, 240, 24)).toBe(0);
  });

  it('scrolls down just enough to show a row below the viewport, with one row of margin', () => {
    const top = scrollToShow(100, 0, 240, 24);
    expect(top).toBe(100 * 24 + 48 - 240);
  });

  it('scrolls up to a row above the viewport, with one row of margin', () => {
    expect(scrollToShow(10, 2400, 240, 24)).toBe(9 * 24);
  });
});

describe('flaggedQuery', () => {
  it('drops an empty class list and fills in the threshold', () => {
    expect(flaggedQuery({ labels: [], unreviewedOnly: false }, 0.8)).toEqual({ confidenceThreshold: 0.8 });
    expect(flaggedQuery({ labels: ['V'], maxConfidence: 0.5, confidenceThreshold: 0.9, unreviewedOnly: true }, 0.8)).toEqual({
      labels: ['V'],
      maxConfidence: 0.5,
      unreviewedOnly: true,
      confidenceThreshold: 0.9,
    });
  });
});

describe('matchesFlagged', () => {
  const v = beat(1, 1);
  it('accepts a flagged beat that passes every part of the filter', () => {
    expect(matchesFlagged(v, { labels: ['V', 'S'], maxConfidence: 0.95 })).toBe(true);
  });

  it('rejects a beat that is not flagged, of another class, too confident or already reviewed', () => {
    expect(matchesFlagged({ ...v, flagged: false }, {})).toBe(false);
    expect(matchesFlagged(v, { labels: ['S'] })).toBe(false);
    expect(matchesFlagged(v, { maxConfidence: 0.5 })).toBe(false);
    expect(matchesFlagged({ ...v, reviewed: true }, { unreviewedOnly: true })).toBe(false);
  });

  it('lets an added beat (no confidence) through a confidence limit', () => {
    expect(matchesFlagged({ ...v, confidence: null, added: true }, { maxConfidence: 0.1 })).toBe(true);
  });
});
