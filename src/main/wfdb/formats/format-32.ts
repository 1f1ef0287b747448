/**
 * WFDB format 32: one 32-bit two's complement sample per four bytes, little-endian.
 * Invalid-sample code -2147483648 (0x80000000). Trailing bytes short of a sample hold none.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes32(byteLength: number): number {
  return byteLength >> 2;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode32(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes32(bytes.length));
  let o = outOffset;
  for (let i = 0, b = 0; i < n; i++, b += 4) {
    out[o++] = bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24);
  }
  return n;
}

/** Encodes samples in format 32. */
export function encode32(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 4);
  for (let i = 0, b = 0; i < samples.length; i++, b += 4) {
    const s = samples[i]!;
    out[b] = s & 0xff;
    out[b + 1] = (s >> 8) & 0xff;
    out[b + 2] = (s >> 16) & 0xff;
    out[b + 3] = (s >>> 24) & 0xff;
  }
  return out;
}
