import { describe, expect, it } from 'vitest';
import type { BeatAttention } from '../../../../src/shared/review';
import type { StripGeometry } from '../../../../src/shared/charts/strip-beats';
import { HEAT_LEVELS, HEAT_MAX_OPACITY, heatCells, heatProfile, heatmapGraphic } from '../../../../src/shared/charts/strip-heatmap';

/** 100 px per second, so a 2 px cell is 20 ms. */
const geometry: StripGeometry = { startSec: 10, plotLeftPx: 50, plotWidthPx: 400, pxPerSec: 100, paperTopPx: 62, paperHeightPx: 300 };

function attention(beatId: number, startSec: number, weights: number[], stepSec = 0.02): BeatAttention {
  return { beatId, startSec, stepSec, weights };
}

describe('heatProfile', () => {
  it('puts each weight on the cells its time covers, scaled from the beat\'s smallest to its largest', () => {
    const profile = heatProfile([attention(1, 10.2, [0.4, 0.7, 1, 0.4])], geometry);
    expect(profile.length).toBe(200);
    expect(profile[9]).toBe(0);
    expect(profile[10]).toBeCloseTo(0, 6);
    expect(profile[11]).toBeCloseTo(0.5, 6);
    expect(profile[12]).toBeCloseTo(1, 6);
    expect(profile[13]).toBeCloseTo(0, 6);
    expect(profile[14]).toBe(0);
  });

  it('keeps the larger weight where two beats\' windows overlap', () => {
    const a = attention(1, 10.0, [0, 1, 0.5, 0]);
    const b = attention(2, 10.04, [0, 0.25, 1, 0]);
    const profile = heatProfile([a, b], geometry);
    // Cell 2 (10.04–10.06 s): a says 0.5, b says 0; cell 3: a 0, b 0.25; cell 4: b 1.
    expect(profile[1]).toBeCloseTo(1, 6);
    expect(profile[2]).toBeCloseTo(0.5, 6);
    expect(profile[3]).toBeCloseTo(0.25, 6);
    expect(profile[4]).toBeCloseTo(1, 6);
  });

  it('ignores weights outside the page and a flat window does not fill the page', () => {
    const profile = heatProfile([attention(1, 5, [1, 1, 1]), attention(2, 20, [0.2, 1])], geometry);
    expect(Math.max(...profile)).toBe(0);
    const flat = heatProfile([attention(3, 10, [0.6, 0.6])], geometry);
    expect(flat[0]).toBeCloseTo(0.6, 6);
  });
});

describe('heatCells', () => {
  it('merges runs of one level and leaves out empty columns', () => {
    const profile = Float32Array.from([0, 1, 1, 0.5, 0.49, 0, 0.02]);
    const cells = heatCells(profile, 50);
    expect(cells).toEqual([
      { x0: 52, x1: 56, level: HEAT_LEVELS },
      { x0: 56, x1: 60, level: Math.round(0.5 * HEAT_LEVELS) },
    ]);
  });
});

describe('heatmapGraphic', () => {
  it('draws one rectangle per cell over the whole paper, behind the trace, opacity by level', () => {
    const g = heatmapGraphic([attention(1, 10.2, [0, 1, 0])], geometry) as { z?: number; children: { z: number; shape: { x: number; y: number; width: number; height: number }; style: { opacity: number } }[] };
    expect(g.children).toHaveLength(1);
    const rect = g.children[0];
    expect(rect?.shape).toEqual({ x: 50 + 11 * 2, y: 62, width: 2, height: 300 });
    expect(rect?.style.opacity).toBeCloseTo(HEAT_MAX_OPACITY, 9);
    expect(rect?.z).toBeGreaterThan(1);
    expect(rect?.z).toBeLessThan(4);
  });

  it('is null when no weight falls on the page', () => {
    expect(heatmapGraphic([], geometry)).toBeNull();
  });

  it('stays small for a full page of beats', () => {
    const many = Array.from({ length: 8 }, (_, k) => attention(k, 10 + k * 0.5, Array.from({ length: 180 }, (_, i) => 0.4 + 0.6 * Math.exp(-(((i - 90) / 12) ** 2))), 1 / 180));
    const g = heatmapGraphic(many, geometry) as { children: unknown[] };
    expect(g.children.length).toBeGreaterThan(8);
    expect(g.children.length).toBeLessThan(200);
  });
});
