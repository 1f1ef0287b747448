/**
 * Synthetic ECG noise of the four kinds a Holter recording meets, generated from a seed (the
 * MIT-BIH Noise Stress Test Database is not available here, so its `bw`, `em` and `ma`
 * records are imitated, and mains interference added). Each generator returns one noise
 * signal per lead, of arbitrary scale: ./mix scales it to a target SNR as WFDB `nst` does.
 *
 * - 'baseline-wander' (NSTDB `bw`): a respiration-like sinusoid (one rate in 0.15–0.4 Hz,
 *   shared by the leads, amplitude 1), three more sinusoids at 0.05–0.5 Hz (amplitude
 *   0.2–0.6, random phases, per lead), plus a slow random walk (Ornstein–Uhlenbeck, time
 *   constant 2 s, low-passed at 0.5 Hz, RMS 0.5).
 * - 'electrode-motion' (NSTDB `em`): sparse motion events (Poisson, 0.3 per second, same
 *   instants on every lead — one movement pulls every electrode): each a burst of 1–10 Hz
 *   band-limited noise under a Hann envelope 0.2–1.5 s long (log-normal amplitude), plus a
 *   baseline jump (normal amplitude) that relaxes exponentially (time constant 0.3–2 s), as a
 *   disturbed electrode's half-cell potential does; over a continuous 1–10 Hz floor at 0.15.
 * - 'muscle' (NSTDB `ma`, EMG): Gaussian noise band-passed 20–150 Hz (4th-order Butterworth,
 *   zero-phase; the top edge at most 0.45 fs) under a bursty envelope: 0.3 plus contractions
 *   (Poisson, 0.25 per second, shared by the leads) of 0.5–3 s, raised-cosine shaped, with
 *   log-normal strength.
 * - 'mains': 50 or 60 Hz (default 60, the MIT-BIH recordings are American) with its 2nd and
 *   3rd harmonics at 0.3 and 0.15 (those below 0.45 fs), random phases per lead, amplitude
 *   modulated by 1 + 0.1 sin(2π f t + φ) with f in 0.05–0.3 Hz.
 *
 * Reproducible: the same (type, seed, fs, length, leads, mainsHz) gives the same samples.
 * Shared draws (event instants, respiration rate) come from `deriveSeed(seed, 'shared')`,
 * each lead's from `deriveSeed(seed, 'lead', k)`.
 */
import { createPrng, deriveSeed, type Prng } from '../../ml/training/prng';
import { butterworthBandpass, butterworthLowpass, filtfilt } from '../filters';

/** The kinds of noise, in the order reports list them. */
export const NOISE_TYPES = ['baseline-wander', 'electrode-motion', 'muscle', 'mains'] as const;

/** One kind of noise. */
export type NoiseType = (typeof NOISE_TYPES)[number];

/** Options of {@link generateNoise}. */
export interface NoiseOptions {
  /** Sampling frequency, Hz (at least 50). */
  fs: number;
  /** Samples per lead. */
  length: number;
  /** Number of leads (default 1). */
  leads?: number;
  /** Seed of the generator (any number). */
  seed: number;
  /** Mains frequency for 'mains', Hz (default 60). */
  mainsHz?: 50 | 60;
}

/** An event: start sample, length in samples and a strength. */
interface NoiseEvent {
  start: number;
  length: number;
  strength: number;
}

/** Poisson event instants at `ratePerSec`, each `minSec`–`maxSec` long, log-normal strength (σ 0.5). */
function poissonEvents(prng: Prng, n: number, fs: number, ratePerSec: number, minSec: number, maxSec: number): NoiseEvent[] {
  const events: NoiseEvent[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - prng.next()) / ratePerSec;
    const start = Math.round(t * fs);
    if (start >= n) return events;
    const length = Math.max(2, Math.round((minSec + (maxSec - minSec) * prng.next()) * fs));
    events.push({ start, length, strength: Math.exp(0.5 * prng.normal()) });
  }
}

/** White Gaussian noise band-passed (zero-phase) and scaled to unit RMS. */
function bandNoise(prng: Prng, n: number, fs: number, lowHz: number, highHz: number, order: number): Float64Array {
  const white = new Float64Array(n).map(() => prng.normal());
  const band = filtfilt(butterworthBandpass(order, lowHz, Math.min(highHz, 0.45 * fs), fs), white);
  return scaleToRms(band, 1);
}

/** `x` scaled in place to root-mean-square `rms` (unchanged when it is all zero). */
function scaleToRms(x: Float64Array, rms: number): Float64Array {
  let sum = 0;
  for (const v of x) sum += v * v;
  const current = Math.sqrt(sum / Math.max(1, x.length));
  if (current > 0) for (let i = 0; i < x.length; i++) x[i] = (x[i]! * rms) / current;
  return x;
}

/** Adds `strength` × a Hann window over each event to `envelope`, in place. */
function addHannEvents(envelope: Float64Array, events: readonly NoiseEvent[]): void {
  for (const e of events) {
    for (let k = 0; k < e.length && e.start + k < envelope.length; k++) {
      envelope[e.start + k]! += e.strength * 0.5 * (1 - Math.cos((2 * Math.PI * k) / (e.length - 1)));
    }
  }
}

