import { describe, expect, it } from 'vitest';
import { confusionMatrix, metricsOf } from '../../../../../src/main/ml/evaluation/confusion';
import { formatConfusion, formatEvaluation, formatMetrics } from '../../../../../src/main/ml/evaluation/format';

const CLASSES = ['N', 'S', 'V'];

describe('formatMetrics', () => {
  it('prints Se / +P in percent, F1 and the macro F1 and accuracy line', () => {
    // N: 3 right, 1 → S; S: 1 right; V: 2 right.
    const text = formatMetrics(metricsOf(confusionMatrix(CLASSES, [0, 0, 0, 0, 1, 2, 2], [0, 0, 0, 1, 1, 2, 2])));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^class\s+beats\s+Se %\s+\+P %\s+F1\s+Spec %/);
    expect(lines[1]).toMatch(/^N\s+4\s+75\.0\s+100\.0\s+0\.857/);
    expect(lines[2]).toMatch(/^S\s+1\s+100\.0\s+50\.0\s+0\.667/);
    expect(text).toContain('Macro F1 (N S V): 0.841');
    expect(text).toContain('Accuracy: 85.7 %');
  });
});

describe('formatConfusion', () => {
  it('shows the missed column and extra row only when they hold beats', () => {
    const plain = formatConfusion(confusionMatrix(CLASSES, [0, 1], [0, 1]));
    expect(plain).not.toContain('missed');
    expect(plain).not.toContain('extra');
    const detector = formatConfusion(confusionMatrix(CLASSES, [0, -1], [0, 2], [1, 0, 0]));
    expect(detector.split('\n')[0]).toMatch(/missed$/);
    expect(detector.split('\n').at(-1)).toMatch(/^extra\s+0\s+0\s+1$/);
  });
});

describe('formatEvaluation', () => {
  it('puts the metrics table before the confusion matrix', () => {
    const m = confusionMatrix(CLASSES, [0], [0]);
    const text = formatEvaluation(metricsOf(m), m);
    expect(text.indexOf('Macro F1')).toBeLessThan(text.indexOf('Confusion matrix'));
  });
});
