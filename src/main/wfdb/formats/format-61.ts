/**
 * WFDB format 61: one 16-bit two's complement sample per two bytes, big-endian
 * (byte 0 = bits 15..8, byte 1 = bits 7..0). Invalid-sample code -32768.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes61(byteLength: number): number {
  return byteLength >> 1;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode61(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes61(bytes.length));
  let o = outOffset;
  for (let i = 0, b = 0; i < n; i++, b += 2) {
    out[o++] = (((bytes[b]! << 8) | bytes[b + 1]!) << 16) >> 16;
  }
  return n;
}

/** Encodes samples (their low 16 bits) in format 61. */
export function encode61(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0, b = 0; i < samples.length; i++, b += 2) {
    const s = samples[i]!;
    out[b] = (s >> 8) & 0xff;
    out[b + 1] = s & 0xff;
  }
  return out;
}
