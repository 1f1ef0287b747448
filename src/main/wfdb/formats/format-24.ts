/**
 * WFDB format 24: one 24-bit two's complement sample per three bytes, little-endian
 * (byte 0 = bits 7..0, byte 1 = bits 15..8, byte 2 = bits 23..16 with the sign).
 * Invalid-sample code -8388608 (0x800000). Trailing bytes short of a sample hold none.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes24(byteLength: number): number {
  return Math.floor(byteLength / 3);
}

/** The sample at index `s` of the stream: the low 16 bits, and the signed top byte. */
function code24(view: DataView, s: number): number {
  const b = s * 3;
  return view.getUint16(b, true) | (view.getInt8(b + 2) << 16);
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode24(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes24(bytes.length));
  pick24(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick24(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = code24(view, s);
}

/** Encodes samples (their low 24 bits) in format 24. */
export function encode24(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 3);
  for (let i = 0, b = 0; i < samples.length; i++, b += 3) {
    const s = samples[i]!;
    out[b] = s & 0xff;
    out[b + 1] = (s >> 8) & 0xff;
    out[b + 2] = (s >> 16) & 0xff;
  }
  return out;
}
