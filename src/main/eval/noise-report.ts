/**
 * The noise stress test's table (./noise-eval), as Markdown so that it can be pasted into
 * models/README.md: per condition the detector's Se / +P without and with the quality gate,
 * how much of the noisy and of the noise-free scored time the gate marked, the share of
 * reference beats left to score after it, and the model's S and V F1 without and with it.
 */
import { metricsOf, type ConfusionMatrix } from '../ml/evaluation/confusion';
import type { ConditionTally } from './noise-eval';

const pct = (a: number, b: number): string => (b > 0 ? ((100 * a) / b).toFixed(2) : '—');
const share = (a: number, b: number): string => (b > 0 ? ((100 * a) / b).toFixed(1) : '—');

function f1Of(matrix: ConfusionMatrix | null, name: string): string {
  if (matrix === null) return '—';
  const f1 = metricsOf(matrix).perClass.find((c) => c.name === name)?.f1 ?? null;
  return f1 === null ? '—' : f1.toFixed(3);
}

/** The label of a condition: "clean" or "muscle 6 dB". */
export function conditionLabel(t: ConditionTally): string {
  return t.condition.type === 'clean' ? 'clean' : `${t.condition.type} ${t.condition.snrDb} dB`;
}

/** The Markdown table of `tallies`, one row per condition. */
export function formatNoiseTable(tallies: readonly ConditionTally[]): string {
  const head = ['noise', 'Se %', '+P %', 'gated Se %', 'gated +P %', 'marked noisy %', 'marked clean %', 'beats kept %', 'S F1', 'S F1 gated', 'V F1', 'V F1 gated'];
  const rows = tallies.map((t) => [
    conditionLabel(t),
    pct(t.raw.tp, t.raw.tp + t.raw.fn), pct(t.raw.tp, t.raw.tp + t.raw.fp),
    pct(t.gated.tp, t.gated.tp + t.gated.fn), pct(t.gated.tp, t.gated.tp + t.gated.fp),
    t.condition.type === 'clean' ? '—' : share(t.markedNoisySec, t.noisySec),
    share(t.condition.type === 'clean' ? t.markedCleanSec + t.markedNoisySec : t.markedCleanSec, t.condition.type === 'clean' ? t.cleanSec + t.noisySec : t.cleanSec),
    share(t.keptReferenceBeats, t.referenceBeats),
    f1Of(t.classesRaw, 'S'), f1Of(t.classesGated, 'S'), f1Of(t.classesRaw, 'V'), f1Of(t.classesGated, 'V'),
  ]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
