/**
 * How the analysis splits a record's beats into chunks: in time order, never overlapping,
 * each at most `chunkSec` of the record and `maxBeats` beats. The first chunk is short
 * (`firstChunkSec`) so that the reviewer sees beats soon after detection; the later ones are
 * long enough that the per-chunk costs (a segment read, filter margins, a partial batch)
 * stay small against the classification.
 */

/** Chunking settings. */
export interface ChunkPlanOptions {
  /** Span of the first chunk, seconds (default 60). */
  firstChunkSec?: number;
  /** Span of every later chunk, seconds (default 300). */
  chunkSec?: number;
  /** Most beats in one chunk (default 2,000). */
  maxBeats?: number;
}

/** One chunk: beats [start, end) of the record's beat list. */
export interface PlannedChunk {
  start: number;
  end: number;
  /** Every beat before this time (seconds) is in this chunk or an earlier one. */
  endSec: number;
}

/** Default chunking: 60 s, then 5 minutes, at most 2,000 beats. */
export const DEFAULT_CHUNKING: Required<ChunkPlanOptions> = Object.freeze({ firstChunkSec: 60, chunkSec: 300, maxBeats: 2000 });

/**
 * Splits beats at `frames` (ascending frame numbers) of a record of `durationSec` at
 * `frameRateHz` into chunks (see the file header). Empty time spans are folded into the
 * next chunk; the last chunk always ends at `durationSec`, so a record without beats has
 * one empty chunk.
 */
export function planChunks(frames: ArrayLike<number>, frameRateHz: number, durationSec: number, options: ChunkPlanOptions = {}): PlannedChunk[] {
  const { firstChunkSec, chunkSec, maxBeats } = { ...DEFAULT_CHUNKING, ...options };
  const chunks: PlannedChunk[] = [];
  const n = frames.length;
  let start = 0;
  let limitSec = firstChunkSec;
  while (start < n) {
    let end = start;
    while (end < n && end - start < maxBeats && frames[end]! / frameRateHz < limitSec) end++;
    if (end === start) {
      limitSec += chunkSec; // nothing in this span: widen it
      continue;
    }
    const full = end < n && end - start >= maxBeats && frames[end]! / frameRateHz < limitSec;
    const endSec = end === n ? durationSec : full ? frames[end]! / frameRateHz : limitSec;
    chunks.push({ start, end, endSec });
    start = end;
    if (!full) limitSec += chunkSec;
  }
  if (chunks.length === 0) chunks.push({ start: 0, end: 0, endSec: durationSec });
  return chunks;
}
