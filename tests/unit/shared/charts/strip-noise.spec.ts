import { describe, expect, it } from 'vitest';
import { NOISE_LABEL, noiseGraphic } from '../../../../src/shared/charts/strip-noise';
import { stretchBands } from '../../../../src/shared/charts/strip-spans';
import type { StripGeometry } from '../../../../src/shared/charts/strip-beats';

/** A page from 100 s, 10 s wide at 100 px/s, the signal area from x = 50. */
const G: StripGeometry = { startSec: 100, plotLeftPx: 50, plotWidthPx: 1000, pxPerSec: 100, paperTopPx: 62, paperHeightPx: 300 };

describe('stretchBands', () => {
  it('places each stretch on the page, cut at the page edges, and leaves out stretches off the page', () => {
    expect(stretchBands([{ startSec: 95, endSec: 101 }, { startSec: 104, endSec: 105.5 }, { startSec: 120, endSec: 130 }], G))
      .toEqual([{ x0: 50, x1: 150 }, { x0: 450, x1: 600 }]);
  });
});

describe('noiseGraphic', () => {
  it('shades the paper under each band and captions the bands wide enough for the words', () => {
    const group = noiseGraphic([{ startSec: 101, endSec: 101.5 }, { startSec: 104, endSec: 108 }], G) as { children: { type: string; shape?: { y: number; height: number }; style?: { text?: string } }[] };
    const rects = group.children.filter((c) => c.type === 'rect');
    expect(rects).toHaveLength(2);
    expect(rects[0]?.shape).toMatchObject({ y: 62, height: 300 });
    expect(group.children.filter((c) => c.type === 'text').map((c) => c.style?.text)).toEqual([NOISE_LABEL]);
  });

  it('is null when no stretch is on the page', () => {
    expect(noiseGraphic([{ startSec: 0, endSec: 50 }], G)).toBeNull();
  });
});
