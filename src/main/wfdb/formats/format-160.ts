/**
 * WFDB format 160: one 16-bit offset-binary sample per two bytes, little-endian: the
 * sample is the unsigned 16-bit word minus 32768. Invalid-sample code -32768 (word 0).
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes160(byteLength: number): number {
  return byteLength >> 1;
}

/** Sample `s` of the stream as an offset code, the sample + 32768: the word itself. */
function offsetCode160(view: DataView, s: number): number {
  return view.getUint16(s * 2, true);
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode160(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes160(bytes.length));
  pick160(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick160(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = offsetCode160(view, s) - 32768;
}

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts. */
export function lookup160(bytes: Uint8Array, s: number, step: number, n: number, out: Float64Array, at: number, stride: number, table: Float64Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = table[offsetCode160(view, s)]!;
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
