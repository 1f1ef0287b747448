/**
 * Moving a beat the reviewer adds onto its R peak: within ±{@link SNAP_HALF_WINDOW_SEC} of
 * the given frame, the sample of largest absolute deflection of the lead band-passed as the
 * QRS detector places its peaks (../signal/qrs: `qrsBand` with the detector's first band,
 * 5–20 Hz, then `locatePeaks`), so an added beat sits where a detected one would. The lead
 * is the one the model reads (MLII, else the first signal: ./segment-windows).
 */
import { DEFAULT_FEATURE } from '../signal/qrs';
import { qrsBand } from '../signal/qrs/feature';
import { locatePeaks } from '../signal/qrs/locate';
import { fillGaps } from '../signal/gaps';
import type { WfdbRecord } from '../wfdb';
import { analysisLead } from './segment-windows';

/** Search half-width around the given frame, seconds. */
export const SNAP_HALF_WINDOW_SEC = 0.1;

/** Signal read on each side of the search window, seconds, for the band-pass to settle. */
const CONTEXT_SEC = 1;

/**
 * Index within ±`halfWindow` of `at` where the band-passed `x` (at `fs`) deflects most.
 * `x` may hold NaN (invalid samples); they are bridged before filtering.
 */
export function snapIndex(x: Float64Array, fs: number, at: number, halfWindow: number): number {
  if (x.length === 0) return at;
  const [lowHz, highHz] = DEFAULT_FEATURE.bands[0] ?? [5, 20];
  const band = qrsBand(fillGaps(x).filled, fs, lowHz, highHz);
  const clamped = Math.min(x.length - 1, Math.max(0, at));
  return locatePeaks(band, Int32Array.of(clamped), halfWindow)[0]!;
}

/**
 * The R-peak frame nearest `frame` (see the file header), inside the record.
 * @throws WfdbError from the record's reads.
 */
export async function snapToPeakFrame(record: Pick<WfdbRecord, 'signals' | 'frameRateHz' | 'frameCount' | 'readPhysical'>, frame: number): Promise<number> {
  const lead = analysisLead(record);
  const frameRate = record.frameRateHz;
  const at = Math.min(record.frameCount - 1, Math.max(0, Math.round(frame)));
  const context = Math.ceil((CONTEXT_SEC + SNAP_HALF_WINDOW_SEC) * frameRate);
  const from = Math.max(0, at - context);
  const to = Math.min(record.frameCount, at + context + 1);
  const [x] = await record.readPhysical(from, to, [lead.index]);
  const spf = lead.samplesPerFrame;
  const index = snapIndex(x ?? new Float64Array(0), lead.fs, (at - from) * spf, Math.round(SNAP_HALF_WINDOW_SEC * lead.fs));
  return from + Math.round(index / spf);
}
