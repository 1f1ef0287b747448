/**
 * WFDB format 212: two 12-bit two's complement samples packed into three bytes.
 *
 * Bit layout of one block (signal(5); WFDB `lib/signal.c` r212/w212; wfdb-python
 * `_blocks_to_samples`), samples s0 and s1 of the interleaved stream:
 *
 * ```
 *   byte 0: s0 bits 7..0
 *   byte 1: bits 3..0 = s0 bits 11..8, bits 7..4 = s1 bits 11..8
 *   byte 2: s1 bits 7..0
 * ```
 *
 * A stream with an odd number of samples may end in a partial block: two bytes hold the
 * last sample (WFDB writes the third byte only when the second sample exists). The
 * invalid-sample code is -2048 (0x800).
 */

/** Samples decodable from `byteLength` bytes: whole blocks, plus one sample from 2 trailing bytes. */
export function samplesInBytes212(byteLength: number): number {
  const blocks = Math.floor(byteLength / 3);
  return blocks * 2 + (byteLength % 3 >= 2 ? 1 : 0);
}

/**
 * Decodes up to `count` samples from `bytes` (starting at a block boundary) into `out`
 * from `outOffset`; returns the number decoded.
 */
export function decode212(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes212(bytes.length));
  let o = outOffset;
  let b = 0;
  const pairs = n >> 1;
  for (let p = 0; p < pairs; p++, b += 3) {
    const b1 = bytes[b + 1]!;
    // Shift the 12-bit value to the top of an int32 and back to extend its sign.
    out[o++] = (((bytes[b]! | ((b1 & 0x0f) << 8)) << 20) >> 20);
    out[o++] = (((bytes[b + 2]! | ((b1 & 0xf0) << 4)) << 20) >> 20);
  }
  if (n & 1) {
    out[o] = (((bytes[b]! | ((bytes[b + 1]! & 0x0f) << 8)) << 20) >> 20);
  }
  return n;
}

/**
 * Encodes samples (their low 12 bits; values outside [-2048, 2047] wrap) in format 212.
 * An odd count ends with a 2-byte partial block, as WFDB writes it.
 */
export function encode212(samples: Int32Array): Uint8Array {
  const n = samples.length;
  const out = new Uint8Array(Math.floor(n / 2) * 3 + (n & 1 ? 2 : 0));
  let b = 0;
  for (let i = 0; i + 1 < n; i += 2, b += 3) {
    const s0 = samples[i]! & 0xfff;
    const s1 = samples[i + 1]! & 0xfff;
    out[b] = s0 & 0xff;
    out[b + 1] = (s0 >> 8) | ((s1 >> 4) & 0xf0);
    out[b + 2] = s1 & 0xff;
  }
  if (n & 1) {
    const s0 = samples[n - 1]! & 0xfff;
    out[b] = s0 & 0xff;
    out[b + 1] = s0 >> 8;
  }
  return out;
}
