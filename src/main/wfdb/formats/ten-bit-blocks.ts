/**
 * What formats 310 and 311 share: both pack three 10-bit two's complement samples into
 * each 4-byte block (invalid code -512) and differ only in where the bits sit. Each
 * codec gives its layout as `offsetCode`, and these functions do the rest.
 */
import type { LookupKernel, PickKernel } from './index';

/** Stream sample `s` of `bytes` (from a block boundary) as an offset code, the sample + 512 in [0, 1024). */
type OffsetCode = (bytes: Uint8Array, s: number) => number;

/** The block holding samples s0, s1, s2 (their low 10 bits), as the little-endian 32-bit value of its 4 bytes. */
type PackBlock = (s0: number, s1: number, s2: number) => number;

/** The codec functions of a 10-bit block format. */
export interface TenBitKernels {
  /** Decodes up to `count` samples into `out` from `outOffset`; returns the number decoded. */
  decode(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number;
  pick: PickKernel<Uint8Array>;
  lookup: LookupKernel<Uint8Array>;
  /**
   * Encodes samples (their low 10 bits); a partial last block is written as WFDB's
   * f310/f311 write it: the block with 0 for the missing samples, only its first 2 bytes
   * when it holds one sample (so a file of two leftovers seems to hold an extra 0).
   */
  encode(samples: Int32Array): Uint8Array;
}

/**
 * The codec of the format whose layout is `offsetCode` (reading) and `pack` (writing),
 * and which holds `samplesInBytes(n)` samples in n bytes. (Only the two formats share
 * these loops, so the calls of `offsetCode` in them stay ones V8 inlines.)
 */
export function tenBitKernels(offsetCode: OffsetCode, pack: PackBlock, samplesInBytes: (byteLength: number) => number): TenBitKernels {
  const pick: PickKernel<Uint8Array> = (bytes, s, step, n, out, at, stride) => {
    for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = offsetCode(bytes, s) - 512;
  };
  return {
    decode(bytes, count, out, outOffset) {
      const n = Math.min(count, samplesInBytes(bytes.length));
      pick(bytes, 0, 1, n, out, outOffset, 1);
      return n;
    },
    pick,
    lookup(bytes, s, step, n, out, at, stride, table) {
      for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = table[offsetCode(bytes, s)]!;
    },
    encode(samples) {
      const n = samples.length;
      const whole = n - (n % 3);
      const out = new Uint8Array((whole / 3) * 4 + (n - whole) * 2);
      const view = new DataView(out.buffer);
      let b = 0;
      for (let i = 0; i < whole; i += 3, b += 4) view.setUint32(b, pack(samples[i]!, samples[i + 1]!, samples[i + 2]!) >>> 0, true);
      if (n - whole === 1) view.setUint16(b, pack(samples[whole]!, 0, 0) & 0xffff, true);
      if (n - whole === 2) view.setUint32(b, pack(samples[whole]!, samples[whole + 1]!, 0) >>> 0, true);
      return out;
    },
  };
}
