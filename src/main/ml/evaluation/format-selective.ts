/**
 * Plain-text tables of a selective evaluation (./selective-run): per uncertainty score, the
 * accuracy and F1 of N S V F on the accepted beats at each coverage, and the beats under
 * each confidence threshold of the review screen.
 */
import type { CoveragePoint, ThresholdCount } from './selective';
import { UNCERTAINTY_SCORES, type SelectiveResult, type UncertaintyScore } from './selective-run';

const pct = (v: number | null, digits = 2): string => (v === null ? '—' : (100 * v).toFixed(digits));
const f1 = (v: number | null): string => (v === null ? '—' : v.toFixed(3));
const int = (v: number): string => v.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** One score's curve: coverage, accepted beats, score threshold, accuracy, F1 of N S V F. */
export function formatCurve(points: readonly CoveragePoint[], macroClasses: readonly string[] = ['N', 'S', 'V', 'F']): string {
  const rows = [['coverage %', 'accepted', 'score ≤', 'acc %', ...macroClasses.map((c) => `F1 ${c}`)]];
  for (const p of points) {
    const perClass = macroClasses.map((name) => f1(p.metrics.perClass.find((m) => m.name === name)?.f1 ?? null));
    rows.push([(100 * p.coverage).toFixed(0), int(p.accepted), p.threshold === null ? '—' : p.threshold.toPrecision(3), pct(p.metrics.accuracy), ...perClass]);
  }
  return table(rows);
}

/** Beats under each confidence threshold, their share, and the accuracy of the rest. */
export function formatThresholds(counts: readonly ThresholdCount[]): string {
  const rows = [['confidence <', 'beats to review', 'share %', 'acc. of rest %']];
  for (const c of counts) rows.push([c.threshold.toFixed(2), int(c.under), pct(c.fraction), pct(c.acceptedAccuracy)]);
  return table(rows);
}

/** Every table of `result`. */
export function formatSelective(result: SelectiveResult): string {
  const n = result.beats.reference.length;
  const lines = [
    `Records: ${result.records.join(' ')} — ${int(n)} reference beats; served accuracy ${pct(result.plain.accuracy)} %, macro F1 ${f1(result.plain.macroF1)}`,
    `Monte Carlo dropout: ${result.passes} passes (${result.seconds.mc.toFixed(1)} s; one plain pass ${result.seconds.plain.toFixed(1)} s)`,
  ];
  for (const [key, points] of Object.entries(result.curves) as [UncertaintyScore, CoveragePoint[]][]) {
    lines.push('', `${UNCERTAINTY_SCORES[key]} [${key}]`, formatCurve(points));
  }
  lines.push('', 'Beats under each confidence threshold (calibrated top probability):', formatThresholds(result.thresholds));
  return lines.join('\n');
}
