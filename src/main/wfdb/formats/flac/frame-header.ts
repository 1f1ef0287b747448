/**
 * FLAC frame header (RFC 9639, section 9.1), byte-aligned:
 *
 * ```
 *   14 bits  sync code 0b11111111111110        1 bit  reserved (0)
 *    1 bit   blocking strategy (0 fixed, 1 variable block size)
 *    4 bits  block size code                   4 bits sample rate code
 *    4 bits  channel assignment                3 bits sample size code    1 bit reserved (0)
 *   1-7 bytes frame number (fixed) or first sample number (variable), UTF-8-like code
 *   0-2 bytes block size - 1 (codes 6, 7)      0-2 bytes sample rate (codes 12-14)
 *    8 bits  CRC-8 of the header bytes before it
 * ```
 */
import type { BitReader } from './bit-reader';
import { crc8 } from './crc';
import type { StreamInfo } from './stream-info';

/** Independent channels (0..7), or one of the stereo decorrelation modes. */
export const LEFT_SIDE = 8;
export const SIDE_RIGHT = 9;
export const MID_SIDE = 10;

/** The fields of a frame header that decoding needs. */
export interface FrameHeader {
  /** Byte offset of the sync code (start of the CRC-16 span). */
  start: number;
  /** Inter-channel samples in the frame. */
  blockSize: number;
  /** Channel assignment code: 0..7 independent (n + 1 channels), 8..10 stereo modes. */
  channelAssignment: number;
  channels: number;
  bitsPerSample: number;
}

const SAMPLE_SIZES: readonly (number | null)[] = [0, 8, 12, null, 16, 20, 24, 32];

/** Reads one frame header at `r` (byte-aligned) and checks it against STREAMINFO. */
export function readFrameHeader(r: BitReader, info: StreamInfo): FrameHeader {
  const start = r.byteOffset;
  if (r.readUint(15) !== 0x7ffc) r.fail('no frame sync code where a frame should start');
  r.readUint(1); // blocking strategy: samples are decoded in order either way
  const blockCode = r.readUint(4);
  const rateCode = r.readUint(4);
  const channelAssignment = r.readUint(4);
  const sizeCode = r.readUint(3);
  if (r.readUint(1) !== 0) r.fail('reserved frame-header bit is set');
  readCodedNumber(r);
  const blockSize = readBlockSize(r, blockCode);
  if (rateCode === 12) r.readUint(8);
  else if (rateCode === 13 || rateCode === 14) r.readUint(16);
  else if (rateCode === 15) r.fail('invalid sample rate code 15');
  const crcEnd = r.byteOffset;
  if (r.readUint(8) !== crc8(r.bytes, start, crcEnd)) r.fail('frame header CRC-8 mismatch');

  const size = SAMPLE_SIZES[sizeCode];
  if (size === null || size === undefined) r.fail(`reserved sample size code ${sizeCode}`);
  const bitsPerSample = size === 0 ? info.bitsPerSample : size;
  if (channelAssignment > MID_SIDE) r.fail(`reserved channel assignment ${channelAssignment}`);
  const channels = channelAssignment >= LEFT_SIDE ? 2 : channelAssignment + 1;
  if (channels !== info.channels) r.fail(`frame has ${channels} channels, STREAMINFO ${info.channels}`);
  if (bitsPerSample !== info.bitsPerSample) {
    r.fail(`frame has ${bitsPerSample} bits per sample, STREAMINFO ${info.bitsPerSample}`);
  }
  return { start, blockSize, channelAssignment, channels, bitsPerSample };
}

/** Block size codes: 1 = 192, 2-5 = 576 * 2^(n-2), 6/7 = 8/16-bit value + 1, 8-15 = 256 * 2^(n-8). */
function readBlockSize(r: BitReader, code: number): number {
  if (code === 0) r.fail('reserved block size code 0');
  if (code === 1) return 192;
  if (code <= 5) return 576 << (code - 2);
  if (code === 6) return r.readUint(8) + 1;
  if (code === 7) return r.readUint(16) + 1;
  return 256 << (code - 8);
}

/**
 * The frame/sample number in UTF-8-like code: a first byte 0xxxxxxx holds 7 bits; a
 * first byte with n leading 1 bits (n = 2..7) is followed by n - 1 bytes 10xxxxxx.
 */
function readCodedNumber(r: BitReader): number {
  const first = r.readUint(8);
  if (first < 0x80) return first;
  const ones = Math.clz32(~(first << 24));
  if (ones < 2 || ones > 7) r.fail('invalid frame number code');
  let value = first & (0xff >> (ones + 1));
  for (let i = 1; i < ones; i++) {
    const next = r.readUint(8);
    if ((next & 0xc0) !== 0x80) r.fail('invalid frame number code');
    value = value * 64 + (next & 0x3f);
  }
  return value;
}
