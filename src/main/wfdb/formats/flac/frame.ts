/**
 * FLAC frames (RFC 9639, section 9): a header, one subframe per channel, zero padding to
 * a byte boundary, and a CRC-16 of everything before it. Stereo frames may store the
 * channels decorrelated (section 4.2): left/side, side/right or mid/side, where the side
 * channel carries one extra bit.
 */
import type { BitReader } from './bit-reader';
import { crc16 } from './crc';
import { LEFT_SIDE, MID_SIDE, SIDE_RIGHT, type FrameHeader } from './frame-header';
import { readSubframe } from './subframe';

/**
 * Decodes the subframes of the frame whose header `h` was just read into `blocks[c]`
 * (one array of exactly h.blockSize samples per channel), checks the frame's CRC-16 and
 * undoes stereo decorrelation; leaves `r` after the CRC.
 */
export function readFrameBody(r: BitReader, h: FrameHeader, blocks: Int32Array[]): void {
  const { blockSize, channelAssignment: mode } = h;
  for (let c = 0; c < h.channels; c++) {
    // The side channel (second of left/side and mid/side, first of side/right) has one more bit.
    const side = (mode === SIDE_RIGHT && c === 0) || ((mode === LEFT_SIDE || mode === MID_SIDE) && c === 1);
    readSubframe(r, blocks[c]!, blockSize, h.bitsPerSample + (side ? 1 : 0));
  }
  r.alignToByte();
  const crcEnd = r.byteOffset;
  if (r.readUint(16) !== crc16(r.bytes, h.start, crcEnd)) r.fail('frame CRC-16 mismatch');
  if (mode >= LEFT_SIDE) decorrelate(mode, blocks[0]!, blocks[1]!, blockSize);
}

/** Restores left (a) and right (b) from a stereo decorrelation mode, in place. */
function decorrelate(mode: number, a: Int32Array, b: Int32Array, n: number): void {
  if (mode === LEFT_SIDE) {
    for (let i = 0; i < n; i++) b[i] = a[i]! - b[i]!; // right = left - side
  } else if (mode === SIDE_RIGHT) {
    for (let i = 0; i < n; i++) a[i] = a[i]! + b[i]!; // left = side + right
  } else {
    for (let i = 0; i < n; i++) {
      // mid was stored halved: restore its low bit from side's parity.
      const side = b[i]!;
      const mid = a[i]! * 2 + (side & 1);
      a[i] = (mid + side) >> 1;
      b[i] = (mid - side) >> 1;
    }
  }
}
