/**
 * Reliability of predicted probabilities (Guo, Pleiss, Sun, Weinberger, "On Calibration of
 * Modern Neural Networks", ICML 2017, §2): the top-label confidence (largest probability of
 * a beat) against whether the arg-max class is right. Beats fall into M equal-width bins
 * B_m = ((m − 1)/M, m/M] by confidence; the expected calibration error is
 * ECE = Σ_m |B_m|/n · |acc(B_m) − conf(B_m)|, 0 for a perfectly calibrated model.
 *
 * An accumulator collects bins record by record (so an evaluation never holds every
 * probability); {@link reliabilityTable} and {@link expectedCalibrationError} do it in one go.
 */

/** Default number of bins (Guo et al. use 15). */
export const DEFAULT_ECE_BINS = 15;

/** One confidence bin of a reliability table. */
export interface ReliabilityBin {
  /** Confidence interval (lower, upper]. */
  lower: number;
  upper: number;
  /** Beats whose top-label confidence falls in the bin. */
  count: number;
  /** Their mean confidence; null when the bin is empty. */
  confidence: number | null;
  /** The fraction of them whose arg-max class is right; null when the bin is empty. */
  accuracy: number | null;
}

/** A reliability table and its expected calibration error. */
export interface ReliabilityTable {
  bins: ReliabilityBin[];
  /** Expected calibration error (NaN when no beat was labelled). */
  ece: number;
  /** Labelled beats counted. */
  beats: number;
}

/** Running sums per bin; see {@link createReliability}. */
export interface ReliabilityAccumulator {
  readonly classCount: number;
  readonly count: number[];
  readonly confidenceSum: number[];
  readonly correct: number[];
}

/** An empty accumulator of `bins` equal-width bins for `classCount` classes. */
export function createReliability(classCount: number, bins = DEFAULT_ECE_BINS): ReliabilityAccumulator {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`the number of bins must be an integer ≥ 1, got ${bins}`);
  if (!Number.isInteger(classCount) || classCount < 2) throw new RangeError(`classCount must be an integer ≥ 2, got ${classCount}`);
  const zeros = (): number[] => new Array<number>(bins).fill(0);
  return { classCount, count: zeros(), confidenceSum: zeros(), correct: zeros() };
}

/**
 * Adds count × classCount `probabilities` with their `labels` to `acc`. Rows whose label is
 * negative (no reference class, e.g. an extra detection) are skipped. The arg-max is the
 * first largest probability, as ../inference `argMaxRows` picks it.
 * @throws RangeError when the sizes do not match or a label is ≥ classCount.
 */
export function addToReliability(acc: ReliabilityAccumulator, probabilities: ArrayLike<number>, labels: ArrayLike<number>): void {
  const K = acc.classCount;
  const bins = acc.count.length;
  const count = probabilities.length / K;
  if (!Number.isInteger(count) || labels.length !== count) throw new RangeError(`${probabilities.length} probabilities and ${labels.length} labels are not rows of ${K} classes`);
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    if (!Number.isInteger(label) || label >= K) throw new RangeError(`label ${label} of row ${i} is not a class index below ${K}`);
    let best = 0;
    for (let c = 1; c < K; c++) if (probabilities[i * K + c]! > probabilities[i * K + best]!) best = c;
    const confidence = probabilities[i * K + best]!;
    // Bin m holds ((m − 1)/M, m/M]; a confidence of exactly 0 (impossible for a top label) goes in the first.
    const bin = Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
    acc.count[bin]! += 1;
    acc.confidenceSum[bin]! += confidence;
    acc.correct[bin]! += best === label ? 1 : 0;
  }
}

/** The reliability table and ECE of what `acc` holds. */
export function finishReliability(acc: ReliabilityAccumulator): ReliabilityTable {
  const M = acc.count.length;
  const beats = acc.count.reduce((a, b) => a + b, 0);
  let ece = 0;
  const bins = acc.count.map((n, m): ReliabilityBin => {
    if (n === 0) return { lower: m / M, upper: (m + 1) / M, count: 0, confidence: null, accuracy: null };
    const confidence = acc.confidenceSum[m]! / n;
    const accuracy = acc.correct[m]! / n;
    ece += Math.abs(accuracy - confidence) * n;
    return { lower: m / M, upper: (m + 1) / M, count: n, confidence, accuracy };
  });
  return { bins, ece: beats === 0 ? Number.NaN : ece / beats, beats };
}

/**
 * The reliability table (per bin: count, mean confidence, accuracy) and ECE of count ×
 * classCount `probabilities` against `labels` (negative labels skipped), over `bins`
 * equal-width confidence bins.
 */
export function reliabilityTable(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, bins = DEFAULT_ECE_BINS): ReliabilityTable {
  const acc = createReliability(classCount, bins);
  addToReliability(acc, probabilities, labels);
  return finishReliability(acc);
}

/** Top-label expected calibration error over `bins` equal-width bins; see {@link reliabilityTable}. */
export function expectedCalibrationError(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, bins = DEFAULT_ECE_BINS): number {
  return reliabilityTable(probabilities, labels, classCount, bins).ece;
}

/** A plain-text reliability table: one line per non-empty bin, then the ECE. */
export function formatReliability(table: ReliabilityTable): string {
  const fixed = (v: number | null, digits: number): string => (v === null ? '—' : v.toFixed(digits));
  const lines = ['confidence     beats  mean conf  accuracy   gap'];
  for (const b of table.bins) {
    if (b.count === 0) continue;
    const gap = b.accuracy! - b.confidence!;
    lines.push(`(${b.lower.toFixed(2)}, ${b.upper.toFixed(2)}]  ${String(b.count).padStart(6)}  ${fixed(b.confidence, 3).padStart(9)}  ${fixed(b.accuracy, 3).padStart(8)}  ${(gap >= 0 ? '+' : '') + gap.toFixed(3)}`);
  }
  lines.push(`ECE (${table.bins.length} bins, ${table.beats} beats): ${fixed(table.ece, 4)}`);
  return lines.join('\n');
}
