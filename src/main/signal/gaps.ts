/**
 * Invalid-sample (NaN) gaps. WFDB readers give NaN for invalid samples (`readPhysical`);
 * filters cannot run through them, so gaps are bridged by straight lines between the valid
 * neighbours (held flat at the ends) before filtering, and put back afterwards where a
 * caller wants them marked.
 */

/** Signal values as the filters accept them. */
export type Samples = ArrayLike<number>;

/**
 * Copy of `x` with every NaN (or ±Infinity) replaced by linear interpolation between the
 * nearest valid samples on each side; a gap at the start or end holds the nearest valid
 * value; an input with no valid sample becomes all zeros.
 * @returns the filled copy and the number of samples that were filled.
 */
export function fillGaps(x: Samples): { filled: Float64Array; gapSamples: number } {
  const n = x.length;
  let allFinite = true;
  for (let i = 0; i < n && allFinite; i++) allFinite = Number.isFinite(x[i]!);
  // Fast path, the usual case: a plain copy.
  if (allFinite) return { filled: Float64Array.from(x), gapSamples: 0 };
  const out = new Float64Array(n);
  let gapSamples = 0;
  let lastValid = -1;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) {
      if (lastValid < i - 1) bridge(out, lastValid, i, v);
      out[i] = v;
      lastValid = i;
    } else {
      gapSamples++;
    }
  }
  if (lastValid < n - 1) {
    const hold = lastValid >= 0 ? out[lastValid]! : 0;
    out.fill(hold, lastValid + 1);
  }
  return { filled: out, gapSamples };
}

/** Fills out(from, to) with a line from out[from] (held when from < 0) to value v at `to`. */
function bridge(out: Float64Array, from: number, to: number, v: number): void {
  if (from < 0) {
    out.fill(v, 0, to);
    return;
  }
  const a = out[from]!;
  const span = to - from;
  for (let i = from + 1; i < to; i++) out[i] = a + ((v - a) * (i - from)) / span;
}

/** Writes NaN into `y` wherever `x` is not finite (restores the gaps after filtering). */
export function restoreGaps(x: Samples, y: Float64Array): Float64Array {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(x[i]!)) y[i] = NaN;
  return y;
}
