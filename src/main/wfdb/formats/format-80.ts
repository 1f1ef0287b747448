/**
 * WFDB format 80: one 8-bit offset-binary sample per byte: the sample is the byte minus
 * 128 (byte 0x00 = -128, 0x80 = 0, 0xff = 127). Invalid-sample code -128.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes80(byteLength: number): number {
  return byteLength;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode80(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, bytes.length);
  for (let i = 0; i < n; i++) out[outOffset + i] = bytes[i]! - 128;
  return n;
}

/** Encodes samples in [-128, 127] in format 80 (other values wrap). */
export function encode80(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i]! + 128) & 0xff;
  return out;
}
