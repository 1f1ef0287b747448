/**
 * WFDB format 160: one 16-bit offset-binary sample per two bytes, little-endian: the
 * sample is the unsigned 16-bit word minus 32768. Invalid-sample code -32768 (word 0).
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes160(byteLength: number): number {
  return byteLength >> 1;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode160(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes160(bytes.length));
  let o = outOffset;
  for (let i = 0, b = 0; i < n; i++, b += 2) {
    out[o++] = (bytes[b]! | (bytes[b + 1]! << 8)) - 32768;
  }
  return n;
}

/** Encodes samples in [-32768, 32767] in format 160 (other values wrap). */
export function encode160(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0, b = 0; i < samples.length; i++, b += 2) {
    const w = samples[i]! + 32768;
    out[b] = w & 0xff;
    out[b + 1] = (w >> 8) & 0xff;
  }
  return out;
}
