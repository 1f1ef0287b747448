/**
 * Plain-text tables of classification results, laid out as ../shared/docs/protocol.md
 * reports them: per class Se / +P / F1 / specificity in percent, macro F1 over N S V F,
 * overall accuracy, then the confusion matrix (rows reference, columns predicted; with a
 * "missed" column and an "extra" row when the beats came from a detector).
 */
import type { ClassificationMetrics, ConfusionMatrix } from './confusion';

const pct = (v: number | null): string => (v === null ? '—' : (100 * v).toFixed(1));
const f1 = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
const int = (v: number): string => v.toLocaleString('en-US');

function table(rows: string[][], rightAlignFrom = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i < rightAlignFrom ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** The per-class table with macro F1 and accuracy. */
export function formatMetrics(metrics: ClassificationMetrics): string {
  const rows = [['class', 'beats', 'Se %', '+P %', 'F1', 'Spec %', 'TP', 'FN', 'FP']];
  for (const m of metrics.perClass) rows.push([m.name, int(m.count), pct(m.se), pct(m.ppv), f1(m.f1), pct(m.specificity), int(m.tp), int(m.fn), int(m.fp)]);
  const lines = [table(rows)];
  lines.push('');
  lines.push(`Macro F1 (${metrics.macroClasses.join(' ')}): ${f1(metrics.macroF1)}   Accuracy: ${pct(metrics.accuracy)} %   Beats: ${int(metrics.total)}`);
  if (metrics.missed > 0 || metrics.extra > 0) lines.push(`Missed reference beats: ${int(metrics.missed)}   Extra detections: ${int(metrics.extra)} (both counted as errors)`);
  return lines.join('\n');
}

/** The confusion matrix; the missed column and extra row only when they hold beats. */
export function formatConfusion(matrix: ConfusionMatrix): string {
  const K = matrix.classes.length;
  const hasMissed = matrix.counts.some((row, r) => r < K && row[K]! > 0);
  const hasExtra = matrix.counts[K]!.some((v) => v > 0);
  const head = ['ref \\ pred', ...matrix.classes, ...(hasMissed ? ['missed'] : [])];
  const rows = [head];
  const cells = (row: number[]): string[] => [...row.slice(0, K).map(int), ...(hasMissed ? [int(row[K]!)] : [])];
  matrix.classes.forEach((name, r) => rows.push([name, ...cells(matrix.counts[r]!)]));
  if (hasExtra) rows.push(['extra', ...cells(matrix.counts[K]!).slice(0, K), ...(hasMissed ? [''] : [])]);
  return table(rows);
}

/** Metrics table, a blank line, then the confusion matrix. */
export function formatEvaluation(metrics: ClassificationMetrics, matrix: ConfusionMatrix): string {
  return `${formatMetrics(metrics)}\n\nConfusion matrix (rows: reference, columns: predicted)\n${formatConfusion(matrix)}`;
}
