/**
 * WFDB format 32: one 32-bit two's complement sample per four bytes, little-endian.
 * Invalid-sample code -2147483648 (0x80000000). Trailing bytes short of a sample hold none.
 */

/** Samples decodable from `byteLength` bytes. */
export function samplesInBytes32(byteLength: number): number {
  return byteLength >> 2;
}

/** The sample at index `s` of the stream. */
function code32(view: DataView, s: number): number {
  return view.getInt32(s * 4, true);
}

/** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
export function decode32(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes32(bytes.length));
  pick32(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/** One signal's codes out of the stream: see `PickKernel` in index.ts. */
export function pick32(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = code32(view, s);
}

/** Encodes samples in format 32. */
export function encode32(samples: Int32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 4);
  for (let i = 0, b = 0; i < samples.length; i++, b += 4) {
    const s = samples[i]!;
    out[b] = s & 0xff;
    out[b + 1] = (s >> 8) & 0xff;
    out[b + 2] = (s >> 16) & 0xff;
    out[b + 3] = (s >>> 24) & 0xff;
  }
  return out;
}
