/**
 * Training curves of a job: loss or accuracy per epoch for training and validation. The
 * training line also carries the running mean of the epoch in progress (the last batch
 * report) at its fractional epoch, so that the curve moves during an epoch, not only at its
 * end. Data in, option out: no DOM.
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { JobEpoch, JobState } from '../../research';
import { CURVE_COLORS, RESEARCH_LABEL, type ResearchOption } from './types';

/** Which curve pair. */
export type CurveMetric = 'loss' | 'accuracy';

/** One curve point: x in epochs (1 = end of the first epoch), y the metric. */
export type CurvePoint = [number, number];

/** The train and validation points of `metric`, epochs in order; nulls and non-finite values dropped. */
export function curvePoints(history: readonly JobEpoch[], batch: JobState['batch'], metric: CurveMetric): { train: CurvePoint[]; validation: CurvePoint[] } {
  const sorted = [...history].sort((a, b) => a.epoch - b.epoch);
  const pick = (value: number | null, epoch: number, to: CurvePoint[]): void => {
    if (value !== null && Number.isFinite(value)) to.push([epoch, value]);
  };
  const train: CurvePoint[] = [];
  const validation: CurvePoint[] = [];
  for (const e of sorted) {
    pick(metric === 'loss' ? e.trainLoss : e.trainAccuracy, e.epoch, train);
    pick(metric === 'loss' ? e.validationLoss : e.validationAccuracy, e.epoch, validation);
  }
  // The epoch in progress: its running mean at the fraction of the epoch done so far.
  const lastEpoch = sorted.at(-1)?.epoch ?? 0;
  if (batch && batch.epoch > lastEpoch && batch.batches > 0) {
    pick(metric === 'loss' ? batch.loss : batch.accuracy, batch.epoch - 1 + batch.batch / batch.batches, train);
  }
  return { train, validation };
}

/** One line of the pair. */
function line(name: string, color: string, data: CurvePoint[], dashed: boolean): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    color,
    showSymbol: true,
    symbolSize: 5,
    animation: false,
    lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
  };
}

/**
 * The loss or accuracy chart of a job with `epochs` planned epochs. Accuracy is drawn on
 * 0–1; loss from 0 up. The x axis spans the planned epochs, so the chart does not rescale
 * at each new epoch.
 */
export function buildCurveOption(history: readonly JobEpoch[], batch: JobState['batch'], metric: CurveMetric, epochs: number): ResearchOption {
  const { train, validation } = curvePoints(history, batch, metric);
  const title = metric === 'loss' ? 'Loss' : 'Accuracy';
  return {
    animation: false,
    grid: { left: 46, right: 14, top: 30, bottom: 30 },
    legend: { top: 2, right: 8, itemWidth: 16, itemHeight: 8, textStyle: RESEARCH_LABEL, data: ['Training', 'Validation'] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(3) : String(v)) },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameLocation: 'end',
      nameGap: 4,
      nameTextStyle: RESEARCH_LABEL,
      min: 0,
      max: Math.max(1, epochs),
      minInterval: 1,
      axisLabel: RESEARCH_LABEL,
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: title,
      nameTextStyle: { ...RESEARCH_LABEL, align: 'left' },
      min: 0,
      ...(metric === 'accuracy' ? { max: 1 } : {}),
      axisLabel: RESEARCH_LABEL,
      splitLine: { lineStyle: { color: '#e3e8ee' } },
    },
    series: [line('Training', CURVE_COLORS.train, train, false), line('Validation', CURVE_COLORS.validation, validation, true)],
  };
}
