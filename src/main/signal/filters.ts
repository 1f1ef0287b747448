/**
 * IIR filters for ECG at any sampling rate, as second-order sections (SOS): Butterworth
 * low-, high- and band-pass (designed by the bilinear transform with pre-warped cut-offs),
 * a mains notch, causal filtering and zero-phase forward-backward filtering.
 *
 * Design: each Butterworth section follows the analog prototype's pole pairs
 * (Q_k = 1 / (2 sin θ_k), θ_k = (2k + 1)π / 2N, plus a real pole for odd N), mapped by s → 2fs(1 − z⁻¹)/(1 + z⁻¹)
 * with K = tan(π fc / fs) (the "Audio EQ cookbook" biquads of R. Bristow-Johnson, which are
 * that transform written out). A band-pass is the cascade of a high-pass and a low-pass of
 * the same order, which for the wide ECG bands (0.5–40 Hz, 5–15 Hz) has the Butterworth
 * flatness of each edge. The notch is the cookbook notch (`scipy.signal.iirnotch`).
 *
 * NaN (invalid samples): {@link filterSos} and {@link filtfilt} bridge gaps by linear
 * interpolation (see gaps.ts), filter, and write NaN back at the invalid samples, so the
 * valid samples around a gap are filtered as if the gap were a straight line.
 */
import { fillGaps, restoreGaps, type Samples } from './gaps';

/** One biquad: y = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²) x. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** A filter as a cascade of biquads, applied in order. */
export type Sos = readonly Biquad[];

function checkCutoff(fs: number, hz: number): number {
  if (!(fs > 0) || !(hz > 0) || !(hz < fs / 2)) {
    throw new RangeError(`cut-off ${hz} Hz must lie in (0, ${fs / 2}) Hz for fs ${fs} Hz`);
  }
  return Math.tan((Math.PI * hz) / fs);
}

function butterworth(kind: 'low' | 'high', order: number, fs: number, cutoffHz: number): Biquad[] {
  if (!Number.isInteger(order) || order < 1 || order > 12) throw new RangeError(`order ${order} must be 1–12`);
  const K = checkCutoff(fs, cutoffHz);
  const sections: Biquad[] = [];
  for (let k = 0; k < Math.floor(order / 2); k++) {
    const q = 1 / (2 * Math.sin(((2 * k + 1) * Math.PI) / (2 * order)));
    const norm = 1 / (1 + K / q + K * K);
    const b0 = kind === 'low' ? K * K * norm : norm;
    sections.push({
      b0, b1: kind === 'low' ? 2 * b0 : -2 * b0, b2: b0,
      a1: 2 * (K * K - 1) * norm, a2: (1 - K / q + K * K) * norm,
    });
  }
  if (order % 2 === 1) {
    // First-order section of the real pole, as a biquad with b2 = a2 = 0.
    const norm = 1 / (1 + K);
    const b0 = kind === 'low' ? K * norm : norm;
    sections.push({ b0, b1: kind === 'low' ? b0 : -b0, b2: 0, a1: (K - 1) * norm, a2: 0 });
  }
  return sections;
}

/** Butterworth low-pass of `order` (1–12) with −3 dB at `cutoffHz`. @throws RangeError on a cut-off outside (0, fs/2). */
export function butterworthLowpass(order: number, cutoffHz: number, fs: number): Sos {
  return butterworth('low', order, fs, cutoffHz);
}

/** Butterworth high-pass of `order` (1–12) with −3 dB at `cutoffHz`. @throws RangeError on a cut-off outside (0, fs/2). */
export function butterworthHighpass(order: number, cutoffHz: number, fs: number): Sos {
  return butterworth('high', order, fs, cutoffHz);
}

/**
 * Butterworth band-pass: a high-pass at `lowHz` cascaded with a low-pass at `highHz`,
 * each of `order` (so 2·order poles in all).
 * @throws RangeError when the edges are outside (0, fs/2) or not increasing.
 */
export function butterworthBandpass(order: number, lowHz: number, highHz: number, fs: number): Sos {
  if (!(lowHz < highHz)) throw new RangeError(`band ${lowHz}–${highHz} Hz is empty`);
  return [...butterworth('high', order, fs, lowHz), ...butterworth('low', order, fs, highHz)];
}

/**
 * IIR notch at `centerHz` (e.g. 50 or 60 Hz mains) with quality factor `q`
 * (−3 dB bandwidth centerHz / q; default 30, 2 Hz wide at 60 Hz). Zero gain at the centre.
 * @throws RangeError on a centre outside (0, fs/2).
 */
export function notch(centerHz: number, fs: number, q = 30): Sos {
  checkCutoff(fs, centerHz);
  const w0 = (2 * Math.PI * centerHz) / fs;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const c = -2 * Math.cos(w0) / a0;
  return [{ b0: 1 / a0, b1: c, b2: 1 / a0, a1: c, a2: (1 - alpha) / a0 }];
}

