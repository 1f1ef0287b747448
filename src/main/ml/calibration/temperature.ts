/**
 * Temperature scaling (Guo, Pleiss, Sun, Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017, §4.2): one scalar T > 0 divides the logits before the softmax,
 * softmax(z / T). T > 1 softens over-confident outputs, T < 1 sharpens under-confident ones;
 * the arg-max never changes, so every classification figure stays as it was. T is fitted by
 * minimising the negative log-likelihood (NLL) on held-out beats.
 *
 * Our models hand out softmax probabilities, not logits. log p differs from the logits by a
 * per-row constant (the log partition function), and softmax ignores per-row constants, so
 * softmax(log p / T) = softmax(z / T): scaling log-probabilities and renormalising is exact.
 *
 * Probabilities are flat count × classCount arrays (beat after beat), as ../inference gives.
 */

/** Probabilities are floored here before the logarithm: float32 softmax outputs can underflow to 0. */
export const PROBABILITY_FLOOR = 1e-12;

/** The search interval of {@link fitTemperature}, [0.05, 20]: far beyond any sane calibration. */
export const TEMPERATURE_RANGE = Object.freeze({ min: 0.05, max: 20 });

/** Result of {@link fitTemperature}. */
export interface TemperatureFit {
  /** The NLL-minimising temperature within TEMPERATURE_RANGE. */
  temperature: number;
  /** Mean NLL per beat at T = 1 and at the fitted T (natural log). */
  nll: { before: number; after: number };
  /** Labelled beats the fit used. */
  beats: number;
}

/** Checks the flat layout and the temperature; RangeError on a mismatch. */
function checkShape(probabilities: ArrayLike<number>, classCount: number, labels?: ArrayLike<number>): number {
  if (!Number.isInteger(classCount) || classCount < 2) throw new RangeError(`classCount must be an integer ≥ 2, got ${classCount}`);
  const count = probabilities.length / classCount;
  if (!Number.isInteger(count)) throw new RangeError(`${probabilities.length} probabilities are not whole rows of ${classCount} classes`);
  if (labels !== undefined && labels.length !== count) throw new RangeError(`${labels.length} labels for ${count} probability rows`);
  return count;
}

function checkTemperature(temperature: number): void {
  if (!Number.isFinite(temperature) || temperature <= 0) throw new RangeError(`the temperature must be finite and > 0, got ${temperature}`);
}

/** log max(p, floor) of row `row`, into `out`. */
function logRow(probabilities: ArrayLike<number>, row: number, classCount: number, out: Float64Array): void {
  for (let c = 0; c < classCount; c++) out[c] = Math.log(Math.max(probabilities[row * classCount + c]!, PROBABILITY_FLOOR));
}

/** log Σ exp(x / T) over `x`, stably (largest term factored out). */
function logSumExpScaled(x: Float64Array, inverseT: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of x) max = Math.max(max, v * inverseT);
  let sum = 0;
  for (const v of x) sum += Math.exp(v * inverseT - max);
  return max + Math.log(sum);
}

/**
 * The probabilities rescaled at `temperature`: softmax(log p / T) per row, rows summing to 1,
 * arg-max unchanged. T = 1 gives the input back (up to the probability floor).
 * @throws RangeError when the array is not whole rows of `classCount` or T is not finite and > 0.
 */
export function applyTemperature(probabilities: ArrayLike<number>, classCount: number, temperature: number): Float32Array {
  const count = checkShape(probabilities, classCount);
  checkTemperature(temperature);
  const out = new Float32Array(count * classCount);
  const logs = new Float64Array(classCount);
  const inverseT = 1 / temperature;
  for (let i = 0; i < count; i++) {
    logRow(probabilities, i, classCount, logs);
    const lse = logSumExpScaled(logs, inverseT);
    for (let c = 0; c < classCount; c++) out[i * classCount + c] = Math.exp(logs[c]! * inverseT - lse);
  }
  return out;
}

/** Log-probabilities of the labelled rows (label ≥ 0), with their labels. */
function labelledLogs(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number): { logs: Float64Array[]; labels: number[] } {
  const count = checkShape(probabilities, classCount, labels);
  const rows: Float64Array[] = [];
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    if (!Number.isInteger(label) || label >= classCount) throw new RangeError(`label ${label} of row ${i} is not a class index below ${classCount}`);
    const logs = new Float64Array(classCount);
    logRow(probabilities, i, classCount, logs);
    rows.push(logs);
    kept.push(label);
  }
  return { logs: rows, labels: kept };
}

/** Mean NLL of precomputed log-probability rows at temperature T. */
function meanNll(rows: { logs: Float64Array[]; labels: number[] }, temperature: number): number {
  const inverseT = 1 / temperature;
  let total = 0;
  rows.logs.forEach((logs, i) => {
    total += logSumExpScaled(logs, inverseT) - logs[rows.labels[i]!]! * inverseT;
  });
  return rows.logs.length === 0 ? Number.NaN : total / rows.logs.length;
}

/**
 * Mean negative log-likelihood per labelled beat of the probabilities rescaled at
 * `temperature` (default 1: as given). Rows whose label is negative (no reference class) are
 * skipped; NaN when none is labelled.
 * @throws RangeError on a shape mismatch, a label ≥ classCount or a bad temperature.
 */
export function negativeLogLikelihood(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number, temperature = 1): number {
  checkTemperature(temperature);
  return meanNll(labelledLogs(probabilities, labels, classCount), temperature);
}

/**
 * Fits the temperature that minimises the mean NLL of the labelled rows (label ≥ 0; negative
 * labels are skipped), by golden-section search over ln T in ln TEMPERATURE_RANGE. The NLL
 * is convex in 1/T (a log-sum-exp minus a linear term), hence unimodal in ln T, so the
 * search finds the global minimum; it stops when the bracket is under 1e-9 wide in ln T.
 * @throws RangeError on a shape mismatch, a label ≥ classCount, or no labelled row.
 */
export function fitTemperature(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classCount: number): TemperatureFit {
  const rows = labelledLogs(probabilities, labels, classCount);
  if (rows.logs.length === 0) throw new RangeError('no labelled beat to fit a temperature on');
  const nllAt = (logT: number): number => meanNll(rows, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(TEMPERATURE_RANGE.min);
  let hi = Math.log(TEMPERATURE_RANGE.max);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nllAt(a);
  let fb = nllAt(b);
  while (hi - lo > 1e-9) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nllAt(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nllAt(b);
    }
  }
  const temperature = Math.exp((lo + hi) / 2);
  return { temperature, nll: { before: meanNll(rows, 1), after: meanNll(rows, temperature) }, beats: rows.logs.length };
}
