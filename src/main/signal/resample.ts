/**
 * Sample-rate conversion by windowed-sinc interpolation (polyphase when the rate ratio is a
 * small fraction), anti-aliased when the rate goes down.
 *
 * Output sample j sits at input position t = j × fromHz / toHz (input sample 0 and output
 * sample 0 coincide, so an R peak at input sample r lies at output position r × toHz / fromHz).
 * Each output is Σ x[k] · h(t − k) with h a Kaiser-windowed sinc whose cutoff is the lower
 * of the two Nyquist frequencies — the same design as scipy.signal.resample_poly (firwin
 * with cutoff 1 / max(up, down), Kaiser β = 5, 10 zero crossings each side of the lower
 * rate). Upsampling uses the same kernel (band-limited interpolation), not linear
 * interpolation. Every phase's taps are scaled to sum to 1, so a constant stays constant.
 *
 * Phases: when toHz / fromHz reduces to up / down with up ≤ 1024 (360→125 is 25/72,
 * 250→360 is 36/25) the kernel is tabulated for the up exact phases; otherwise 1024 phases
 * are tabulated and each output takes the nearest (timing error ≤ 1/2048 input sample).
 *
 * Edges: samples beyond either end repeat the end value (no ringing from a step to zero).
 * NaN (invalid samples) propagates to every output whose kernel touches it, so a caller can
 * tell which outputs are invalid.
 */

/** Kernel design of {@link resample}. */
export interface ResampleOptions {
  /** Zero crossings of the sinc on each side, in samples of the lower rate (default 10). */
  zeroCrossings?: number;
  /** Kaiser window β (default 5, as scipy's resample_poly). */
  kaiserBeta?: number;
}

const MAX_EXACT_PHASES = 1024;
const RATE_SCALE = 1000; // rates are matched as integers of millihertz

interface Ratio {
  /** Output samples per `down` input samples; null when the ratio is not a small fraction. */
  up: number | null;
  down: number | null;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function checkRate(hz: number, name: string): void {
  if (!Number.isFinite(hz) || hz <= 0) {
    throw new RangeError(`resample: ${name} must be a positive finite rate in Hz, got ${hz}`);
  }
}

/** toHz / fromHz as a reduced fraction of integers, when both rates are whole millihertz. */
function ratioOf(fromHz: number, toHz: number): Ratio {
  const from = Math.round(fromHz * RATE_SCALE);
  const to = Math.round(toHz * RATE_SCALE);
  if (Math.abs(from - fromHz * RATE_SCALE) > 1e-6 || Math.abs(to - toHz * RATE_SCALE) > 1e-6) {
    return { up: null, down: null };
  }
  const g = gcd(from, to);
  return { up: to / g, down: from / g };
}

/**
 * Number of output samples for `inputLength` input samples: ceil(inputLength × toHz / fromHz),
 * computed in integers when the ratio is a fraction (so 650,000 samples at 360 Hz give
 * exactly 225,695 at 125 Hz). Throws RangeError on a non-positive or non-finite rate.
 */
export function resampledLength(inputLength: number, fromHz: number, toHz: number): number {
  checkRate(fromHz, 'fromHz');
  checkRate(toHz, 'toHz');
  if (inputLength <= 0) return 0;
  const { up, down } = ratioOf(fromHz, toHz);
  if (up !== null && down !== null && inputLength * up < Number.MAX_SAFE_INTEGER) {
    return Math.floor((inputLength * up + down - 1) / down);
  }
  return Math.ceil((inputLength * toHz) / fromHz - 1e-9);
}

/** Zeroth-order modified Bessel function of the first kind (series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}

/**
 * Tabulates the kernel: row p holds the 2K taps for fractional position p / phases, tap i
 * weighting input sample base − K + 1 + i. Each row is normalised to unit sum.
 */
function kernelTable(phases: number, halfWidth: number, cutoff: number, beta: number): { taps: Float64Array; k: number } {
  const k = Math.ceil(halfWidth);
  const width = 2 * k;
  const taps = new Float64Array(phases * width);
  const i0Beta = besselI0(beta);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let i = 0; i < width; i++) {
      const tau = frac - (i - k + 1); // distance from the output position to the tap's sample
      const r = tau / halfWidth;
      let h = 0;
      if (Math.abs(r) < 1) {
        const x = 2 * cutoff * tau;
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        h = 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta);
      }
      taps[p * width + i] = h;
      sum += h;
    }
    for (let i = 0; i < width; i++) taps[p * width + i]! /= sum;
  }
  return { taps, k };
}

