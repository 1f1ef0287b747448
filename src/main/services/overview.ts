/**
 * `recording:overview`: the min/max envelope of one signal over the whole record in `bins`
 * equal bins, for the overview strip. It streams through the record chunk by chunk (see
 * record-stream.ts), so a 24-hour record costs one chunk of memory, not the whole signal.
 */
import type { SignalOverview } from '../../shared/domain';
import type { WfdbRecord } from '../wfdb';
import { createBins, finishBins, foldIntoBins } from './min-max';
import { forEachChunk } from './record-stream';
import { chooseSignals } from './signal-window';

/**
 * Bin `b` covers frames [floor(b·N/bins), floor((b+1)·N/bins)) of the N-frame record, so
 * bins differ by at most one frame and together cover every frame once. With fewer frames
 * than bins, some bins stay empty (null).
 */
export async function computeOverview(
  recordingId: string,
  record: WfdbRecord,
  signalIndex: number,
  bins: number,
  chunkFrames?: number,
): Promise<SignalOverview> {
  chooseSignals(record, [signalIndex]); // throws for a signal the record lacks
  const spf = record.signals[signalIndex]?.samplesPerFrame ?? 1;
  const frames = record.frameCount;
  const acc = createBins(bins);
  // Inverse of the bin bounds above: frame f lies in bin floor(((f + 1)·bins − 1) / N).
  const binOf = (f: number): number => Math.min(bins - 1, Math.floor(((f + 1) * bins - 1) / frames));
  await forEachChunk(
    record,
    0,
    frames,
    [signalIndex],
    (chunk, chunkStart) => foldIntoBins(acc, chunk[0] ?? new Float64Array(0), spf, chunkStart, binOf),
    chunkFrames,
  );
  const { min, max } = finishBins(acc);
  return { recordingId, signalIndex, binDurationSec: frames / bins / record.frameRateHz, min, max };
}
