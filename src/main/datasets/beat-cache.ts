/**
 * Binary cache of extracted beats: one file per (record, window config, filter config, RR
 * options, beat source, source files, version), so that a second load of a record reads one
 * file instead of reading, filtering and cutting the signal again.
 *
 * File layout (all numbers little-endian, every section starting on a 4-byte boundary):
 *   bytes 0–7    magic "RABEATS1"
 *   bytes 8–11   uint32 H, length of the header
 *   12 … 12+H    header, UTF-8 JSON: version, key (SHA-256 of the config), record, source, fs,
 *                lead, count, windowLength, windowRateHz, rrCount, hasDifferences, symbols,
 *                missed, hasAnnotations, bodyBytes
 *   body         samples Int32[count] · classes Int8[count] · windowFlags Uint8[count] ·
 *                windows Float32[count × windowLength] · rr Float32[count × rrCount] ·
 *                differences Float32[count × windowLength] (when hasDifferences)
 * A file is used only when its magic, version, key, counts and total size all check out;
 * anything else is treated as absent (and rewritten by the loader). Writes go to a temporary
 * file in the same folder, renamed over the target, so a reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BeatSet } from './beat-set';

/** Bump when the extraction changes in a way the config does not capture. */
export const BEAT_CACHE_VERSION = 2;

/** Default cache folder, relative to the repository root (ignored by git via `.cache/`). */
export const DEFAULT_BEAT_CACHE_DIR = '.cache/beats';

const MAGIC = 'RABEATS1';

/** JSON with object keys sorted, so that equal configs give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of everything that determines a record's beats, plus the cache version. */
export function beatCacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(stableJson({ ...parts, cacheVersion: BEAT_CACHE_VERSION })).digest('hex');
}

/** Path of the cache file of `record` under `dir` for `key`. */
export function beatCachePath(dir: string, record: string, key: string): string {
  const safe = record.replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(dir, `${safe}-${key.slice(0, 20)}.beats`);
}

const align4 = (n: number): number => (n + 3) & ~3;

interface CacheHeader {
  version: number;
  key: string;
  record: string;
  source: BeatSet['source'];
  fs: number;
  lead: BeatSet['lead'];
  count: number;
  windowLength: number;
  windowRateHz: number;
  rrCount: number;
  /** The set has neighbour differences (absent in files written before they existed: false). */
  hasDifferences?: boolean;
  symbols: string[];
  missed: BeatSet['missed'];
  hasAnnotations: boolean;
  bodyBytes: number;
}

function bodyLayout(count: number, windowLength: number, rrCount: number, hasDifferences: boolean): { offsets: number[]; bytes: number } {
  const sizes = [count * 4, align4(count), align4(count), count * windowLength * 4, count * rrCount * 4, hasDifferences ? count * windowLength * 4 : 0];
  const offsets: number[] = [];
  let at = 0;
  for (const size of sizes) {
    offsets.push(at);
    at += size;
  }
  return { offsets, bytes: at };
}

/** Serialises `set` under `key` (see the file layout above). */
export function encodeBeatSet(set: BeatSet, key: string): Uint8Array {
  const rrCount = set.count > 0 ? set.rr.length / set.count : 0;
  const hasDifferences = set.differences !== null;
  const layout = bodyLayout(set.count, set.windowLength, rrCount, hasDifferences);
  const header: CacheHeader = {
    version: BEAT_CACHE_VERSION, key, record: set.record, source: set.source, fs: set.fs, lead: set.lead,
    count: set.count, windowLength: set.windowLength, windowRateHz: set.windowRateHz, rrCount, hasDifferences,
    symbols: set.symbols, missed: set.missed, hasAnnotations: set.hasAnnotations, bodyBytes: layout.bytes,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = align4(12 + headerBytes.length);
  const out = new Uint8Array(bodyStart + layout.bytes);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  const sections = [set.samples, set.classes, set.windowFlags, set.windows, set.rr, set.differences ?? new Float32Array(0)];
  sections.forEach((array, i) => {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), bodyStart + layout.offsets[i]!);
  });
  return out;
}

/** Parses a cache file; null when it is not a valid cache of `key`. */
export function decodeBeatSet(bytes: Uint8Array, key: string): BeatSet | null {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return null;
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) return null;
  let header: CacheHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as CacheHeader;
  } catch {
    return null;
  }
  if (header.version !== BEAT_CACHE_VERSION || header.key !== key) return null;
  const { count, windowLength, rrCount } = header;
  const hasDifferences = header.hasDifferences === true;
  const layout = bodyLayout(count, windowLength, rrCount, hasDifferences);
  const bodyStart = align4(12 + headerLength);
  if (layout.bytes !== header.bodyBytes || bytes.length !== bodyStart + layout.bytes || header.symbols.length !== count) return null;
  // Copy each section into its own buffer: the file's bytes need not be aligned for typed views.
  const section = (i: number, length: number): ArrayBuffer => {
    const from = bytes.byteOffset + bodyStart + layout.offsets[i]!;
    return bytes.buffer.slice(from, from + length) as ArrayBuffer;
  };
  return {
    record: header.record, source: header.source, fs: header.fs, lead: header.lead, count,
    samples: new Int32Array(section(0, count * 4)),
    classes: new Int8Array(section(1, count)),
    symbols: header.symbols,
    windowLength, windowRateHz: header.windowRateHz,
    windowFlags: new Uint8Array(section(2, count)),
    windows: new Float32Array(section(3, count * windowLength * 4)),
    rr: new Float32Array(section(4, count * rrCount * 4)),
    differences: hasDifferences ? new Float32Array(section(5, count * windowLength * 4)) : null,
    missed: header.missed,
    hasAnnotations: header.hasAnnotations,
  };
}

/** Reads the cache file at `path`; null when absent, unreadable or not a valid cache of `key`. */
export async function readBeatCache(path: string, key: string): Promise<BeatSet | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  return decodeBeatSet(bytes, key);
}

/**
 * Writes `set` to `path` atomically (temporary file + rename), creating the folder. A failed
 * write (read-only disk, full disk) is not an error for the caller: the beats were computed
 * anyway, so it returns false and leaves no temporary file.
 */
export async function writeBeatCache(path: string, key: string, set: BeatSet): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(temp, encodeBeatSet(set, key), { flag: 'wx' });
    await rename(temp, path);
    return true;
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}
