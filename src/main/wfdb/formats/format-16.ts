/**
 * WFDB format 16: one 16-bit two's complement sample per two bytes, little-endian
 * (low byte first). Invalid-sample code -32768. A trailing odd byte holds no sample.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes16(byteLength: number): number {
  return byteLength >> 1;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode16(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes16(bytes.length));
  let o = outOffset;
  for (let i = 0, b = 0; i < n; i++, b += 2) {
    out[o++] = ((bytes[b]! | (bytes[b + 1]! << 8)) << 16) >> 16;
  }
  return n;
}

/** Encodes samples (their low 16 bits) in format 16. */
export function encode16(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0, b = 0; i < samples.length; i++, b += 2) {
    const s = samples[i]!;
    out[b] = s & 0xff;
    out[b + 1] = (s >> 8) & 0xff;
  }
  return out;
}
