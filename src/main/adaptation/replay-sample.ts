/**
 * The replay sample shipped beside a model (`replay-ds1.bin` in its folder): a few thousand
 * of its training beats — model-input windows and raw RR features with their AAMI class — so
 * that a patient adaptation can mix them into its batches and not forget the other classes
 * (a clinical user has no MIT-BIH on disk). Built by ./build-replay.ts from MIT-BIH DS1.
 *
 * File layout (little-endian, every section on a 4-byte boundary):
 *   bytes 0–7    magic "RAREPLAY"
 *   bytes 8–11   uint32 H, length of the header
 *   12 … 12+H    header, UTF-8 JSON ({@link ReplayHeader})
 *   body         classes Int8[count] (padded to 4) · windows Int16[count × windowLength]
 *                (value = round(window × scale), clipped to ±32767) · rr Float32[count × rrCount]
 *                · when the header's hasDifferences is true, the beats' neighbour
 *                differences Int16[count × windowLength] (padded to 4), stored as the windows
 * Windows are z-scored per beat (the shipped card), so |value| ≤ 32767 / scale covers them;
 * int16 halves the file against float16 tricks and keeps 1/scale resolution. Differences are
 * in units of the neighbours' spread and stay within that range but for the rare beat many
 * times the size of its neighbours, which is clipped.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { RR_FEATURE_COUNT } from '../signal/rr-features';
import type { LabelledBeats } from './fine-tune';

/** File name of the replay sample inside a model folder. */
export const REPLAY_FILE = 'replay-ds1.bin';
const MAGIC = 'RAREPLAY';
/** Version of the layout this code reads and writes. */
export const REPLAY_VERSION = 1;

/** What the header says. */
export interface ReplayHeader {
  version: number;
  count: number;
  windowLength: number;
  windowRateHz: number;
  rrCount: number;
  /** Window value = stored int16 / scale. */
  scale: number;
  /** The sample holds each beat's neighbour difference (absent in older files: false). */
  hasDifferences?: boolean;
  /** Beats per class, BEAT_LABELS order. */
  classCounts: number[];
  records: string[];
  source: string;
  license: string;
}

/** Replay beats in memory. */
export interface ReplaySample {
  header: ReplayHeader;
  /** count × windowLength, as the model reads them. */
  windows: Float32Array;
  /** count × windowLength neighbour differences when the header says so, else null. */
  differences: Float32Array | null;
  /** count × RR_FEATURE_COUNT raw RR features. */
  rr: Float32Array;
  classes: Int8Array;
}

const align4 = (n: number): number => (n + 3) & ~3;

/** The file's bytes for `sample` (windows quantised with `sample.header.scale`). */
export function encodeReplay(sample: ReplaySample): Uint8Array {
  const { windows, differences, rr, classes } = sample;
  const header: ReplayHeader = { ...sample.header, hasDifferences: differences !== null };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = align4(12 + headerBytes.length);
  const classBytes = align4(header.count);
  const windowBytes = align4(windows.length * 2);
  const rrEnd = headerEnd + classBytes + windowBytes + rr.length * 4;
  const out = new Uint8Array(rrEnd + (differences === null ? 0 : windowBytes));
  const view = new DataView(out.buffer);
  out.set(Buffer.from(MAGIC, 'ascii'), 0);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(new Uint8Array(classes.buffer, classes.byteOffset, classes.length), headerEnd);
  const writeInt16 = (values: Float32Array, from: number): void => {
    for (let i = 0, at = from; i < values.length; i++, at += 2) {
      view.setInt16(at, Math.max(-32767, Math.min(32767, Math.round(values[i]! * header.scale))), true);
    }
  };
  writeInt16(windows, headerEnd + classBytes);
  let at = headerEnd + classBytes + windowBytes;
  for (let i = 0; i < rr.length; i++, at += 4) view.setFloat32(at, rr[i]!, true);
  if (differences !== null) writeInt16(differences, rrEnd);
  return out;
}

function bad(path: string, problem: string): AppError {
  return new AppError('ml/model-load', `${path}: ${problem}`, { file: path });
}

/**
 * Parses a replay file's bytes; `path` names it in errors.
 * @throws AppError 'ml/model-load' when the magic, version, header or sizes do not fit.
 */
export function decodeReplay(bytes: Uint8Array, path: string): ReplaySample {
  if (bytes.length < 12 || Buffer.from(bytes.subarray(0, 8)).toString('ascii') !== MAGIC) throw bad(path, 'not a replay sample (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  let header: ReplayHeader;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString('utf8')) as ReplayHeader;
  } catch (error) {
    throw bad(path, `its header is not JSON (${(error as Error).message})`);
  }
  const { count, windowLength, rrCount, scale } = header;
  const sane = [count, windowLength, rrCount].every((n) => Number.isInteger(n) && n >= 0) && scale > 0;
  if (header.version !== REPLAY_VERSION || !sane || rrCount !== RR_FEATURE_COUNT) throw bad(path, `header ${JSON.stringify({ version: header.version, count, windowLength, rrCount, scale })} is not a version-${REPLAY_VERSION} sample with ${RR_FEATURE_COUNT} RR features`);
  const headerEnd = align4(12 + headerLength);
  const classBytes = align4(count);
  const windowBytes = align4(count * windowLength * 2);
  const rrEnd = headerEnd + classBytes + windowBytes + count * rrCount * 4;
  const hasDifferences = header.hasDifferences === true;
  const expected = rrEnd + (hasDifferences ? windowBytes : 0);
  if (bytes.length !== expected) throw bad(path, `holds ${bytes.length} bytes where its header needs ${expected}`);
  const classes = Int8Array.from(bytes.subarray(headerEnd, headerEnd + count), (b) => (b << 24) >> 24);
  if (classes.some((c) => c < 0 || c > 4)) throw bad(path, 'a class index is outside 0…4');
  const readInt16 = (from: number): Float32Array => {
    const values = new Float32Array(count * windowLength);
    for (let i = 0, at = from; i < values.length; i++, at += 2) values[i] = view.getInt16(at, true) / scale;
    return values;
  };
  const windows = readInt16(headerEnd + classBytes);
  const rr = new Float32Array(count * rrCount);
  let at = headerEnd + classBytes + windowBytes;
  for (let i = 0; i < rr.length; i++, at += 4) rr[i] = view.getFloat32(at, true);
  return { header, windows, differences: hasDifferences ? readInt16(rrEnd) : null, rr, classes };
}

/**
 * The replay sample of the model folder `modelDir`, or null when it has none (a model
 * trained elsewhere): the adaptation then tunes on the reviewed beats alone.
 * @throws AppError 'ml/model-load' for a file that is there but cannot be used.
 */
export async function readReplaySample(modelDir: string): Promise<ReplaySample | null> {
  const path = join(modelDir, REPLAY_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw bad(path, `cannot be read (${(error as Error).message})`);
  }
  return decodeReplay(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

/** The replay sample as labelled beats. */
export function replayBeats(sample: ReplaySample): LabelledBeats {
  return { count: sample.header.count, windows: sample.windows, differences: sample.differences, rr: sample.rr, classes: sample.classes };
}
