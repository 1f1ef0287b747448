import { describe, expect, it } from 'vitest';
import type { GraphicComponentOption } from 'echarts/components';
import type { LineSeriesOption } from 'echarts/charts';
import { PX_PER_MM } from '../../../../src/shared/charts/paper';
import { buildReportStrip, laneScaleFor, MAX_LANE_MM, MIN_LANE_MM, stripWidthPx } from '../../../../src/main/report/strip-chart';
import type { ReportStrip } from '../../../../src/main/report/report-data';

/** A 10-s, 360-Hz trace: a baseline at `baseMv` with spikes to `baseMv + spikeMv` once a second. */
function trace(baseMv: number, spikeMv: number): Float64Array {
  return Float64Array.from({ length: 3600 }, (_, i) => baseMv + (i % 360 === 180 ? spikeMv : 0));
}

function strip(values: Float64Array, event: ReportStrip['candidate']['event'] = null): ReportStrip {
  return {
    candidate: { id: 'c', kind: event ? 'event' : 'first-of-class', label: 'V', startSec: 20, durationSec: 10, description: 'Ventricular run (3 beats)', selected: true, focusBeatId: 7, event },
    frameRateHz: 360,
    signals: [{ name: 'MLII', units: 'mV', values }, { name: 'V1', units: 'mV', values }],
    beats: [{ id: 7, timeSec: 20.5, label: 'V', reviewed: true, added: false, flagged: true }],
  };
}

describe('laneScaleFor', () => {
  it('makes a lane tall enough for the whole trace, centred on a heavy line', () => {
    const { heightMm, centreMv } = laneScaleFor(trace(-0.3, 4.2), 10);
    // 4.2 mV = 42 mm + 2 × 2 mm + 5 mm = 51 mm → 60 mm; the trace spans −0.3 to 3.9 mV.
    expect(heightMm).toBe(60);
    expect(centreMv * 10 % 5).toBeCloseTo(0, 9);
    expect(centreMv - heightMm / 20).toBeLessThanOrEqual(-0.3);
    expect(centreMv + heightMm / 20).toBeGreaterThanOrEqual(3.9);
  });

  it('keeps small traces at the smallest lane and huge ones at the tallest', () => {
    expect(laneScaleFor(trace(0, 1), 10).heightMm).toBe(MIN_LANE_MM);
    expect(laneScaleFor(trace(0, 12), 10).heightMm).toBe(MAX_LANE_MM);
    expect(laneScaleFor(Float64Array.from([NaN, NaN]), 10)).toEqual({ heightMm: MIN_LANE_MM, centreMv: 0 });
  });
});

describe('buildReportStrip', () => {
  it('draws 10 s at 25 mm/s with every sample and no down-sampling', () => {
    const { option, layout } = buildReportStrip(strip(trace(0, 1.5)), null);
    expect(layout.widthPx).toBeCloseTo(stripWidthPx(10), 6);
    expect(layout.plotWidthPx / PX_PER_MM).toBeCloseTo(250, 6);
    const signals = (option.series as LineSeriesOption[]).filter((s) => String(s.id).startsWith('signal-'));
    expect(signals).toHaveLength(2);
    for (const s of signals) {
      expect(s.sampling).toBeUndefined();
      expect((s.data as unknown as Float64Array).length).toBe(2 * 3600);
    }
  });

  it('highlights a single beat as the app selects one and brackets an event instead', () => {
    const single = buildReportStrip(strip(trace(0, 1.5)), null).option.graphic as GraphicComponentOption[];
    expect(single.map((g) => g.id)).toContain('selection-column');
    const run = buildReportStrip(strip(trace(0, 1.5), { startSec: 21, endSec: 23 }), null).option.graphic as GraphicComponentOption[];
    expect(run.map((g) => g.id)).toEqual(expect.arrayContaining(['event-bracket', 'event-name']));
    expect(run.map((g) => g.id)).not.toContain('selection-column');
  });

  it('draws a strip\'s heatmap behind the trace over the beat\'s window, and none without one', () => {
    const plain = buildReportStrip(strip(trace(0, 1.5)), null).option.graphic as GraphicComponentOption[];
    expect(plain.map((g) => g.id)).not.toContain('heatmap');
    // The beat at 20.5 s: its window 20.0–21.0 s, the weight peaking at 20.5 s.
    const weights = Array.from({ length: 180 }, (_, j) => 1 - Math.abs(j - 90) / 90);
    const withHeat = { ...strip(trace(0, 1.5)), heatmap: [{ beatId: 7, startSec: 20, stepSec: 1 / 180, weights }] };
    const { option, layout } = buildReportStrip(withHeat, null);
    const heat = (option.graphic as GraphicComponentOption[]).find((g) => g.id === 'heatmap') as { children: { shape: { x: number; width: number } }[] } | undefined;
    expect(heat?.children.length).toBeGreaterThan(2);
    const pxPerSec = 25 * PX_PER_MM;
    const xs = heat!.children.flatMap((c) => [c.shape.x, c.shape.x + c.shape.width]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(layout.plotLeftPx);
    expect(Math.max(...xs)).toBeLessThanOrEqual(layout.plotLeftPx + 1 * pxPerSec + 3);
  });

  it('shades and captions the noise stretches within the strip, and none without them', () => {
    const plain = buildReportStrip(strip(trace(0, 1.5)), null).option.graphic as GraphicComponentOption[];
    expect(plain.map((g) => g.id)).not.toContain('noise');
    // 24–27 s of the 20–30 s strip is noise: a band 3 s wide, 4 s from the paper's left edge.
    const { option, layout } = buildReportStrip({ ...strip(trace(0, 1.5)), noise: [{ startSec: 24, endSec: 27 }] }, null);
    const group = (option.graphic as GraphicComponentOption[]).find((g) => g.id === 'noise') as { children: { id: string; shape?: { x: number; width: number } }[] } | undefined;
    const band = group?.children.find((c) => c.id === 'noise-0');
    const pxPerSec = 25 * PX_PER_MM;
    expect(band?.shape?.x).toBeCloseTo(layout.plotLeftPx + 4 * pxPerSec, 6);
    expect(band?.shape?.width).toBeCloseTo(3 * pxPerSec, 6);
    expect(group?.children.map((c) => c.id)).toContain('noise-label-0');
  });
});
