/**
 * WFDB format 61: one 16-bit two's complement sample per two bytes, big-endian
 * (byte 0 = bits 15..8, byte 1 = bits 7..0). Invalid-sample code -32768.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes61(byteLength: number): number {
  return byteLength >> 1;
}

/**
 * Sample `s` of the stream as an offset code, the sample + 32768 in [0, 65536): flipping
 * the sign bit of a 16-bit two's complement value adds 32768.
 */
function offsetCode61(view: DataView, s: number): number {
  return view.getUint16(s * 2, false) ^ 0x8000;
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode61(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes61(bytes.length));
  pick61(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick61(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = offsetCode61(view, s) - 32768;
}

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts. */
export function lookup61(bytes: Uint8Array, s: number, step: number, n: number, out: Float64Array, at: number, stride: number, table: Float64Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = table[offsetCode61(view, s)]!;
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