/** Magnitude of the SOS filter's frequency response at `hz` (linear gain). */
export function sosGain(sos: Sos, hz: number, fs: number): number {
  const w = (2 * Math.PI * hz) / fs;
  const c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
  let gain = 1;
  for (const s of sos) {
    const nr = s.b0 + s.b1 * c1 + s.b2 * c2, ni = -(s.b1 * s1 + s.b2 * s2);
    const dr = 1 + s.a1 * c1 + s.a2 * c2, di = -(s.a1 * s1 + s.a2 * s2);
    gain *= Math.hypot(nr, ni) / Math.hypot(dr, di);
  }
  return gain;
}

/**
 * Runs `sos` in place over finite `x` (transposed direct form II), forwards or backwards
 * (a backward pass is the forward pass of the reversed signal, without reversing it). Each
 * section starts in the steady state of a constant input equal to the first sample it
 * sees (as if that sample had lasted forever), which avoids the start-up step of a
 * high-pass.
 */
function runSos(sos: Sos, x: Float64Array, backward: boolean): void {
  const n = x.length;
  if (n === 0) return;
  const first = backward ? n - 1 : 0, step = backward ? -1 : 1;
  let level = x[first]!;
  // Two sections per sweep: the intermediate stays in a register (half the memory traffic).
  for (let s = 0; s < sos.length; s += 2) {
    const p = sos[s]!, q = sos[s + 1] ?? PASS;
    const gp = (p.b0 + p.b1 + p.b2) / (1 + p.a1 + p.a2);
    const gq = (q.b0 + q.b1 + q.b2) / (1 + q.a1 + q.a2);
    // Steady states for a constant input `level` (and `level·gp` into the second section).
    let p2 = (p.b2 - p.a2 * gp) * level;
    let p1 = (p.b1 - p.a1 * gp) * level + p2;
    let q2 = (q.b2 - q.a2 * gq) * level * gp;
    let q1 = (q.b1 - q.a1 * gq) * level * gp + q2;
    const { b0: pb0, b1: pb1, b2: pb2, a1: pa1, a2: pa2 } = p;
    const { b0: qb0, b1: qb1, b2: qb2, a1: qa1, a2: qa2 } = q;
    for (let k = 0, i = first; k < n; k++, i += step) {
      const xi = x[i]!;
      const u = pb0 * xi + p1;
      p1 = pb1 * xi - pa1 * u + p2;
      p2 = pb2 * xi - pa2 * u;
      const y = qb0 * u + q1;
      q1 = qb1 * u - qa1 * y + q2;
      q2 = qb2 * u - qa2 * y;
      x[i] = y;
    }
    level *= gp * gq;
  }
}

/** The identity section (pads an odd number of sections). */
const PASS: Biquad = { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 };

/**
 * Causal filtering of `x` by `sos` (group delay as the filter has), starting in the steady
 * state of the first sample. NaN gaps: see the file header.
 * @returns a new Float64Array of x's length.
 */
export function filterSos(sos: Sos, x: Samples): Float64Array {
  const { filled, gapSamples } = fillGaps(x);
  runSos(sos, filled, false);
  return gapSamples > 0 ? restoreGaps(x, filled) : filled;
}

/**
 * Zero-phase filtering (forward, then backward over the reversed output; squared
 * magnitude response, no delay), for offline analysis. The ends are padded with the odd
 * reflection of `padLength` samples (default 3·(2·sections + 1), as scipy's `sosfiltfilt`;
 * shortened to length − 1 for short inputs) and each pass starts in its steady state.
 * NaN gaps: see the file header.
 * @returns a new Float64Array of x's length.
 */
export function filtfilt(sos: Sos, x: Samples, padLength?: number): Float64Array {
  const n = x.length;
  if (n === 0) return new Float64Array(0);
  const { filled, gapSamples } = fillGaps(x);
  const pad = Math.max(0, Math.min(n - 1, padLength ?? 3 * (2 * sos.length + 1)));
  const ext = new Float64Array(n + 2 * pad);
  const first = filled[0]!, last = filled[n - 1]!;
  for (let i = 0; i < pad; i++) {
    ext[pad - 1 - i] = 2 * first - filled[i + 1]!;
    ext[pad + n + i] = 2 * last - filled[n - 2 - i]!;
  }
  ext.set(filled, pad);
  runSos(sos, ext, false);
  runSos(sos, ext, true);
  // A copy, not a view: a view's buffer would carry the padding to whoever stores or sends it.
  const y = ext.slice(pad, pad + n);
  return gapSamples > 0 ? restoreGaps(x, y) : y;
}
