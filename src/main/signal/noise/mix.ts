/**
 * Mixing noise into clean ECG leads at a target SNR (./snr, WFDB `nst`'s definition), during
 * the noisy segments of a protocol.
 *
 * Protocol: nst's standard one — a 5-minute noise-free learning period, then 2 minutes noisy
 * and 2 minutes clean in turn to the end ({@link nstProtocol}) — or any list of segments.
 * Gain: one per lead, from that lead's own QRS amplitude (S, measured on the clean lead at
 * the given normal beats) and the noise's power inside the noisy segments (N).
 * Edges: nst switches the gain abruptly and adds an offset that cancels the step, which
 * leaves a constant offset behind each segment; here the gain instead ramps in and out over
 * `rampSec` (0.5 s, raised cosine) inside each segment edge that is not a record end, so there
 * is neither a step nor a lasting offset. N is measured on the 1-second chunks clear of the
 * ramps, where the gain is full.
 */
import { gainForSnr, noisePower, qrsSignalPower, type TimeSpan } from './snr';

/** Options of {@link nstProtocol}. */
export interface ProtocolOptions {
  /** Noise-free learning period at the start, seconds (default 300). */
  learningSec?: number;
  /** Length of each noisy segment, seconds (default 120). */
  noisySec?: number;
  /** Length of each clean segment between them, seconds (default 120). */
  cleanSec?: number;
}

/** The noisy segments of nst's standard protocol over `durationSec` seconds. */
export function nstProtocol(durationSec: number, options: ProtocolOptions = {}): TimeSpan[] {
  const learning = options.learningSec ?? 300;
  const noisy = options.noisySec ?? 120;
  const clean = options.cleanSec ?? 120;
  if (!(noisy > 0) || !(clean >= 0) || !(learning >= 0)) throw new RangeError('protocol: segment lengths must be positive');
  const spans: TimeSpan[] = [];
  for (let start = learning; start < durationSec; start += noisy + clean) {
    spans.push({ startSec: start, endSec: Math.min(durationSec, start + noisy) });
  }
  return spans;
}

/** Per-sample noise gain in [0, 1]: 1 inside `spans`, 0 outside, raised-cosine ramps of `rampSec` inside interior edges. */
export function noiseEnvelope(length: number, fs: number, spans: readonly TimeSpan[], rampSec = 0.5): Float64Array {
  const out = new Float64Array(length);
  const ramp = Math.max(0, Math.round(rampSec * fs));
  for (const span of spans) {
    const a = Math.max(0, Math.round(span.startSec * fs));
    const b = Math.min(length, Math.round(span.endSec * fs));
    for (let i = a; i < b; i++) {
      const fromStart = a === 0 ? Infinity : i - a;
      const toEnd = b === length ? Infinity : b - 1 - i;
      const k = Math.min(fromStart, toEnd);
      out[i] = k >= ramp ? 1 : 0.5 * (1 - Math.cos((Math.PI * (k + 0.5)) / ramp));
    }
  }
  return out;
}

/** `spans` shrunk by `rampSec` at interior edges: where {@link noiseEnvelope} is 1. */
export function fullGainSpans(spans: readonly TimeSpan[], durationSec: number, rampSec = 0.5): TimeSpan[] {
  return spans
    .map((s) => ({
      startSec: s.startSec <= 0 ? s.startSec : s.startSec + rampSec,
      endSec: s.endSec >= durationSec ? s.endSec : s.endSec - rampSec,
    }))
    .filter((s) => s.endSec > s.startSec);
}

/** What {@link mixAtSnr} needs. */
export interface MixOptions {
  /** Sampling frequency, Hz. */
  fs: number;
  /** Target SNR during the noisy segments, dB (nst's definition). */
  snrDb: number;
  /** Sample indices of normal beats, for S (the first 300 are used). */
  normalBeats: ArrayLike<number>;
  /** Noisy segments (default: the whole signal). */
  spans?: readonly TimeSpan[];
  /** Ramp at interior segment edges, seconds (default 0.5). */
  rampSec?: number;
}

/** A mixed lead and the gain applied to its noise. */
export interface MixedLead {
  signal: Float64Array;
  gain: number;
}

/**
 * `clean` + gain × envelope × `noise`, the gain chosen so that the SNR during the noisy
 * segments is `options.snrDb` (see the file header). NaN samples of `clean` stay NaN.
 * @throws RangeError when the lengths differ, no QRS amplitude can be measured at the
 *   beats, or the noise has no power inside the segments.
 */
export function mixAtSnr(clean: Float64Array, noise: Float64Array, options: MixOptions): MixedLead {
  const { fs } = options;
  if (clean.length !== noise.length) throw new RangeError(`mix: ${clean.length} signal samples but ${noise.length} noise samples`);
  const durationSec = clean.length / fs;
  const spans = options.spans ?? [{ startSec: 0, endSec: durationSec }];
  const rampSec = options.rampSec ?? 0.5;
  const signalPower = qrsSignalPower(clean, fs, options.normalBeats);
  const gain = gainForSnr(signalPower, noisePower(noise, fs, fullGainSpans(spans, durationSec, rampSec)), options.snrDb);
  const envelope = noiseEnvelope(clean.length, fs, spans, rampSec);
  const signal = new Float64Array(clean.length);
  for (let i = 0; i < clean.length; i++) signal[i] = clean[i]! + gain * envelope[i]! * noise[i]!;
  return { signal, gain };
}
