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

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes311(byteLength: number): number {
  const rem = byteLength & 3;
  return (byteLength >> 2) * 3 + (rem === 3 ? 2 : rem === 2 ? 1 : 0);
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode311(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes311(bytes.length));
  const blocks = Math.floor(n / 3);
  let o = outOffset;
  let b = 0;
  for (let k = 0; k < blocks; k++, b += 4) {
    const w = bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24);
    // Move each 10-bit field to bits 31..22 and shift back to extend its sign.
    out[o++] = (w << 22) >> 22;
    out[o++] = (w << 12) >> 22;
    out[o++] = (w << 2) >> 22;
  }
  const rest = n - blocks * 3;
  if (rest >= 1) out[o++] = ((bytes[b]! | (bytes[b + 1]! << 8)) << 22) >> 22;
  if (rest >= 2) out[o] = (((bytes[b + 1]! >> 2) | (bytes[b + 2]! << 6)) << 22) >> 22;
  return n;
}

/**
 * Encodes samples (their low 10 bits) in format 311; a partial last block is written as
 * WFDB's f311 writes it (2 bytes for one leftover sample, 4 for two).
 */
export function encode311(samples: Int32Array): Uint8Array {
  const n = samples.length;
  const blocks = Math.floor(n / 3);
  const rest = n - blocks * 3;
  const out = new Uint8Array(blocks * 4 + (rest === 0 ? 0 : rest === 1 ? 2 : 4));
  let b = 0;
  let i = 0;
  for (let k = 0; k < blocks; k++, b += 4, i += 3) {
    writeBlock(out, b, samples[i]!, samples[i + 1]!, samples[i + 2]!);
  }
  if (rest === 1) {
    const s0 = samples[i]! & 0x3ff;
    out[b] = s0 & 0xff;
    out[b + 1] = s0 >> 8;
  } else if (rest === 2) {
    writeBlock(out, b, samples[i]!, samples[i + 1]!, 0);
  }
  return out;
}

function writeBlock(out: Uint8Array, at: number, s0: number, s1: number, s2: number): void {
  const w = (s0 & 0x3ff) | ((s1 & 0x3ff) << 10) | ((s2 & 0x3ff) << 20);
  out[at] = w & 0xff;
  out[at + 1] = (w >> 8) & 0xff;
  out[at + 2] = (w >> 16) & 0xff;
  out[at + 3] = (w >>> 24) & 0xff;
}
