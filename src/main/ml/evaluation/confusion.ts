/**
 * Confusion matrix and per-class figures of beat classification, as
 * ../shared/docs/protocol.md reports them (AAMI EC57 classes N S V F Q): sensitivity
 * Se = TP/(TP+FN), positive predictivity +P = TP/(TP+FP), F1 = 2·Se·+P/(Se + +P),
 * specificity TN/(TN+FP), overall accuracy, and the macro F1 over N, S, V, F.
 *
 * Layout: (K+1) × (K+1) counts for K classes; rows are the reference class, columns the
 * predicted class. Row K holds detections with no reference beat ("extra", predicted as
 * column c they are false positives of c); column K holds reference beats no detection
 * matched ("missed", false negatives of their row's class). Both stay 0 when the beats are
 * the reference annotations. Counts are plain numbers, so matrices add up across records.
 */

/** A confusion matrix of `classes.length` classes plus the extra-row / missed-column. */
export interface ConfusionMatrix {
  classes: string[];
  /** (K+1) rows × (K+1) columns, see the file header. */
  counts: number[][];
}

/** Figures of one class; null where the denominator is 0. */
export interface ClassMetrics {
  name: string;
  /** Reference beats of the class (row total, missed included). */
  count: number;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  se: number | null;
  ppv: number | null;
  f1: number | null;
  specificity: number | null;
}

/** Every figure of a matrix. */
export interface ClassificationMetrics {
  perClass: ClassMetrics[];
  /** Mean F1 over the macro classes whose F1 is defined (N, S, V, F by default). */
  macroF1: number | null;
  /** Classes the macro F1 averages over. */
  macroClasses: string[];
  /** Correct / all (reference beats + extra detections); null when empty. */
  accuracy: number | null;
  /** Reference beats + extra detections. */
  total: number;
  missed: number;
  extra: number;
}

/** An all-zero matrix for `classes`. */
export function emptyConfusion(classes: readonly string[]): ConfusionMatrix {
  const n = classes.length + 1;
  return { classes: [...classes], counts: Array.from({ length: n }, () => new Array<number>(n).fill(0)) };
}

/**
 * Adds beats to `matrix` (in place; returns it): `reference[i]` and `predicted[i]` are class
 * indices, −1 in `reference` for an extra detection. `missed[c]` reference beats of class c
 * that nothing detected, when given.
 * @throws RangeError when the arrays differ in length or hold an index out of range.
 */
export function addToConfusion(matrix: ConfusionMatrix, reference: ArrayLike<number>, predicted: ArrayLike<number>, missed?: readonly number[]): ConfusionMatrix {
  const K = matrix.classes.length;
  if (reference.length !== predicted.length) throw new RangeError(`confusion: ${reference.length} reference labels but ${predicted.length} predictions`);
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const p = predicted[i]!;
    if (!(Number.isInteger(r) && r >= -1 && r < K)) throw new RangeError(`confusion: reference label ${r} of beat ${i} is not in −1 … ${K - 1}`);
    if (!(Number.isInteger(p) && p >= 0 && p < K)) throw new RangeError(`confusion: prediction ${p} of beat ${i} is not in 0 … ${K - 1}`);
    matrix.counts[r < 0 ? K : r]![p]! += 1;
  }
  missed?.forEach((n, c) => {
    if (c >= K) throw new RangeError(`confusion: missed beats given for class ${c} of ${K}`);
    matrix.counts[c]![K]! += n;
  });
  return matrix;
}

/** A new matrix from labels and predictions (see {@link addToConfusion}). */
export function confusionMatrix(classes: readonly string[], reference: ArrayLike<number>, predicted: ArrayLike<number>, missed?: readonly number[]): ConfusionMatrix {
  return addToConfusion(emptyConfusion(classes), reference, predicted, missed);
}

/** The sum of matrices over the same classes. */
export function sumConfusion(matrices: readonly ConfusionMatrix[]): ConfusionMatrix {
  const first = matrices[0];
  if (first === undefined) throw new RangeError('confusion: nothing to add up');
  const out = emptyConfusion(first.classes);
  for (const m of matrices) {
    if (m.classes.join() !== first.classes.join()) throw new RangeError(`confusion: classes ${m.classes.join()} differ from ${first.classes.join()}`);
    m.counts.forEach((row, r) => row.forEach((v, c) => (out.counts[r]![c]! += v)));
  }
  return out;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Figures of class `c` of `matrix`. */
export function classMetrics(matrix: ConfusionMatrix, c: number): ClassMetrics {
  const { counts } = matrix;
  const total = counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const tp = counts[c]![c]!;
  const rowTotal = counts[c]!.reduce((a, b) => a + b, 0);
  const columnTotal = counts.reduce((s, row) => s + row[c]!, 0);
  const fn = rowTotal - tp;
  const fp = columnTotal - tp;
  const tn = total - tp - fn - fp;
  const se = ratio(tp, tp + fn);
  const ppv = ratio(tp, tp + fp);
  const f1 = ratio(2 * tp, 2 * tp + fp + fn);
  return { name: matrix.classes[c]!, count: rowTotal, tp, fn, fp, tn, se, ppv, f1, specificity: ratio(tn, tn + fp) };
}

/**
 * Per-class figures, macro F1 over `macroClasses` (default N, S, V, F — Q has a handful of
 * beats and is left out, as in the inter-patient literature) and overall accuracy.
 */
export function metricsOf(matrix: ConfusionMatrix, macroClasses: readonly string[] = ['N', 'S', 'V', 'F']): ClassificationMetrics {
  const K = matrix.classes.length;
  const perClass = matrix.classes.map((_, c) => classMetrics(matrix, c));
  const f1s = perClass.filter((m) => macroClasses.includes(m.name) && m.f1 !== null).map((m) => m.f1!);
  const total = matrix.counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  let correct = 0;
  for (let c = 0; c < K; c++) correct += matrix.counts[c]![c]!;
  return {
    perClass,
    macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    macroClasses: matrix.classes.filter((name) => macroClasses.includes(name)),
    accuracy: ratio(correct, total),
    total,
    missed: matrix.counts.reduce((s, row, r) => s + (r < K ? row[K]! : 0), 0),
    extra: matrix.counts[K]!.reduce((a, b) => a + b, 0),
  };
}
