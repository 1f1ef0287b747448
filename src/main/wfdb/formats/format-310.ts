/**
 * WFDB format 310: three 10-bit two's complement samples packed into two little-endian
 * 16-bit words (four bytes). The layout (signal(5); WFDB `lib/signal.c` r310/w310/f310;
 * wfdb-python `_blocks_to_samples`) of samples s0, s1, s2 of the interleaved stream:
 *
 * ```
 *   word 0 = byte 0 | byte 1 << 8:  bit 0 unused (0), bits 10..1 = s0, bits 15..11 = s2 bits 4..0
 *   word 1 = byte 2 | byte 3 << 8:  bit 0 unused (0), bits 10..1 = s1, bits 15..11 = s2 bits 9..5
 *
 *   byte 0: bits 7..1 = s0 bits 6..0               (bit 0 unused)
 *   byte 1: bits 2..0 = s0 bits 9..7, bits 7..3 = s2 bits 4..0
 *   byte 2: bits 7..1 = s1 bits 6..0               (bit 0 unused)
 *   byte 3: bits 2..0 = s1 bits 9..7, bits 7..3 = s2 bits 9..5
 * ```
 *
 * Partial last block (f310): one leftover sample is written as word 0 alone (2 bytes);
 * two leftovers as both words (4 bytes), so such a file seems to hold an extra zero
 * sample. Reading needs word 0 for s0, word 1 for s1 and both for s2, so 2 or 3 trailing
 * bytes hold one sample. Invalid-sample code -512 (0x200).
 */

import { tenBitKernels } from './ten-bit-blocks';

/** Samples decodable from `byteLength` bytes (a partial block of 2 or 3 bytes holds s0). */
export function samplesInBytes310(byteLength: number): number {
  return (byteLength >> 2) * 3 + ((byteLength & 3) >= 2 ? 1 : 0);
}

/**
 * Sample `s` of the stream in `bytes` (from a block boundary) as an offset code, the
 * sample + 512 in [0, 1024): flipping the sign bit of a 10-bit two's complement value
 * adds 512. Reads only the word(s) holding the sample: word 0 for s0, word 1 for s1,
 * both for s2 (so the s0 of a partial last block reads).
 */
function offsetCode310(bytes: Uint8Array, s: number): number {
  const block = Math.floor(s / 3);
  const b = block * 4;
  switch (s - block * 3) {
    case 0:
      return (((bytes[b]! | (bytes[b + 1]! << 8)) >> 1) & 0x3ff) ^ 0x200;
    case 1:
      return (((bytes[b + 2]! | (bytes[b + 3]! << 8)) >> 1) & 0x3ff) ^ 0x200;
    default:
      return ((bytes[b + 1]! >> 3) | ((bytes[b + 3]! >> 3) << 5)) ^ 0x200;
  }
}

/**
 * The block of s0, s1, s2 (their low 10 bits) as the little-endian value of its 4 bytes:
 * word 0 = s0 << 1 | (s2 bits 4..0) << 11, word 1 = s1 << 1 | (s2 bits 9..5) << 11.
 */
function pack310(s0: number, s1: number, s2: number): number {
  const word0 = ((s0 & 0x3ff) << 1) | ((s2 & 0x1f) << 11);
  const word1 = ((s1 & 0x3ff) << 1) | (((s2 & 0x3ff) >> 5) << 11);
  return word0 | (word1 << 16);
}

const kernels = tenBitKernels(offsetCode310, pack310, samplesInBytes310);

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export const decode310 = kernels.decode;

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export const pick310 = kernels.pick;

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts. */
export const lookup310 = kernels.lookup;

/**
 * Encodes samples (their low 10 bits) in format 310; a partial last block is written as
 * WFDB's f310 writes it (2 bytes for one leftover sample, 4 for two).
 */
export const encode310 = kernels.encode;
