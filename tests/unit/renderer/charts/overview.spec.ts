import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import type { SignalOverview } from '../../../../src/shared/domain';
import { buildOverviewOption, envelopePoints, envelopeRange, overviewTickStepSec, pageBand, quantile, type OverviewInput } from '../../../../src/renderer/src/charts/overview';

const overview: SignalOverview = { recordingId: 'r', signalIndex: 0, binDurationSec: 2, min: [-1, null, -0.5], max: [1, null, 2] };

function input(over: Partial<OverviewInput> = {}): OverviewInput {
  return { overview, durationSec: 6, pageStartSec: 1, pageDurationSec: 2, widthPx: 1000, leftPx: 80, rightPx: 20, plotHeightPx: 60, ...over };
}

describe('envelopePoints', () => {
  it('draws each bin as a stroke from its min to its max at the bin centre, breaking at gaps', () => {
    expect(envelopePoints(overview)).toEqual([[1, -1], [1, 1], [3, null], [5, -0.5], [5, 2]]);
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

describe('pageBand', () => {
  it('is the page itself when wide enough', () => {
    expect(pageBand(input())).toEqual([1, 3]);
  });

  it('widens a page too thin to see about its centre', () => {
    const [a, b] = pageBand(input({ durationSec: 86_400, pageStartSec: 3600, pageDurationSec: 10 }));
    expect(b - a).toBeGreaterThan(10);
    expect((a + b) / 2).toBeCloseTo(3605, 6);
  });
});

describe('buildOverviewOption', () => {
  it('shades the current page and spans the whole record', () => {
    const option = buildOverviewOption(input());
    const series = (option.series as LineSeriesOption[])[0];
    expect(series?.markArea?.data).toEqual([[{ xAxis: 1 }, { xAxis: 3 }]]);
    expect(option.xAxis).toMatchObject({ min: 0, max: 6 });
  });
});
