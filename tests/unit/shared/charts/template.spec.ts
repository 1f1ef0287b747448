import { describe, expect, it } from 'vitest';
import type { TemplateGroup } from '../../../../src/shared/review';
import { templateRange, templateThumb, waveformPoints, type ThumbBox } from '../../../../src/shared/charts/template';

const box: ThumbBox = { widthPx: 110, heightPx: 60, padPx: 5 };

/** Parses polyline `points` text into [x, y] pairs. */
function parse(points: string): [number, number][] {
  return points === '' ? [] : points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

function group(over: Partial<TemplateGroup> = {}): TemplateGroup {
  return {
    id: 3,
    label: 'V',
    count: 40,
    labelCounts: { N: 2, S: 0, V: 38, F: 0, Q: 0 },
    representativeBeatId: 17,
    representativeSec: 12.5,
    signalName: 'MLII',
    units: 'mV',
    frameRateHz: 10,
    offsetSec: 0.4,
    mean: [0, 0.5, 2, -1, 0, 0, 0, 0, 0, 0],
    members: [
      [0, 0.4, 1.8, -1.1, 0, 0, 0, 0, 0, 0],
      [0, 0.6, 2.2, -0.9, 0.1, 0, 0, 0, 0, 0],
    ],
    ...over,
  };
}

describe('templateRange', () => {
  it('spans the mean and the members when there is no outlier', () => {
    expect(templateRange(group())).toEqual({ min: -1.1, max: 2.2 });
  });

  it('ignores the extremes of the most extreme tenth of the members', () => {
    const members = Array.from({ length: 20 }, () => [0, 0.5, 2, -1, 0, 0, 0, 0, 0, 0]);
    members[0] = [0, 0.5, 50, -1, 0, 0, 0, 0, 0, 0];
    expect(templateRange(group({ members })).max).toBe(2);
  });

  it('widens a flat waveform so it does not divide by zero', () => {
    const r = templateRange(group({ mean: [1, 1, 1], members: [] }));
    expect(r.max - r.min).toBeGreaterThan(0);
  });
});

describe('waveformPoints', () => {
  it('puts the first and last samples at the inner edges and the maximum at the top', () => {
    const pts = parse(waveformPoints([0, 2, 1], box, { min: 0, max: 2 }));
    expect(pts).toEqual([[5, 55], [55, 5], [105, 30]]);
  });

  it('keeps the spike of a waveform with far more samples than pixels', () => {
    const values = new Array<number>(5000).fill(0);
    values[2345] = 3;
    values[4000] = -2;
    const pts = parse(waveformPoints(values, box, { min: -2, max: 3 }));
    expect(pts.length).toBeLessThanOrEqual(2 * 100);
    expect(Math.min(...pts.map((p) => p[1]))).toBe(5);
    expect(Math.max(...pts.map((p) => p[1]))).toBe(55);
    const xs = pts.map((p) => p[0]);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('skips non-finite samples and returns empty text for no samples', () => {
    expect(parse(waveformPoints([0, NaN, 1], box, { min: 0, max: 1 }))).toHaveLength(2);
    expect(waveformPoints([], box, { min: 0, max: 1 })).toBe('');
  });
});

describe('templateThumb', () => {
  it('draws one polyline per member and marks the R peak at offsetSec', () => {
    const thumb = templateThumb(group(), box);
    expect(thumb.members).toHaveLength(2);
    expect(parse(thumb.mean)).toHaveLength(10);
    // R at 0.4 s × 10 Hz = sample 4 of 0..9.
    expect(thumb.rPeakXPx).toBeCloseTo(5 + (4 / 9) * 100, 9);
  });

  it('leaves out the R marker when the offset lies outside the window', () => {
    expect(templateThumb(group({ offsetSec: 5 }), box).rPeakXPx).toBeNull();
  });
});
