/**
 * WFDB format 311: three 10-bit two's complement samples packed into the 30 low bits of
 * one little-endian 32-bit word (four bytes). The layout (signal(5); WFDB `lib/signal.c`
 * r311/w311/f311; wfdb-python `_blocks_to_samples`) of samples s0, s1, s2:
 *
 * ```
 *   word = byte 0 | byte 1 << 8 | byte 2 << 16 | byte 3 << 24:
 *     bits 9..0 = s0, bits 19..10 = s1, bits 29..20 = s2, bits 31..30 unused (0)
 *
 *   byte 0: bits 7..0 = s0 bits 7..0
 *   byte 1: bits 1..0 = s0 bits 9..8, bits 7..2 = s1 bits 5..0
 *   byte 2: bits 3..0 = s1 bits 9..6, bits 7..4 = s2 bits 3..0
 *   byte 3: bits 5..0 = s2 bits 9..4, bits 7..6 unused
 * ```
 *
 * Partial last block (f311): one leftover sample is written as 2 bytes, two leftovers as
 * 4 bytes (so the file seems to hold an extra zero sample). Reading needs bytes 0-1 for
 * s0, 1-2 for s1, 2-3 for s2, so 2 trailing bytes hold one sample and 3 hold two.
 * Invalid-sample code -512 (0x200).
 */

import { tenBitKernels } from './ten-bit-blocks';

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes311(byteLength: number): number {
  const rem = byteLength & 3;
  return (byteLength >> 2) * 3 + (rem === 3 ? 2 : rem === 2 ? 1 : 0);
}

/**
 * Sample `s` of the stream in `bytes` (from a block boundary) as an offset code, the
 * sample + 512 in [0, 1024): flipping the sign bit of a 10-bit two's complement value
 * adds 512. Reads only the two bytes holding the sample: bytes 0-1 for s0, 1-2 for s1,
 * 2-3 for s2 (so the samples of a partial last block read).
 */
function offsetCode311(bytes: Uint8Array, s: number): number {
  const block = Math.floor(s / 3);
  const b = block * 4;
  switch (s - block * 3) {
    case 0:
      return ((bytes[b]! | (bytes[b + 1]! << 8)) & 0x3ff) ^ 0x200;
    case 1:
      return (((bytes[b + 1]! >> 2) | (bytes[b + 2]! << 6)) & 0x3ff) ^ 0x200;
    default:
      return (((bytes[b + 2]! >> 4) | (bytes[b + 3]! << 4)) & 0x3ff) ^ 0x200;
  }
}

/** The block of s0, s1, s2 (their low 10 bits) as the little-endian value of its 4 bytes. */
function pack311(s0: number, s1: number, s2: number): number {
  return (s0 & 0x3ff) | ((s1 & 0x3ff) << 10) | ((s2 & 0x3ff) << 20);
}

const kernels = tenBitKernels(offsetCode311, pack311, samplesInBytes311);

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export const decode311 = kernels.decode;

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export const pick311 = kernels.pick;

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts. */
export const lookup311 = kernels.lookup;

/**
 * Encodes samples (their low 10 bits) in format 311; a partial last block is written as
 * WFDB's f311 writes it (2 bytes for one leftover sample, 4 for two).
 */
export const encode311 = kernels.encode;
