/**
 * QRS detection over long records in chunks, so memory stays bounded (a 24-hour record is
 * never held whole). Each chunk is read with a margin on both sides and detected on its
 * own; only the beats inside the chunk proper are kept. Every level and decision of the
 * detector depends on at most about ±20 s around a sample (block medians over ±8 s, beat
 * medians over ±4 beats, two passes), so with the default 30-second margins the result
 * matches a whole-record detection except where the beats near a chunk edge are decided
 * by a context longer than that (long pauses).
 */
import { detectQrs, type QrsDetection, type QrsOptions } from './detect';

/** Where the leads come from: `read(start, end)` gives each lead's samples [start, end). */
export interface LeadSource {
  /** Samples per lead. */
  length: number;
  /** Sampling frequency, Hz. */
  fs: number;
  read(start: number, end: number): Promise<Float64Array[]>;
}

/** Options of {@link detectQrsChunked}. */
export interface ChunkedQrsOptions extends QrsOptions {
  /** Longest chunk, seconds (default 3600: records up to an hour are one chunk). */
  chunkSec?: number;
  /** Context read on each side of a chunk, seconds (default 30). */
  marginSec?: number;
}

/**
 * Detects QRS complexes chunk by chunk (see the file header).
 * @returns R-peak sample indices over the whole source, and the lead that placed most.
 * @throws what `source.read` throws; RangeError as detectQrs.
 */
export async function detectQrsChunked(source: LeadSource, options: ChunkedQrsOptions = {}): Promise<QrsDetection> {
  const { fs, length } = source;
  // Equal chunks of at most chunkSec, so that no short tail is detected with little context.
  const maxChunk = Math.max(1, Math.round((options.chunkSec ?? 3600) * fs));
  const chunk = Math.ceil(length / Math.max(1, Math.ceil(length / maxChunk)));
  const margin = Math.max(0, Math.round((options.marginSec ?? 30) * fs));
  const refractory = Math.round(0.2 * fs);
  const parts: Int32Array[] = [];
  const leadVotes = new Map<number, number>();
  let last = -Infinity;
  for (let start = 0; start < length; start += chunk) {
    const end = Math.min(length, start + chunk);
    const from = Math.max(0, start - margin), to = Math.min(length, end + margin);
    const leads = await source.read(from, to);
    const found = detectQrs(leads, fs, options);
    leadVotes.set(found.locateLead, (leadVotes.get(found.locateLead) ?? 0) + 1);
    const kept: number[] = [];
    for (const s of found.samples) {
      const at = s + from;
      // Keep the chunk's own beats; a beat placed on both sides of an edge counts once.
      if (at < start || at >= end || (kept.length === 0 && at - last < refractory)) continue;
      kept.push(at);
    }
    if (kept.length > 0) last = kept[kept.length - 1]!;
    parts.push(Int32Array.from(kept));
  }
  const samples = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { samples.set(p, o); o += p.length; }
  let locateLead = 0, votes = -1;
  for (const [lead, v] of leadVotes) if (v > votes) { votes = v; locateLead = lead; }
  return { samples, locateLead };
}
