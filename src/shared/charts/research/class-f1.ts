/**
 * Per-class validation F1 per epoch: one line per class in the beat colours of the review
 * (BEAT_CLASS_COLORS), a line only for classes that have a value in some epoch (a class
 * absent from the validation records has no F1).
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { JobEpoch } from '../../research';
import { BEAT_CLASS_COLORS, type BeatClass } from '../beats';
import type { CurvePoint } from './curves';
import { RESEARCH_LABEL, type ResearchOption } from './types';

/** The F1 points of each class (epochs in order), classes without any value left out. */
export function classF1Points(history: readonly JobEpoch[], classes: readonly string[]): { name: string; points: CurvePoint[] }[] {
  const sorted = [...history].sort((a, b) => a.epoch - b.epoch);
  return classes
    .map((name, i) => ({
      name,
      points: sorted.flatMap((e): CurvePoint[] => {
        const f1 = e.validationF1[i];
        return f1 !== null && f1 !== undefined && Number.isFinite(f1) ? [[e.epoch, f1]] : [];
      }),
    }))
    .filter((c) => c.points.length > 0);
}

/** Colour of a class's line: its beat colour, grey for names outside the AAMI classes. */
export function classColor(name: string): string {
  return name in BEAT_CLASS_COLORS ? BEAT_CLASS_COLORS[name as BeatClass] : BEAT_CLASS_COLORS.other;
}

/** The per-class F1 chart over `epochs` planned epochs (y 0–1). */
export function buildClassF1Option(history: readonly JobEpoch[], classes: readonly string[], epochs: number): ResearchOption {
  const series: LineSeriesOption[] = classF1Points(history, classes).map(({ name, points }) => ({
    type: 'line',
    name,
    data: points,
    color: classColor(name),
    showSymbol: true,
    symbolSize: 5,
    animation: false,
    lineStyle: { width: 2 },
  }));
  return {
    animation: false,
    grid: { left: 46, right: 14, top: 30, bottom: 30 },
    legend: { top: 2, right: 8, itemWidth: 16, itemHeight: 8, textStyle: RESEARCH_LABEL },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(3) : String(v)) },
    xAxis: { type: 'value', name: 'epoch', nameGap: 4, nameTextStyle: RESEARCH_LABEL, min: 0, max: Math.max(1, epochs), minInterval: 1, axisLabel: RESEARCH_LABEL, splitLine: { show: false } },
    yAxis: { type: 'value', name: 'F1 (validation)', nameTextStyle: { ...RESEARCH_LABEL, align: 'left' }, min: 0, max: 1, axisLabel: RESEARCH_LABEL, splitLine: { lineStyle: { color: '#e3e8ee' } } },
    series,
  };
}
