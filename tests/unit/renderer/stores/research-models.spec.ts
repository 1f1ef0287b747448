import { describe, expect, it } from 'vitest';
import type { ModelFigures, ModelSummary } from '../../../../src/shared/research';
import { compareClasses, comparedFigures } from '../../../../src/renderer/src/stores/research-models';

const figures = (macroF1: number, perClass: ModelFigures['perClass']): ModelFigures => ({ records: ['100'], macroF1, accuracy: 0.9, perClass });

describe('comparedFigures', () => {
  it('takes the test figures, else the validation figures', () => {
    const test = figures(0.8, []);
    const validation = figures(0.7, []);
    const model = { test, validation } as unknown as ModelSummary;
    expect(comparedFigures(model)).toBe(test);
    expect(comparedFigures({ ...model, test: null })).toBe(validation);
  });
});

describe('compareClasses', () => {
  it('lines up the classes of both models, with null where one model lacks a class', () => {
    const a = figures(0.8, [{ name: 'N', se: 0.9, ppv: 0.95, f1: 0.92 }, { name: 'S', se: 0.5, ppv: 0.4, f1: 0.44 }]);
    const b = figures(0.7, [{ name: 'S', se: 0.6, ppv: 0.3, f1: 0.4 }, { name: 'V', se: 0.8, ppv: 0.9, f1: 0.85 }]);
    const rows = compareClasses(a, b);
    expect(rows.map((r) => r.name)).toEqual(['N', 'S', 'V']);
    expect(rows[0]?.b).toBeNull();
    expect(rows[1]).toEqual({ name: 'S', a: { se: 0.5, ppv: 0.4, f1: 0.44 }, b: { se: 0.6, ppv: 0.3, f1: 0.4 } });
    expect(rows[2]?.a).toBeNull();
  });
});
