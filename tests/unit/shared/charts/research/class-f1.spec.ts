import { describe, expect, it } from 'vitest';
import { buildClassF1Option, classColor, classF1Points } from '../../../../../src/shared/charts/research';
import { BEAT_CLASS_COLORS } from '../../../../../src/shared/charts/beats';
import { epoch } from './fixtures';

const CLASSES = ['N', 'S', 'V', 'F', 'Q'];

describe('classF1Points', () => {
  it('gives each class its F1 per epoch and leaves out classes that never have one', () => {
    const points = classF1Points([epoch(1), epoch(2, { validationF1: [0.95, 0.4, 0.7, 0.1, null] })], CLASSES);
    expect(points.map((c) => c.name)).toEqual(['N', 'S', 'V', 'F']);
    expect(points.find((c) => c.name === 'S')?.points).toEqual([[1, 0.2], [2, 0.4]]);
    expect(points.find((c) => c.name === 'F')?.points).toEqual([[2, 0.1]]);
  });
});

describe('classColor', () => {
  it('uses the beat colour of an AAMI class and grey for any other name', () => {
    expect(classColor('V')).toBe(BEAT_CLASS_COLORS.V);
    expect(classColor('X')).toBe(BEAT_CLASS_COLORS.other);
  });
});

describe('buildClassF1Option', () => {
  it('draws one line per class with values, coloured by class, on a 0–1 axis', () => {
    const option = buildClassF1Option([epoch(1)], CLASSES, 5);
    const series = option.series as { name: string; color: string }[];
    expect(series.map((s) => s.name)).toEqual(['N', 'S', 'V']);
    expect(series.map((s) => s.color)).toEqual([BEAT_CLASS_COLORS.N, BEAT_CLASS_COLORS.S, BEAT_CLASS_COLORS.V]);
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
  });
});
