/**
 * Reading a record in bounded chunks, so that a long (24-hour) record never sits whole in
 * memory: the overview and large windows fold each chunk and let it go.
 */
import type { WfdbRecord } from '../wfdb';

/** Frames per chunk: 65,536 frames of one 360 Hz signal is ~3 minutes, 512 KiB as Float64. */
export const CHUNK_FRAMES = 1 << 16;

/**
 * Calls `visit` with the physical values of `signals` for consecutive chunks of
 * [startFrame, endFrame), in order, each chunk starting at frame `chunkStart`.
 */
export async function forEachChunk(
  record: WfdbRecord,
  startFrame: number,
  endFrame: number,
  signals: readonly number[],
  visit: (chunk: Float64Array[], chunkStart: number) => void,
  chunkFrames = CHUNK_FRAMES,
): Promise<void> {
  for (let from = startFrame; from < endFrame; from += chunkFrames) {
    const to = Math.min(endFrame, from + chunkFrames);
    visit(await record.readPhysical(from, to, signals), from);
  }
}

/**
 * The frame at `sec` seconds: the first frame at or after that time. A tolerance of a
 * millionth of a frame absorbs floating-point noise (0.1 s × 360 Hz = 36.000000000000004).
 */
export function frameAt(sec: number, frameRateHz: number): number {
  return Math.max(0, Math.ceil(sec * frameRateHz - 1e-6));
}
