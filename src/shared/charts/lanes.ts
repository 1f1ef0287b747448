/**
 * Vertical scale of each signal lane. Voltage signals are drawn at the paper's gain (true
 * mm per mV); a lane is a whole number of large squares tall and its limits fall on paper
 * lines, so the paper grid reads as millivolts inside every lane. Signals in other units
 * (mmHg, %, unitless) cannot be on a mV scale and are fitted to the lane instead.
 */
import { MAJOR_MM, roundTo } from './paper';

/** Millivolts a lane shows at any gain, before rounding to whole large squares. */
const LANE_SPAN_MV = 4;
/** Lane height bounds, mm: tall enough to read at 5 mm/mV, short enough for two on screen at 20. */
const MIN_LANE_MM = 30;
const MAX_LANE_MM = 80;
/** Lanes are a multiple of two large squares tall, so that their centre lies on a major line. */
const LANE_QUANTUM_MM = 2 * MAJOR_MM;
/** Height of a lane drawn fitted (not in mV), mm. */
const FITTED_LANE_MM = 30;

/**
 * Factor from a signal's units to millivolts, or null when the units are not a voltage.
 * Units are compared case-sensitively where case matters (mV vs MV does not occur in WFDB
 * headers; "uV" is the ASCII spelling of µV).
 */
export function millivoltsPerUnit(units: string): number | null {
  switch (units.trim()) {
    case 'mV':
    case 'mv':
      return 1;
    case 'uV':
    case 'µV':
    case 'μV':
      return 1e-3;
    case 'V':
      return 1e3;
    default:
      return null;
  }
}

/** Height of a voltage lane in mm at `gainMmPerMv`. */
export function laneHeightMm(gainMmPerMv: number): number {
  const raw = LANE_SPAN_MV * gainMmPerMv;
  const quantised = Math.ceil(raw / LANE_QUANTUM_MM - 1e-9) * LANE_QUANTUM_MM;
  return Math.min(MAX_LANE_MM, Math.max(MIN_LANE_MM, quantised));
}

/** Height of a fitted (non-voltage) lane in mm. */
export function fittedLaneHeightMm(): number {
  return FITTED_LANE_MM;
}

/** The finite values (NaN marks an invalid sample), sorted ascending; a typed sort is fast. */
function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

/** The q-quantile (0..1, nearest rank) of sorted finite values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
}

/**
 * Centre of a voltage lane, mV, on a large-square line. The trace should fit: among the
 * centres that keep the visible samples (0.5th to 99.5th percentile, so that one artefact
 * does not decide) inside the lane, the one closest to the median (the ECG's baseline) is
 * taken; when the trace is taller than the lane, the middle of its range. `previousMv`
 * gives hysteresis: the centre stays put while it still fits, so the trace does not jump
 * from page to page.
 */
export function chooseLaneCenterMv(valuesMv: ArrayLike<number>, gainMmPerMv: number, previousMv: number | null, heightMm = laneHeightMm(gainMmPerMv)): number {
  const majorMv = MAJOR_MM / gainMmPerMv;
  const finite = finiteSorted(valuesMv);
  if (finite.length === 0) return previousMv ?? 0;
  const median = quantileSorted(finite, 0.5);
  const lo = quantileSorted(finite, 0.005);
  const hi = quantileSorted(finite, 0.995);
  const halfMv = heightMm / 2 / gainMmPerMv;
  const fits = (c: number) => c - halfMv <= lo + 1e-9 && c + halfMv >= hi - 1e-9;
  if (previousMv !== null && (fits(previousMv) || (hi - lo > 2 * halfMv && Math.abs((lo + hi) / 2 - previousMv) <= majorMv))) {
    return previousMv;
  }
  const feasibleLow = hi - halfMv;
  const feasibleHigh = lo + halfMv;
  const ideal = feasibleLow <= feasibleHigh ? Math.min(feasibleHigh, Math.max(feasibleLow, median)) : (lo + hi) / 2;
  const down = roundTo(Math.floor(ideal / majorMv) * majorMv, 9);
  const up = roundTo(down + majorMv, 9);
  const candidates = [down, up].filter(fits).sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal));
  return candidates[0] ?? roundTo(Math.round(ideal / majorMv) * majorMv, 9);
}

/** The y range of a lane, in the signal's own units. */
export interface LaneRange {
  min: number;
  max: number;
  /** Whether the lane is on the paper's mV scale (false: fitted to its data). */
  onPaperScale: boolean;
}

/** Y range of a voltage lane of `heightMm` centred on `centerMv`, in the signal's units. */
export function voltageLaneRange(centerMv: number, heightMm: number, gainMmPerMv: number, mvPerUnit: number): LaneRange {
  const halfMv = heightMm / 2 / gainMmPerMv;
  return { min: (centerMv - halfMv) / mvPerUnit, max: (centerMv + halfMv) / mvPerUnit, onPaperScale: true };
}

/**
 * Y range of a non-voltage lane: the data's range with a tenth of margin each side, or
 * [-1, 1] around the value when the data is flat or absent.
 */
export function fittedLaneRange(values: ArrayLike<number>): LaneRange {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return { min: -1, max: 1, onPaperScale: false };
  if (hi - lo < 1e-9) return { min: lo - 1, max: hi + 1, onPaperScale: false };
  const pad = (hi - lo) / 10;
  return { min: lo - pad, max: hi + pad, onPaperScale: false };
}
