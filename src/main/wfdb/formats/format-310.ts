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

/** Samples decodable from `byteLength` bytes (a partial block of 2 or 3 bytes holds s0). */
export function samplesInBytes310(byteLength: number): number {
  return (byteLength >> 2) * 3 + ((byteLength & 3) >= 2 ? 1 : 0);
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode310(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes310(bytes.length));
  const blocks = Math.floor(n / 3);
  let o = outOffset;
  let b = 0;
  for (let k = 0; k < blocks; k++, b += 4) {
    const w0 = bytes[b]! | (bytes[b + 1]! << 8);
    const w1 = bytes[b + 2]! | (bytes[b + 3]! << 8);
    // Move each 10-bit value to bits 31..22 and shift back to extend its sign.
    out[o++] = (w0 << 21) >> 22;
    out[o++] = (w1 << 21) >> 22;
    out[o++] = (((w0 >> 11) | ((w1 >> 11) << 5)) << 22) >> 22;
  }
  const rest = n - blocks * 3;
  if (rest >= 1) out[o++] = ((bytes[b]! | (bytes[b + 1]! << 8)) << 21) >> 22;
  // rest is at most 2 only when count cut a whole block short, so word 1 exists.
  if (rest >= 2) out[o] = ((bytes[b + 2]! | (bytes[b + 3]! << 8)) << 21) >> 22;
  return n;
}

/**
 * Encodes samples (their low 10 bits) in format 310; a partial last block is written as
 * WFDB's f310 writes it (2 bytes for one leftover sample, 4 for two).
 */
export function encode310(samples: Int32Array): Uint8Array {
  const n = samples.length;
  const blocks = Math.floor(n / 3);
  const rest = n - blocks * 3;
  const out = new Uint8Array(blocks * 4 + (rest === 0 ? 0 : rest === 1 ? 2 : 4));
  let b = 0;
  let i = 0;
  for (let k = 0; k < blocks; k++, b += 4, i += 3) {
    const s2 = samples[i + 2]! & 0x3ff;
    writeWord(out, b, ((samples[i]! & 0x3ff) << 1) | ((s2 & 0x1f) << 11));
    writeWord(out, b + 2, ((samples[i + 1]! & 0x3ff) << 1) | ((s2 >> 5) << 11));
  }
  if (rest >= 1) writeWord(out, b, (samples[i]! & 0x3ff) << 1);
  if (rest >= 2) writeWord(out, b + 2, (samples[i + 1]! & 0x3ff) << 1);
  return out;
}

function writeWord(out: Uint8Array, at: number, word: number): void {
  out[at] = word & 0xff;
  out[at + 1] = (word >> 8) & 0xff;
}
