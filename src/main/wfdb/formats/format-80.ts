/**
 * WFDB format 80: one 8-bit offset-binary sample per byte: the sample is the byte minus
 * 128 (byte 0x00 = -128, 0x80 = 0, 0xff = 127). Invalid-sample code -128.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes80(byteLength: number): number {
  return byteLength;
}

/** Sample `s` of the stream in `bytes` as an offset code, the sample + 128: the byte itself. */
function offsetCode80(bytes: Uint8Array, s: number): number {
  return bytes[s]!;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode80(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes80(bytes.length));
  pick80(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick80(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = offsetCode80(bytes, s) - 128;
}

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts. */
export function lookup80(bytes: Uint8Array, s: number, step: number, n: number, out: Float64Array, at: number, stride: number, table: Float64Array): void {
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = table[offsetCode80(bytes, s)]!;
}

/** Encodes samples in [-128, 127] in format 80 (other values wrap). */
export function encode80(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i]! + 128) & 0xff;
  return out;
}
