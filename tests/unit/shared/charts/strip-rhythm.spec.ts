import { describe, expect, it } from 'vitest';
import { IRREGULAR_LABEL, irregularGraphic } from '../../../../src/shared/charts/strip-rhythm';
import type { StripGeometry } from '../../../../src/shared/charts/strip-beats';

/** A page from 100 s, 10 s wide at 100 px/s, the signal area from x = 50. */
const G: StripGeometry = { startSec: 100, plotLeftPx: 50, plotWidthPx: 1000, pxPerSec: 100, paperTopPx: 62, paperHeightPx: 300 };

type Group = { children: { type: string; shape?: { x: number; y: number; width: number; height: number }; style?: { text?: string } }[] };

describe('irregularGraphic', () => {
  it('draws a thin bar along the top of the paper over each stretch, cut at the page, and captions the wide ones', () => {
    const group = irregularGraphic([{ startSec: 95, endSec: 101 }, { startSec: 104, endSec: 130 }], G) as Group;
    const rects = group.children.filter((c) => c.type === 'rect');
    expect(rects.map((r) => r.shape)).toEqual([
      { x: 50, y: 62, width: 100, height: 6 },
      { x: 450, y: 62, width: 600, height: 6 },
    ]);
    // 100 px is too narrow for the words; 600 px is not.
    expect(group.children.filter((c) => c.type === 'text').map((c) => c.style?.text)).toEqual([IRREGULAR_LABEL]);
  });

  it('is null when no stretch is on the page', () => {
    expect(irregularGraphic([{ startSec: 0, endSec: 50 }], G)).toBeNull();
  });
});
