import { describe, expect, it } from 'vitest';
import { A4, packStrips, pageBox, pageLabel, paginateRows, PT_PER_MM } from '../../../../src/main/report/layout';

describe('packStrips', () => {
  it('puts as many strips on a page as fit, in order', () => {
    expect(packStrips([250, 250, 250, 300, 100], 510, 510, 8)).toEqual([[0, 1], [2], [3, 4]]);
  });

  it('leaves less room on the first page and gives an oversized strip its own page', () => {
    expect(packStrips([250, 250, 600, 250], 450, 510, 8)).toEqual([[0], [1], [2], [3]]);
  });

  it('makes no pages for no strips', () => {
    expect(packStrips([], 500, 500, 8)).toEqual([]);
  });
});

describe('paginateRows', () => {
  it('fills the first page with what fits there, then full pages', () => {
    expect(paginateRows(61, 19, 45)).toEqual([[0, 19], [19, 61]]);
    expect(paginateRows(100, 10, 40)).toEqual([[0, 10], [10, 50], [50, 90], [90, 100]]);
  });

  it('puts at least one row on a page and none for an empty table', () => {
    expect(paginateRows(3, 0, 2)).toEqual([[0, 1], [1, 3]]);
    expect(paginateRows(0, 5, 5)).toEqual([]);
  });
});

describe('pageBox', () => {
  it('gives a landscape page room for a 10-s strip at 25 mm/s with its 20-mm margin', () => {
    const box = pageBox('landscape');
    expect(box.widthPt).toBe(A4.longPt);
    expect(box.contentWidthPt).toBeGreaterThan(270 * PT_PER_MM);
    expect(box.contentBottomPt).toBeLessThan(box.heightPt);
  });
});

describe('pageLabel', () => {
  it('counts pages from 1', () => {
    expect(pageLabel(0, 11)).toBe('page 1 of 11');
  });
});
