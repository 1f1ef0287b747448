/**
 * WFDB format 8: one 8-bit two's complement *first difference* per byte (signal(5)).
 * Sample i of a signal is its initial value plus the sum of its differences 0..i; the
 * codec yields the raw signed differences and the record layer integrates them per
 * signal (differences of interleaved signals alternate in the stream). Differences are
 * limited to [-128, 127], so a steeper signal cannot be written exactly; the format has
 * no invalid-sample code.
 */

/** Samples (differences) decodable from `byteLength` bytes. */
export function samplesInBytes8(byteLength: number): number {
  return byteLength;
}

/** The difference at index `s` of the stream in `bytes`. */
function code8(bytes: Uint8Array, s: number): number {
  return (bytes[s]! << 24) >> 24;
}

/** Decodes up to `count` differences into `out` from `outOffset`; returns the number decoded. */
export function decode8(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes8(bytes.length));
  pick8(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick8(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = code8(bytes, s);
}

/** Encodes signed differences (their low 8 bits) in format 8. */
export function encode8(differences: Int32Array): Uint8Array {
  const out = new Uint8Array(differences.length);
  for (let i = 0; i < differences.length; i++) out[i] = differences[i]! & 0xff;
  return out;
}
