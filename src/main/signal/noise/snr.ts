/**
 * Signal-to-noise ratio of an ECG noise stress test as WFDB `nst` defines it (G. Moody, WFDB
 * `nst(1)` and `sigamp(1)`; Moody, Muldrow & Mark, "A noise stress test for arrhythmia
 * detectors", Computers in Cardiology 11:381–384, 1984):
 *
 *   SNR = 10 log10(S / N) dB
 *
 * - S, the QRS "power": the peak-to-peak amplitude of each of the first 300 normal QRS
 *   complexes, measured over 50 ms before to 50 ms after the beat annotation; the largest 5 %
 *   and smallest 5 % are dropped and the rest averaged (sigamp); S = amplitude² / 8 (the power
 *   of a sinusoid of that peak-to-peak amplitude). Deviation: "normal" here is whatever beats
 *   the caller passes — the evaluation passes the AAMI N class (N, L, R, e, j), because some
 *   records (e.g. 214, 231 with bundle branch block) have few or no `N` beats.
 * - N, the noise power: the noise cut into 1-second chunks; per chunk the RMS difference from
 *   the chunk's mean (removing the mean is nst's frequency weighting: very slow drift, which
 *   detectors ignore, counts little); the first 300 chunks, largest and smallest 5 % dropped,
 *   the rest averaged; N = that RMS². Deviation: nst measures the first 300 s of the noise
 *   record; here only chunks wholly inside the noisy segments are measured (the noise that is
 *   actually added), which makes the stated SNR hold during those segments.
 * - A noise gain a gives N·a², so a = sqrt(S / (N · 10^(SNR/10))).
 */

/** A stretch of time, seconds: [startSec, endSec). */
export interface TimeSpan {
  startSec: number;
  endSec: number;
}

/** Mean after dropping the largest and smallest `fraction` (default 5 %) of `values`; NaN when empty. */
export function trimmedMean(values: readonly number[], fraction = 0.05): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(sorted.length * fraction);
  const kept = sorted.slice(drop, sorted.length - drop);
  return kept.reduce((s, v) => s + v, 0) / kept.length;
}

/**
 * sigamp's peak-to-peak QRS amplitude of `signal` (fs Hz) over the first `maxBeats` (300) of
 * `beatSamples`: range within ±50 ms of each beat, trimmed mean (5 % each side). Beats too near
 * an end for the window, or whose window holds NaN, are skipped.
 * @returns the amplitude in the signal's units; NaN when no beat could be measured.
 */
export function qrsPeakToPeak(signal: ArrayLike<number>, fs: number, beatSamples: ArrayLike<number>, maxBeats = 300): number {
  const half = Math.round(0.05 * fs);
  const ranges: number[] = [];
  for (let b = 0; b < beatSamples.length && ranges.length < maxBeats; b++) {
    const at = beatSamples[b]!;
    if (at - half < 0 || at + half >= signal.length) continue;
    let lo = Infinity, hi = -Infinity;
    for (let i = at - half; i <= at + half; i++) {
      const v = signal[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (Number.isFinite(hi - lo)) ranges.push(hi - lo);
  }
  return trimmedMean(ranges);
}

/** nst's signal power S = (peak-to-peak QRS amplitude)² / 8; see {@link qrsPeakToPeak}. */
export function qrsSignalPower(signal: ArrayLike<number>, fs: number, beatSamples: ArrayLike<number>): number {
  const amplitude = qrsPeakToPeak(signal, fs, beatSamples);
  return (amplitude * amplitude) / 8;
}

/** Start samples of the whole 1-second chunks inside `spans` (all of `length` when spans is null). */
function chunkStarts(length: number, fs: number, spans: readonly TimeSpan[] | null): number[] {
  const size = Math.round(fs);
  const starts: number[] = [];
  for (const span of spans ?? [{ startSec: 0, endSec: length / fs }]) {
    const end = Math.min(length, Math.round(span.endSec * fs));
    for (let s = Math.max(0, Math.round(span.startSec * fs)); s + size <= end; s += size) starts.push(s);
  }
  return starts;
}

/**
 * sigamp's noise power N of `noise` (fs Hz): per 1-second chunk (whole chunks inside `spans`,
 * or the whole signal when null) the RMS about the chunk mean; the first `maxChunks` (300),
 * trimmed mean (5 % each side), squared. NaN when no whole chunk fits.
 */
export function noisePower(noise: ArrayLike<number>, fs: number, spans: readonly TimeSpan[] | null = null, maxChunks = 300): number {
  const size = Math.round(fs);
  const rms: number[] = [];
  for (const start of chunkStarts(noise.length, fs, spans).slice(0, maxChunks)) {
    let mean = 0;
    for (let i = start; i < start + size; i++) mean += noise[i]!;
    mean /= size;
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += (noise[i]! - mean) ** 2;
    rms.push(Math.sqrt(sum / size));
  }
  const amplitude = trimmedMean(rms);
  return amplitude * amplitude;
}

/**
 * The gain a that puts noise of power `noisePowerValue` at `snrDb` below a signal of power
 * `signalPower`: a = sqrt(S / (N · 10^(SNR/10))).
 * @throws RangeError when either power is not a positive finite number.
 */
export function gainForSnr(signalPower: number, noisePowerValue: number, snrDb: number): number {
  if (!(signalPower > 0) || !Number.isFinite(signalPower)) throw new RangeError(`SNR: signal power ${signalPower} must be positive (no measurable QRS complex?)`);
  if (!(noisePowerValue > 0) || !Number.isFinite(noisePowerValue)) throw new RangeError(`SNR: noise power ${noisePowerValue} must be positive`);
  return Math.sqrt(signalPower / (noisePowerValue * 10 ** (snrDb / 10)));
}

/**
 * The SNR (dB) of `noisy` = `clean` + noise, measured as nst defines it: S from `clean` at
 * `beatSamples`, N from `noisy − clean` over the whole 1-second chunks inside `spans`.
 */
export function measureSnrDb(clean: ArrayLike<number>, noisy: ArrayLike<number>, fs: number, beatSamples: ArrayLike<number>, spans: readonly TimeSpan[] | null = null): number {
  const difference = Float64Array.from({ length: clean.length }, (_, i) => noisy[i]! - clean[i]!);
  return 10 * Math.log10(qrsSignalPower(clean, fs, beatSamples) / noisePower(difference, fs, spans));
}