const TWO_PI = 2 * Math.PI;

function baselineWander(fs: number, n: number, respirationHz: number, lead: Prng): Float64Array {
  const out = new Float64Array(n);
  const sines = [{ hz: respirationHz, amplitude: 1 }];
  for (let k = 0; k < 3; k++) sines.push({ hz: 0.05 + 0.45 * lead.next(), amplitude: 0.2 + 0.4 * lead.next() });
  for (const { hz, amplitude } of sines) {
    const phase = TWO_PI * lead.next();
    for (let i = 0; i < n; i++) out[i]! += amplitude * Math.sin((TWO_PI * hz * i) / fs + phase);
  }
  // Ornstein–Uhlenbeck walk (time constant 2 s): a drift that wanders but stays bounded.
  const decay = Math.exp(-1 / (2 * fs));
  const walk = new Float64Array(n);
  let level = 0;
  for (let i = 0; i < n; i++) walk[i] = level = decay * level + lead.normal();
  const slow = scaleToRms(filtfilt(butterworthLowpass(2, 0.5, fs), walk), 0.5);
  for (let i = 0; i < n; i++) out[i]! += slow[i]!;
  return out;
}

function electrodeMotion(fs: number, n: number, events: readonly NoiseEvent[], lead: Prng): Float64Array {
  const envelope = new Float64Array(n).fill(0.15);
  addHannEvents(envelope, events.map((e) => ({ ...e, strength: e.strength * Math.exp(0.3 * lead.normal()) })));
  const out = bandNoise(lead, n, fs, 1, 10, 2);
  for (let i = 0; i < n; i++) out[i]! *= envelope[i]!;
  for (const e of events) {
    // A baseline jump at the event's onset relaxing exponentially, cut off after 5 time constants.
    const jump = lead.normal();
    const tau = (0.3 + 1.7 * lead.next()) * fs;
    for (let k = 0; k < 5 * tau && e.start + k < n; k++) out[e.start + k]! += jump * Math.exp(-k / tau);
  }
  return out;
}

function muscle(fs: number, n: number, events: readonly NoiseEvent[], lead: Prng): Float64Array {
  const envelope = new Float64Array(n).fill(0.3);
  addHannEvents(envelope, events);
  const out = bandNoise(lead, n, fs, 20, 150, 4);
  for (let i = 0; i < n; i++) out[i]! *= envelope[i]!;
  return out;
}

function mains(fs: number, n: number, mainsHz: number, lead: Prng): Float64Array {
  const out = new Float64Array(n);
  for (const [k, amplitude] of [[1, 1], [2, 0.3], [3, 0.15]] as const) {
    if (k * mainsHz >= 0.45 * fs) continue;
    const phase = TWO_PI * lead.next();
    for (let i = 0; i < n; i++) out[i]! += amplitude * Math.sin((TWO_PI * k * mainsHz * i) / fs + phase);
  }
  const amHz = 0.05 + 0.25 * lead.next();
  const amPhase = TWO_PI * lead.next();
  for (let i = 0; i < n; i++) out[i]! *= 1 + 0.1 * Math.sin((TWO_PI * amHz * i) / fs + amPhase);
  return out;
}

/**
 * Noise of `type` for `options.leads` leads (see the file header for each model).
 * @returns one Float64Array of `options.length` samples per lead, arbitrary scale.
 * @throws RangeError on fs below 50 Hz, a negative or fractional length, or an unknown type.
 */
export function generateNoise(type: NoiseType, options: NoiseOptions): Float64Array[] {
  const { fs, length: n, seed } = options;
  const leads = options.leads ?? 1;
  if (!(fs >= 50) || !Number.isFinite(fs)) throw new RangeError(`noise: fs ${fs} Hz must be at least 50 Hz`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`noise: length ${n} must be a whole number of samples`);
  if (!Number.isInteger(leads) || leads < 1) throw new RangeError(`noise: ${leads} leads`);
  const shared = createPrng(deriveSeed(seed, 'shared', type));
  const lead = (k: number): Prng => createPrng(deriveSeed(seed, 'lead', k, type));
  const all = Array.from({ length: leads }, (_, k) => k);
  switch (type) {
    case 'baseline-wander': {
      const respirationHz = 0.15 + 0.25 * shared.next();
      return all.map((k) => baselineWander(fs, n, respirationHz, lead(k)));
    }
    case 'electrode-motion': {
      const events = poissonEvents(shared, n, fs, 0.3, 0.2, 1.5);
      return all.map((k) => electrodeMotion(fs, n, events, lead(k)));
    }
    case 'muscle': {
      const events = poissonEvents(shared, n, fs, 0.25, 0.5, 3);
      return all.map((k) => muscle(fs, n, events, lead(k)));
    }
    case 'mains':
      return all.map((k) => mains(fs, n, options.mainsHz ?? 60, lead(k)));
    default:
      throw new RangeError(`noise: unknown type '${String(type)}' (${NOISE_TYPES.join(', ')})`);
  }
}
