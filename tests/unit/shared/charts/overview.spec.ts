import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import type { SignalOverview } from '../../../../src/shared/domain';
import { buildOverviewOption, envelopePoints, envelopeRange, overviewTickStepSec, pageBandPx, quantile, timeAtPx, type OverviewInput } from '../../../../src/shared/charts/overview';
import { pairs } from '../pairs';

const overview: SignalOverview = { recordingId: 'r', signalIndex: 0, binDurationSec: 2, min: [-1, null, -0.5], max: [1, null, 2] };

function input(over: Partial<OverviewInput> = {}): OverviewInput {
  return { overview, durationSec: 6, widthPx: 1000, leftPx: 80, rightPx: 20, plotHeightPx: 60, ...over };
}

describe('envelopePoints', () => {
  it('draws each bin as a stroke from its min to its max at the bin centre, breaking at gaps', () => {
    expect(pairs(envelopePoints(overview))).toEqual([[1, -1], [1, 1], [3, NaN], [3, NaN], [5, -0.5], [5, 2]]);
  });
});

describe('quantile', () => {
  it('picks the nearest-rank value and skips nulls', () => {
    expect(quantile([5, null, 1, 3], 0)).toBe(1);
    expect(quantile([5, null, 1, 3], 1)).toBe(5);
    expect(quantile([null], 0.5)).toBeNull();
  });
});

describe('envelopeRange', () => {
  it('covers the envelope with a margin', () => {
    const r = envelopeRange(overview);
    expect(r.min).toBeLessThan(-1);
    expect(r.max).toBeGreaterThan(2);
  });
});

describe('overviewTickStepSec', () => {
  it('gives 5-minute ticks to a half-hour record 1000 px wide and 2-hour ticks to a day', () => {
    expect(overviewTickStepSec(1800, 1000)).toBe(300);
    expect(overviewTickStepSec(86_400, 1000)).toBe(7200);
  });
});

describe('pageBandPx', () => {
  it('covers the page at the plot scale (900 px for 6 s: 150 px per second)', () => {
    const band = pageBandPx(input(), 1, 2);
    expect(band.leftPx).toBeCloseTo(80 + 150, 9);
    expect(band.widthPx).toBeCloseTo(300, 9);
  });

  it('widens a page too thin to see about its centre', () => {
    const band = pageBandPx(input({ durationSec: 86_400 }), 3600, 10);
    expect(band.widthPx).toBe(4);
    expect(band.leftPx + band.widthPx / 2).toBeCloseTo(80 + (3605 / 86_400) * 900, 6);
  });
});

describe('timeAtPx', () => {
  it('inverts the plot scale and stays inside the record', () => {
    expect(timeAtPx(input(), 80 + 450)).toBeCloseTo(3, 9);
    expect(timeAtPx(input(), 0)).toBe(0);
    expect(timeAtPx(input(), 5000)).toBe(6);
  });
});

describe('buildOverviewOption', () => {
  it('spans the whole record with the envelope, keeping every extreme', () => {
    const option = buildOverviewOption(input());
    const series = (option.series as LineSeriesOption[])[0];
    expect(series?.sampling).toBe('minmax');
    expect(pairs(series?.data as unknown as Float64Array)).toHaveLength(6);
    expect(option.xAxis).toMatchObject({ min: 0, max: 6 });
  });
});
