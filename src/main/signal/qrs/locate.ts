/**
 * Places each detected beat on its R peak: the sample of largest absolute deflection of
 * the QRS in a wide-band filtered lead (baseline and high-frequency noise removed, the QRS
 * shape kept), searched within a short window around the feature's peak.
 */

/**
 * For each beat (a sample index near the QRS), the sample within ±`halfWindow` of it where
 * `|x|` is largest; `x` is a filtered lead with zero baseline. Beats stay ordered and at
 * least one sample apart.
 * @returns a new Int32Array of the located samples.
 */
export function locatePeaks(x: Float64Array, beats: Int32Array, halfWindow: number): Int32Array {
  const out = new Int32Array(beats.length);
  let prev = -1;
  for (let j = 0; j < beats.length; j++) {
    const c = beats[j]!;
    let best = c, bestAbs = -1;
    const lo = Math.max(0, prev + 1, c - halfWindow), hi = Math.min(x.length - 1, c + halfWindow);
    for (let i = lo; i <= hi; i++) {
      const a = Math.abs(x[i]!);
      if (a > bestAbs) { bestAbs = a; best = i; }
    }
    out[j] = best;
    prev = best;
  }
  return out;
}