/** One output: the dot product of a kernel row with the input around `base`, edges repeated. */
function dot(input: Float64Array, base: number, taps: Float64Array, row: number, k: number): number {
  const width = 2 * k;
  const first = base - k + 1;
  const last = input.length - 1;
  let acc = 0;
  if (first >= 0 && first + width - 1 <= last) {
    // Interior: no clamping; four accumulators shorten the dependency chain.
    let acc2 = 0;
    let acc3 = 0;
    let acc4 = 0;
    let i = 0;
    for (; i + 3 < width; i += 4) {
      acc += taps[row + i]! * input[first + i]!;
      acc2 += taps[row + i + 1]! * input[first + i + 1]!;
      acc3 += taps[row + i + 2]! * input[first + i + 2]!;
      acc4 += taps[row + i + 3]! * input[first + i + 3]!;
    }
    for (; i < width; i++) acc += taps[row + i]! * input[first + i]!;
    return acc + acc2 + acc3 + acc4;
  }
  for (let i = 0; i < width; i++) {
    const index = Math.min(last, Math.max(0, first + i));
    acc += taps[row + i]! * input[index]!;
  }
  return acc;
}

/**
 * Resamples `input` (taken at `fromHz`) to `toHz`; returns {@link resampledLength} samples.
 * Equal rates return a copy. Throws RangeError on a non-positive or non-finite rate.
 */
export function resample(
  input: ArrayLike<number>,
  fromHz: number,
  toHz: number,
  options: ResampleOptions = {},
): Float64Array {
  const outLength = resampledLength(input.length, fromHz, toHz);
  if (outLength === 0) return new Float64Array(0);
  // One concrete array type keeps the inner loop monomorphic (about 3× faster).
  const x = input instanceof Float64Array ? input : Float64Array.from(input);
  if (fromHz === toHz) return x === input ? x.slice() : x;
  const out = new Float64Array(outLength);
  const zeroCrossings = options.zeroCrossings ?? 10;
  const beta = options.kaiserBeta ?? 5;
  // Cutoff in cycles per input sample: the lower Nyquist frequency.
  const cutoff = 0.5 * Math.min(1, toHz / fromHz);
  const halfWidth = zeroCrossings / (2 * cutoff);
  const { up, down } = ratioOf(fromHz, toHz);
  const exact = up !== null && down !== null && up <= MAX_EXACT_PHASES;
  const phases = exact ? up : MAX_EXACT_PHASES;
  const { taps, k } = kernelTable(phases, halfWidth, cutoff, beta);
  const width = 2 * k;
  if (exact) {
    // Position j·down/up = base + phase/up, kept in integers so it never drifts.
    for (let j = 0, num = 0; j < outLength; j++, num += down) {
      const base = Math.floor(num / up);
      out[j] = dot(x, base, taps, (num - base * up) * width, k);
    }
    return out;
  }
  const step = fromHz / toHz;
  for (let j = 0; j < outLength; j++) {
    const t = j * step;
    let base = Math.floor(t);
    let phase = Math.round((t - base) * phases);
    if (phase === phases) {
      base += 1;
      phase = 0;
    }
    out[j] = dot(x, base, taps, phase * width, k);
  }
  return out;
}
