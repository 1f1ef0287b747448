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

/** Decodes up to `count` signed differences into `out` from `outOffset`; returns the number decoded. */
export function decode8(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, bytes.length);
  for (let i = 0; i < n; i++) out[outOffset + i] = (bytes[i]! << 24) >> 24;
  return n;
}

/** Encodes signed differences (their low 8 bits) in format 8. */
export function encode8(differences: Int32Array): Uint8Array {
  const out = new Uint8Array(differences.length);
  for (let i = 0; i < differences.length; i++) out[i] = differences[i]! & 0xff;
  return out;
}
