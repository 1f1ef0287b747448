/**
 * Figures and the printed table of a QRS evaluation (qrs-eval.ts): per record and gross
 * sensitivity (Se) and positive predictivity (+P) as bxb reports them, the median absolute
 * timing error of matched beats, and the time taken.
 */
import { beatCounts, type BeatCounts, type BxbResult } from '../signal/bxb';
import { medianInPlace } from '../signal/median';

/** One record's evaluation. */
export interface QrsRecordResult extends BxbResult {
  record: string;
  /** Sampling frequency of the detections, Hz. */
  fs: number;
  /** Detections over the whole record (bxb counts only those after its start). */
  detections: number;
  /** |detection − reference| of the matched beats, ms. */
  absTimingErrorsMs: number[];
  /** Reading the signals, ms. */
  readMs: number;
  /** Detection alone, ms. */
  detectMs: number;
  /** Written annotation file, or null. */
  annotationPath: string | null;
}

/** Gross figures over the records: the summed counts with gross Se and +P (percent, NaN when undefined). */
export interface QrsEvalSummary extends BeatCounts {
  records: QrsRecordResult[];
  /** Median and mean |timing error| over all matched beats, ms. */
  medianTimingErrorMs: number;
  meanTimingErrorMs: number;
  /** Mean detection time per record, ms. */
  meanDetectMs: number;
}

/** Gross figures of per-record results. */
export function summarize(records: QrsRecordResult[]): QrsEvalSummary {
  const sum = (f: (r: QrsRecordResult) => number): number => records.reduce((a, r) => a + f(r), 0);
  const errors = records.flatMap((r) => r.absTimingErrorsMs);
  return {
    records,
    ...beatCounts(sum((r) => r.truePositives), sum((r) => r.falseNegatives), sum((r) => r.falsePositives)),
    medianTimingErrorMs: medianInPlace(Float64Array.from(errors)),
    meanTimingErrorMs: errors.length ? errors.reduce((a, e) => a + e, 0) / errors.length : NaN,
    meanDetectMs: records.length ? sum((r) => r.detectMs) / records.length : NaN,
  };
}

const pct = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '-');

/** The evaluation as a fixed-width text table, worst records listed at the end. */
export function formatQrsTable(s: QrsEvalSummary): string {
  const head = 'Record    Ref     TP   FN   FP    Se %    +P %  |err| ms  read ms  detect ms';
  const rows = s.records.map((r) =>
    `${r.record.padEnd(7)} ${String(r.referenceBeats).padStart(5)} ${String(r.truePositives).padStart(6)} ` +
    `${String(r.falseNegatives).padStart(4)} ${String(r.falsePositives).padStart(4)} ${pct(r.sensitivityPct).padStart(7)} ` +
    `${pct(r.positivePredictivityPct).padStart(7)} ${medianInPlace(Float64Array.from(r.absTimingErrorsMs)).toFixed(1).padStart(9)} ` +
    `${r.readMs.toFixed(1).padStart(8)} ${r.detectMs.toFixed(1).padStart(10)}`);
  const worst = [...s.records]
    .sort((a, b) => b.falseNegatives + b.falsePositives - (a.falseNegatives + a.falsePositives))
    .slice(0, 6)
    .map((r) => `${r.record} (FN ${r.falseNegatives}, FP ${r.falsePositives})`);
  return [
    head,
    ...rows,
    '-'.repeat(head.length),
    `Gross   ${String(s.referenceBeats).padStart(5)} ${String(s.truePositives).padStart(6)} ${String(s.falseNegatives).padStart(4)} ` +
      `${String(s.falsePositives).padStart(4)} ${s.sensitivityPct.toFixed(3).padStart(7)} ${s.positivePredictivityPct.toFixed(3).padStart(7)}`,
    `|Timing error| of matched beats: median ${s.medianTimingErrorMs.toFixed(1)} ms, mean ${s.meanTimingErrorMs.toFixed(1)} ms`,
    `Detection: ${s.meanDetectMs.toFixed(1)} ms per record on average (${s.records.length} records)`,
    `Most errors: ${worst.join(', ')}`,
    'Scored as WFDB bxb: beats from 5 min to the end, 150 ms match window, VF episodes excluded.',
  ].join('\n');
}
