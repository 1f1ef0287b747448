import { describe, expect, it } from 'vitest';
import { buildCurveOption, curvePoints } from '../../../../../src/shared/charts/research';
import { epoch } from './fixtures';

describe('curvePoints', () => {
  it('gives one training and one validation point per epoch, in epoch order, when epochs arrive out of order', () => {
    const p = curvePoints([epoch(2), epoch(1)], null, 'loss');
    expect(p.train).toEqual([[1, 1], [2, 0.5]]);
    expect(p.validation).toEqual([[1, 1.2], [2, 0.6]]);
  });

  it('drops validation accuracy where the epoch has none', () => {
    const p = curvePoints([epoch(1, { validationAccuracy: null }), epoch(2)], null, 'accuracy');
    expect(p.validation.map(([x]) => x)).toEqual([2]);
    expect(p.train).toHaveLength(2);
  });

  it('adds the running batch mean at its fractional epoch while an epoch is in progress', () => {
    const batch = { epoch: 3, batch: 5, batches: 20, loss: 0.42, accuracy: 0.8 };
    const p = curvePoints([epoch(1), epoch(2)], batch, 'loss');
    expect(p.train.at(-1)).toEqual([2.25, 0.42]);
    expect(p.validation).toHaveLength(2);
  });

  it('ignores a batch report of an epoch that is already in the history', () => {
    const batch = { epoch: 2, batch: 20, batches: 20, loss: 0.42, accuracy: 0.8 };
    expect(curvePoints([epoch(1), epoch(2)], batch, 'accuracy').train).toHaveLength(2);
  });

  it('shows the first batch before any epoch has ended', () => {
    const p = curvePoints([], { epoch: 1, batch: 1, batches: 4, loss: 1.5, accuracy: 0.3 }, 'accuracy');
    expect(p.train).toEqual([[0.25, 0.3]]);
  });
});

describe('buildCurveOption', () => {
  it('draws a training and a validation line over the planned epochs', () => {
    const option = buildCurveOption([epoch(1), epoch(2)], null, 'loss', 8);
    const series = option.series as { name: string; data: unknown[] }[];
    expect(series.map((s) => s.name)).toEqual(['Training', 'Validation']);
    expect(series.map((s) => s.data.length)).toEqual([2, 2]);
    expect(option.xAxis).toMatchObject({ min: 0, max: 8 });
  });

  it('fixes the accuracy axis to 0–1 and leaves the loss axis open above', () => {
    expect(buildCurveOption([], null, 'accuracy', 3).yAxis).toMatchObject({ min: 0, max: 1 });
    expect(buildCurveOption([], null, 'loss', 3).yAxis).not.toHaveProperty('max');
  });
});
