import { describe, expect, it } from 'vitest';
import type { GraphicComponentOption, GridComponentOption } from 'echarts/components';
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { PX_PER_MM } from '../../../../src/shared/charts/paper';
import { stripLayout } from '../../../../src/shared/charts/strip-layout';
import { voltageLaneRange, laneHeightMm } from '../../../../src/shared/charts/lanes';
import { pairs } from '../pairs';
import { buildStripOption, calibrationPulse, timeLabel, type StripInput } from '../../../../src/shared/charts/strip';

type Series = LineSeriesOption | ScatterSeriesOption;

function input(gain: number, speed = 25, startSec = 12.37): StripInput {
  const scale = { speedMmPerSec: speed, gainMmPerMv: gain };
  const layout = stripLayout(1400, [{ isVoltage: true }, { isVoltage: true }], scale, false);
  const range = voltageLaneRange(-0.5, laneHeightMm(gain), gain, 1);
  const points = new Float64Array(2 * 3600);
  for (let i = 0; i < 3600; i++) points.set([startSec + i / 360, Math.sin(i / 20)], 2 * i);
  return {
    layout,
    scale,
    startSec,
    lanes: [
      { name: 'MLII', units: 'mV', points, range },
      { name: 'V5', units: 'mV', points, range },
    ],
    marks: [
      { timeSec: startSec + 0.5, symbol: 'N', aux: null },
      { timeSec: startSec + 1.3, symbol: 'V', aux: null },
      { timeSec: startSec + 2.0, symbol: '+', aux: '(AFL' },
      { timeSec: startSec - 1, symbol: 'N', aux: null },
    ],
    baseTimeSec: null,
  };
}

const grids = (o: ReturnType<typeof buildStripOption>) => o.grid as GridComponentOption[];
const yAxes = (o: ReturnType<typeof buildStripOption>) => o.yAxis as YAXisComponentOption[];
const xAxes = (o: ReturnType<typeof buildStripOption>) => o.xAxis as XAXisComponentOption[];
const series = (o: ReturnType<typeof buildStripOption>) => o.series as Series[];
const byId = (o: ReturnType<typeof buildStripOption>, id: string) => series(o).find((s) => s.id === id);

