/**
 * FLAC signal files, WFDB formats 508, 516 and 524 (8-, 16- and 24-bit samples).
 *
 * WFDB stores each FLAC signal file as one FLAC stream whose channels are the signals of
 * that file, in header order; a signal with several samples per frame puts all of them,
 * in order, in its channel (every signal of a FLAC file must have the same samples per
 * frame: WFDB `lib/flac.c`, flac_isopen). Channel c thus holds sigLen * spf samples of
 * signal c. WFDB reads a stream whose bit depth is at most the format's (fmt - 500) and
 * whose channel count equals the file's signal count (flac.c, iflac_samples); so do we.
 *
 * This is a pure-TypeScript decoder of the FLAC format (RFC 9639): it checks every
 * frame's CRC-8 and CRC-16 and the sample count in STREAMINFO, so corrupt or truncated
 * input raises a WfdbError instead of yielding wrong samples. (@wasm-audio-decoders/flac
 * was not used: its frame splitter silently drops the last frame when the byte before
 * the frame's CRC-16 is 0xFF, it never passes STREAMINFO to libFLAC so frames that defer
 * their sample size to STREAMINFO cannot be decoded, and it returns floats.)
 */
import { WfdbError } from '../../../../shared/errors';
import { BitReader } from './bit-reader';
import { readFrameBody } from './frame';
import { readFrameHeader } from './frame-header';
import { readStreamInfo, type StreamInfo } from './stream-info';

export type { StreamInfo } from './stream-info';

/** Largest block size a frame header can state. */
const MAX_BLOCK_SIZE = 65536;

/** A decoded FLAC stream: STREAMINFO and one array of samples per channel. */
export interface FlacStream {
  info: StreamInfo;
  channels: Int32Array[];
}

/**
 * Decodes a whole FLAC stream (bit depth 4..24) held in `bytes`.
 * @throws WfdbError 'wfdb/corrupt-signal' naming `file` when the stream is not FLAC, is
 *   truncated, fails a CRC, or holds other than STREAMINFO's sample count.
 */
export function decodeFlacStream(bytes: Uint8Array, file: string): FlacStream {
  const r = new BitReader(bytes, file);
  const info = readStreamInfo(r);
  if (info.bitsPerSample > 24) r.fail(`${info.bitsPerSample}-bit samples are not supported (at most 24)`);
  return { info, channels: readFrames(r, info) };
}

/** Output capacity allotted up front per byte of file: more than any real stream needs but constant ones. */
const SAMPLES_PER_BYTE_GUESS = 512;
/** Most samples per channel we decode (2^28 = 1 GiB of Int32 per channel, 12 days at 250 Hz). */
const MAX_SAMPLES = 2 ** 28;

function readFrames(r: BitReader, info: StreamInfo): Int32Array[] {
  const total = info.totalSamples; // 0: unknown, read to the end of the file
  // Output is sized from STREAMINFO only as far as the file size makes plausible, and
  // grows with what the frames really hold, so a corrupt count cannot exhaust memory.
  const guess = Math.min(MAX_SAMPLES, Math.max(MAX_BLOCK_SIZE, r.bytes.length * SAMPLES_PER_BYTE_GUESS));
  let out: Int32Array[] = Array.from({ length: info.channels }, () => new Int32Array(total > 0 ? Math.min(total, guess) : MAX_BLOCK_SIZE));
  let n = 0;
  while (total > 0 ? n < total : r.remaining > 0) {
    const h = readFrameHeader(r, info);
    const end = n + h.blockSize;
    if (total > 0 && end > total) r.fail(`the frames hold more than the ${total} samples STREAMINFO gives`);
    if (end > out[0]!.length) {
      if (end > MAX_SAMPLES) throw new WfdbError('file/too-large', r.file, `FLAC stream holds more than ${MAX_SAMPLES} samples per channel`);
      out = out.map((c) => grow(c, end, Math.min(total || MAX_SAMPLES, MAX_SAMPLES)));
    }
    readFrameBody(r, h, out.map((c) => c.subarray(n, end)));
    n = end;
  }
  // Bytes after the last frame (e.g. a tag) are ignored, as libFLAC does.
  return out[0]!.length === n ? out : out.map((c) => c.slice(0, n));
}

/** A copy of `a` with room for at least `need` samples (doubling, capped at `cap` when known). */
function grow(a: Int32Array, need: number, cap: number): Int32Array {
  const size = Math.max(need, a.length * 2);
  const b = new Int32Array(cap > 0 ? Math.min(size, cap) : size);
  b.set(a);
  return b;
}

/**
 * Decodes a whole FLAC signal file (508/516/524) into one Int32Array per channel
 * (= signal of the file), holding digital values; invalid samples keep their code
 * (-128, -32768, -8388608). `expected` comes from the header: the number of signals in
 * the file and the format's bit depth (format - 500).
 * @throws WfdbError 'wfdb/corrupt-signal' naming `file` when the stream is corrupt or
 *   truncated, or its channel count differs from `expected.channels`, or its bit depth
 *   exceeds `expected.bitsPerSample`.
 */
export async function decodeFlacFile(
  bytes: Uint8Array,
  file: string,
  expected: { channels: number; bitsPerSample: number },
): Promise<Int32Array[]> {
  const r = new BitReader(bytes, file);
  const info = readStreamInfo(r);
  if (info.channels !== expected.channels) {
    throw new WfdbError('wfdb/corrupt-signal', file, `FLAC stream has ${info.channels} channels, the header gives ${expected.channels} signals`, {
      expected: expected.channels,
      found: info.channels,
    });
  }
  if (info.bitsPerSample > expected.bitsPerSample) {
    throw new WfdbError('wfdb/corrupt-signal', file, `FLAC stream has ${info.bitsPerSample}-bit samples, the format allows ${expected.bitsPerSample}`, {
      expected: expected.bitsPerSample,
      found: info.bitsPerSample,
    });
  }
  return decodeFlacStream(bytes, file).channels;
}
