import { describe, expect, it } from 'vitest';
import { addToConfusion, classMetrics, confusionMatrix, emptyConfusion, metricsOf, sumConfusion } from '../../../../../src/main/ml/evaluation/confusion';

const CLASSES = ['N', 'S', 'V', 'F', 'Q'];

/** Labels and predictions from rows of a 5 × 5 matrix (reference × predicted counts). */
function labelsOf(rows: number[][]): { reference: number[]; predicted: number[] } {
  const reference: number[] = [];
  const predicted: number[] = [];
  rows.forEach((row, r) => row.forEach((n, p) => {
    for (let k = 0; k < n; k++) {
      reference.push(r);
      predicted.push(p);
    }
  }));
  return { reference, predicted };
}

// N: 90 right, 5 → S, 5 → V; S: 8 right, 2 → N; V: 18 right, 1 → N, 1 → F; F: 3 right, 1 → V; no Q.
const ROWS = [
  [90, 5, 5, 0, 0],
  [2, 8, 0, 0, 0],
  [1, 0, 18, 1, 0],
  [0, 0, 1, 3, 0],
  [0, 0, 0, 0, 0],
];

describe('confusionMatrix', () => {
  it('counts reference rows against predicted columns', () => {
    const { reference, predicted } = labelsOf(ROWS);
    const m = confusionMatrix(CLASSES, reference, predicted);
    expect(m.counts.slice(0, 5).map((row) => row.slice(0, 5))).toEqual(ROWS);
    expect(m.counts[5]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('puts extra detections (reference −1) in the last row and missed beats in the last column', () => {
    const m = confusionMatrix(CLASSES, [-1, -1, 0], [0, 2, 0], [3, 1, 0, 0, 0]);
    expect(m.counts[5]!.slice(0, 5)).toEqual([1, 0, 1, 0, 0]);
    expect(m.counts.map((row) => row[5])).toEqual([3, 1, 0, 0, 0, 0]);
  });

  it('refuses labels out of range and arrays of different lengths', () => {
    expect(() => confusionMatrix(CLASSES, [5], [0])).toThrow(/reference label 5/);
    expect(() => confusionMatrix(CLASSES, [0], [-1])).toThrow(/prediction -1/);
    expect(() => confusionMatrix(CLASSES, [0, 1], [0])).toThrow(/2 reference labels but 1 predictions/);
  });
});

describe('classMetrics', () => {
  it('gives Se, +P, F1 and specificity worked out by hand', () => {
    const { reference, predicted } = labelsOf(ROWS);
    const m = confusionMatrix(CLASSES, reference, predicted);
    const s = classMetrics(m, 1);
    expect(s).toMatchObject({ name: 'S', count: 10, tp: 8, fn: 2, fp: 5, tn: 119 });
    expect(s.se).toBeCloseTo(0.8);
    expect(s.ppv).toBeCloseTo(8 / 13);
    expect(s.f1).toBeCloseTo(16 / 23);
    expect(s.specificity).toBeCloseTo(119 / 124);
    const n = classMetrics(m, 0);
    expect(n.se).toBeCloseTo(0.9);
    expect(n.ppv).toBeCloseTo(90 / 93);
  });

  it('gives null figures for a class with no beats and no predictions', () => {
    const { reference, predicted } = labelsOf(ROWS);
    expect(classMetrics(confusionMatrix(CLASSES, reference, predicted), 4)).toMatchObject({ count: 0, se: null, ppv: null, f1: null });
  });
});

describe('metricsOf', () => {
  it('averages F1 over N S V F and gives the overall accuracy', () => {
    const { reference, predicted } = labelsOf(ROWS);
    const metrics = metricsOf(confusionMatrix(CLASSES, reference, predicted));
    const f1 = [180 / 193, 16 / 23, 36 / 44, 6 / 8];
    expect(metrics.macroF1).toBeCloseTo(f1.reduce((a, b) => a + b) / 4, 10);
    expect(metrics.macroClasses).toEqual(['N', 'S', 'V', 'F']);
    expect(metrics.accuracy).toBeCloseTo(119 / 134);
    expect(metrics.total).toBe(134);
  });

  it('counts missed beats as false negatives and extra detections as false positives', () => {
    const { reference, predicted } = labelsOf(ROWS);
    const m = confusionMatrix(CLASSES, [...reference, -1, -1, -1], [...predicted, 0, 0, 2], [2, 1, 0, 0, 0]);
    const metrics = metricsOf(m);
    expect(metrics).toMatchObject({ total: 140, missed: 3, extra: 3 });
    expect(metrics.accuracy).toBeCloseTo(119 / 140);
    expect(metrics.perClass[0]).toMatchObject({ tp: 90, fn: 12, fp: 5 });
    expect(metrics.perClass[1]).toMatchObject({ tp: 8, fn: 3, fp: 5 });
    expect(metrics.perClass[2]).toMatchObject({ tp: 18, fn: 2, fp: 7 });
  });

  it('gives 89.5% accuracy and S Se 0 when everything is called N (the protocol\'s warning)', () => {
    const reference = [...new Array(895).fill(0), ...new Array(105).fill(1)];
    const metrics = metricsOf(confusionMatrix(['N', 'S'], reference, new Array(1000).fill(0)));
    expect(metrics.accuracy).toBeCloseTo(0.895);
    expect(metrics.perClass[1]).toMatchObject({ se: 0, ppv: null, f1: 0 });
  });
});

describe('sumConfusion', () => {
  it('adds matrices cell by cell', () => {
    const a = addToConfusion(emptyConfusion(['N', 'S']), [0, 1], [0, 0]);
    const b = addToConfusion(emptyConfusion(['N', 'S']), [1, -1], [1, 1]);
    expect(sumConfusion([a, b]).counts).toEqual([[1, 0, 0], [1, 1, 0], [0, 1, 0]]);
    expect(() => sumConfusion([a, emptyConfusion(['N', 'V'])])).toThrow(/differ/);
  });
});
