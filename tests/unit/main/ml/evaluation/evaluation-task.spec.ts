import { describe, expect, it } from 'vitest';
import { confusionMatrix, metricsOf } from '../../../../../src/main/ml/evaluation/confusion';
import { toEvaluationReport } from '../../../../../src/main/ml/evaluation/evaluation-task';

const CLASSES = ['N', 'S', 'V', 'F', 'Q'];
const model = { id: 'm', name: 'M' };

describe('toEvaluationReport', () => {
  it('gives the reference-by-predicted counts and the figures they imply', () => {
    // 4 N (one called V), 2 S (one called N), 3 V, 1 F called V.
    const reference = [0, 0, 0, 0, 1, 1, 2, 2, 2, 3];
    const predicted = [0, 0, 0, 2, 1, 0, 2, 2, 2, 2];
    const matrix = confusionMatrix(CLASSES, reference, predicted);
    const report = toEvaluationReport(model, ['100'], { matrix, metrics: metricsOf(matrix) });
    expect(report.confusion).toHaveLength(5);
    expect(report.confusion[0]).toEqual([3, 0, 1, 0, 0]);
    expect(report.confusion[3]).toEqual([0, 0, 1, 0, 0]);
    expect(report.beats).toBe(10);
    expect(report.accuracy).toBe(7 / 10);
    const v = report.perClass.find((c) => c.name === 'V')!;
    expect(v).toEqual({ name: 'V', support: 3, se: 1, ppv: 3 / 5, f1: (2 * 3) / (2 * 3 + 2) });
    expect(report.perClass.find((c) => c.name === 'Q')).toEqual({ name: 'Q', support: 0, se: null, ppv: null, f1: null });
    // Macro F1 over N S V F: F's F1 is 0 (1 beat, never predicted).
    const f1 = report.perClass.slice(0, 4).map((c) => c.f1!);
    expect(report.macroF1).toBeCloseTo(f1.reduce((a, b) => a + b) / 4, 12);
  });

  it('refuses records without a reference beat', () => {
    const matrix = confusionMatrix(CLASSES, [], []);
    expect(() => toEvaluationReport(model, ['100'], { matrix, metrics: metricsOf(matrix) })).toThrow(/records 100 hold no reference beat/);
  });
});