describe('buildStripOption', () => {
  it.each([5, 10, 20])('gives exactly %i mm per mV in every lane', (gain) => {
    const option = buildStripOption(input(gain));
    for (const lane of [2, 3]) {
      const heightPx = grids(option)[lane]?.height as number;
      const y = yAxes(option)[lane] as { min: number; max: number };
      expect(heightPx / (y.max - y.min)).toBeCloseTo(gain * PX_PER_MM, 9);
    }
  });

  it.each([12.5, 25, 50])('gives exactly %s mm per second on every time axis', (speed) => {
    const option = buildStripOption(input(10, speed));
    for (const idx of [0, 2, 3]) {
      const width = grids(option)[idx]?.width as number;
      const x = xAxes(option)[idx] as { min: number; max: number };
      expect(width / (x.max - x.min)).toBeCloseTo(speed * PX_PER_MM, 9);
    }
    const paper = xAxes(option)[1] as { min: number; max: number };
    expect((grids(option)[1]?.width as number) / (paper.max - paper.min)).toBeCloseTo(speed * PX_PER_MM, 9);
  });

  it('keeps ECharts from shrinking any grid to fit labels', () => {
    for (const g of grids(buildStripOption(input(10)))) expect(g.outerBoundsMode).toBe('none');
  });

  it('rules the paper every 0.04 s, heavier every 0.2 s, at 25 mm/s', () => {
    const option = buildStripOption(input(10));
    const height = (yAxes(option)[1] as { max: number }).max;
    const verticalXs = (id: string) => {
      const data = pairs(byId(option, id)?.data as unknown as Float64Array);
      return data.filter((p, i) => p[1] === 0 && data[i + 1]?.[0] === p[0] && data[i + 1]?.[1] === height).map((p) => p[0]);
    };
    const all = [...verticalXs('paper-minor'), ...verticalXs('paper-major')].sort((a, b) => a - b);
    expect(all.length).toBeGreaterThan(300);
    all.slice(1).forEach((x, i) => expect(x - (all[i] as number)).toBeCloseTo(0.04, 9));
    for (const x of verticalXs('paper-major')) expect(Math.abs(x / 0.2 - Math.round(x / 0.2))).toBeLessThan(1e-6);
  });

  it('rules the paper every 1 mm vertically, which is 0.1 mV in each lane at 10 mm/mV', () => {
    const option = buildStripOption(input(10));
    const from = (xAxes(option)[1] as { min: number }).min;
    const data = [...pairs(byId(option, 'paper-minor')?.data as unknown as Float64Array), ...pairs(byId(option, 'paper-major')?.data as unknown as Float64Array)];
    const ys = [...new Set(data.filter((p, i) => p[0] === from && !Number.isNaN(p[1]) && data[i + 1]?.[1] === p[1]).map((p) => p[1]))].sort((a, b) => a - b);
    const lane = input(10).layout.lanes[1];
    const y = yAxes(option)[3] as { min: number; max: number };
    const inLane = ys.filter((mm) => lane && mm >= lane.topMm && mm <= lane.topMm + lane.heightMm);
    expect(inLane).toHaveLength(41);
    for (const mm of inLane) {
      const mv = y.max - (mm - (lane?.topMm ?? 0)) / 10;
      expect(Math.abs(mv / 0.1 - Math.round(mv / 0.1))).toBeLessThan(1e-6);
    }
  });

  it('labels beats by class and rhythm changes by their aux text, only inside the page', () => {
    const option = buildStripOption(input(10));
    const labels = (id: string) => ((byId(option, id)?.data ?? []) as [number, number, string][]).map((d) => d[2]);
    expect(labels('beats-N')).toEqual(['N']);
    expect(labels('beats-V')).toEqual(['V']);
    expect(labels('non-beats')).toEqual(['(AFL']);
    expect(byId(option, 'non-beat-lines')).toBeDefined();
  });

  it('draws the signals without symbols or animation, sampled by LTTB', () => {
    const s = byId(buildStripOption(input(10)), 'signal-0') as LineSeriesOption;
    expect(s.sampling).toBe('lttb');
    expect(s.showSymbol).toBe(false);
    expect(s.animation).toBe(false);
  });

  it('puts time labels on whole seconds inside the page', () => {
    const axis = xAxes(buildStripOption(input(10))) [1] as { axisLabel: { customValues: number[] } };
    const values = axis.axisLabel.customValues;
    expect(values[0]).toBe(13);
    values.slice(1).forEach((v, i) => expect(v - (values[i] as number)).toBeCloseTo(1, 9));
  });

  it('adds the review\'s letters, the selection and the heatmap when a review is given', () => {
    const base = input(10);
    const t = base.startSec;
    const option = buildStripOption({
      ...base,
      referenceName: 'atr',
      review: {
        beats: [
          { id: 1, timeSec: t + 0.5, label: 'N', reviewed: false, added: false, flagged: false },
          { id: 2, timeSec: t + 1.3, label: 'N', reviewed: true, added: false, flagged: true },
        ],
        selectedBeatId: 2,
        attention: [{ beatId: 2, startSec: t + 0.8, stepSec: 0.01, weights: [0, 0.2, 1, 0.3, 0] }],
      },
    });
    expect(byId(option, 'pred-N')).toBeDefined();
    expect(byId(option, 'pred-reviewed-N')).toBeDefined();
    const ids = (option.graphic as GraphicComponentOption[]).map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining(['heatmap', 'selection-column', 'selection-outline', 'caption-reference', 'caption-prediction']));
    const plain = buildStripOption(base);
    expect(series(plain).some((s) => String(s.id).startsWith('pred-'))).toBe(false);
    expect((plain.graphic as GraphicComponentOption[]).some((g) => g.id === 'heatmap')).toBe(false);
  });

  it('keeps the scale label out of the band above the paper', () => {
    const option = buildStripOption(input(10));
    const label = (option.graphic as GraphicComponentOption[]).find((g) => g.id === 'scale-label') as { y: number };
    expect(label.y).toBeGreaterThan(input(10).layout.paperTopPx);
  });

  it('draws a calibration pulse for each mV lane', () => {
    const graphics = buildStripOption(input(10)).graphic as GraphicComponentOption[];
    expect(graphics.filter((g) => String(g.id).startsWith('calibration-'))).toHaveLength(2);
  });
});

describe('calibrationPulse', () => {
  it('is 1 mV tall at the gain and 0.2 s wide at the speed', () => {
    const pulse = calibrationPulse(0, 200, 100, { speedMmPerSec: 25, gainMmPerMv: 10 }) as { shape: { points: [number, number][] } };
    const ys = pulse.shape.points.map((p) => p[1]);
    const xs = pulse.shape.points.map((p) => p[0]);
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(10 * PX_PER_MM, 9);
    expect((xs[3] as number) - (xs[2] as number)).toBeCloseTo(0.2 * 25 * PX_PER_MM, 9);
    expect(Math.max(...xs)).toBeLessThan(100);
  });
});

describe('timeLabel', () => {
  it('shows clock time from the start, and wall-clock time below when the base time is known', () => {
    expect(timeLabel(75, null)).toBe('0:01:15');
    expect(timeLabel(75, 10 * 3600)).toBe('0:01:15\n10:01:15');
    expect(timeLabel(1.5, null)).toBe('0:00:01.5');
  });
});
