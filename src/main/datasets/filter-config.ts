/**
 * The filtering applied to a lead before beats are cut, as plain data (so that it can be part
 * of the beat-cache key), built from engineer E's filters in ../signal (no filter is
 * implemented here).
 *
 * The default follows de Chazal et al. (IEEE TBME 51(7), 2004), whose preprocessing most
 * inter-patient results share: baseline wander removed by 200 ms and 600 ms median filters
 * (../signal/baseline), then a 35 Hz low-pass (they used a 12-tap FIR; here a zero-phase
 * 4th-order Butterworth, ../signal/filters `filtfilt`, which moves no R peak). MIT-BIH has
 * little mains interference, so no notch by default.
 */
import { removeBaseline } from '../signal/baseline';
import { butterworthLowpass, filtfilt, notch } from '../signal/filters';

/** Filtering of one lead. */
export interface FilterConfig {
  /** 'median': 200 ms + 600 ms median baseline removal; 'none': keep the baseline. */
  baseline: 'median' | 'none';
  /** Zero-phase Butterworth low-pass cut-off in Hz (skipped when null or ≥ fs/2). */
  lowpassHz: number | null;
  /** Order of that low-pass (each pass; default 4). */
  lowpassOrder?: number;
  /** Zero-phase mains notch in Hz (50 or 60), or null. */
  notchHz: number | null;
}

/** de Chazal's preprocessing: median baseline removal, then a 35 Hz low-pass. */
export const DEFAULT_FILTER: FilterConfig = Object.freeze({ baseline: 'median', lowpassHz: 35, lowpassOrder: 4, notchHz: null });

/** No filtering: the lead as recorded (seed 002 windows the raw signal). */
export const NO_FILTER: FilterConfig = Object.freeze({ baseline: 'none', lowpassHz: null, notchHz: null });

/**
 * Applies `config` to `signal` (physical units at `fs` Hz); NaN (invalid samples) stays NaN
 * where it was. Returns a new array (a copy when nothing applies).
 */
export function applyFilter(signal: Float64Array, fs: number, config: FilterConfig): Float64Array {
  let y = config.baseline === 'median' ? removeBaseline(signal, fs) : Float64Array.from(signal);
  if (config.notchHz !== null && config.notchHz < fs / 2) y = filtfilt(notch(config.notchHz, fs), y);
  if (config.lowpassHz !== null && config.lowpassHz < fs / 2) {
    y = filtfilt(butterworthLowpass(config.lowpassOrder ?? 4, config.lowpassHz, fs), y);
  }
  return y;
}
