/**
 * WFDB format 212: two 12-bit two's complement samples packed into three bytes.
 *
 * Bit layout of one block (signal(5); WFDB `lib/signal.c` r212/w212; wfdb-python
 * `_blocks_to_samples`), samples s0 and s1 of the interleaved stream:
 *
 * ```
 *   byte 0: s0 bits 7..0
 *   byte 1: bits 3..0 = s0 bits 11..8, bits 7..4 = s1 bits 11..8
 *   byte 2: s1 bits 7..0
 * ```
 *
 * A stream with an odd number of samples may end in a partial block: two bytes hold the
 * last sample (WFDB writes the third byte only when the second sample exists). The
 * invalid-sample code is -2048 (0x800).
 */

/** Samples decodable from `byteLength` bytes: whole blocks, plus one sample from 2 trailing bytes. */
export function samplesInBytes212(byteLength: number): number {
  const blocks = Math.floor(byteLength / 3);
  return blocks * 2 + (byteLength % 3 >= 2 ? 1 : 0);
}

/**
 * Sample s0 of the block at byte `b` as an offset code, the sample + 2048 in [0, 4096):
 * flipping the sign bit of a 12-bit two's complement value adds 2048 (the lookup kernel
 * indexes its table with it). s0 is the low 12 bits of the little-endian word of bytes
 * 0-1. One 16-bit read costs less than two byte reads.
 */
function first212(view: DataView, b: number): number {
  return (view.getUint16(b, true) & 0xfff) ^ 0x800;
}

/** Sample s1 of the block at byte `b`, as first212: byte 2, then the high nibble of byte 1 (the word of bytes 1-2). */
function second212(view: DataView, b: number): number {
  const w = view.getUint16(b + 1, true);
  return ((w >> 8) | ((w & 0xf0) << 4)) ^ 0x800;
}

/** Sample `s` of the stream (from a block boundary), as first212. */
function offsetCode212(view: DataView, s: number): number {
  const b = (s >> 1) * 3;
  return s & 1 ? second212(view, b) : first212(view, b);
}

/**
 * Decodes up to `count` samples from `bytes` (starting at a block boundary) into `out`
 * from `outOffset`; returns the number decoded.
 */
export function decode212(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number {
  const n = Math.min(count, samplesInBytes212(bytes.length));
  pick212(bytes, 0, 1, n, out, outOffset, 1);
  return n;
}

/**
 * One signal's codes out of the stream: see `PickKernel` in index.ts. With an even frame
 * size every sample of a signal sits at the same place in its block, so the loop tests
 * nothing per sample.
 */
export function pick212(bytes: Uint8Array, s: number, step: number, n: number, out: Int32Array, at: number, stride: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = at + n * stride;
  if (step % 2 === 0) {
    const blockStep = (step / 2) * 3;
    let b = (s >> 1) * 3;
    if (s & 1) for (; at < end; at += stride, b += blockStep) out[at] = second212(view, b) - 2048;
    else for (; at < end; at += stride, b += blockStep) out[at] = first212(view, b) - 2048;
  } else {
    for (; at < end; at += stride, s += step) out[at] = offsetCode212(view, s) - 2048;
  }
}

/** One signal's physical values out of the stream: see `LookupKernel` in index.ts, and pick212. */
export function lookup212(bytes: Uint8Array, s: number, step: number, n: number, out: Float64Array, at: number, stride: number, table: Float64Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = at + n * stride;
  if (step % 2 === 0) {
    const blockStep = (step / 2) * 3;
    let b = (s >> 1) * 3;
    if (s & 1) for (; at < end; at += stride, b += blockStep) out[at] = table[second212(view, b)]!;
    else for (; at < end; at += stride, b += blockStep) out[at] = table[first212(view, b)]!;
  } else {
    for (; at < end; at += stride, s += step) out[at] = table[offsetCode212(view, s)]!;
  }
}

/** Whether this platform's typed arrays are little-endian, as format 212's words are (every platform the app ships for is). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Both samples of each block into two signals' physical values: see `PairLookupKernel`
 * in index.ts. `s` is even (a block's first sample), so samples s and s + 1 of each
 * frame are s0 and s1 of one block, read once: the 32-bit little-endian word of the
 * block's bytes 0-3 holds s0 in bits 11..0 and s1 in bits 23..16 (low byte) and 7..4
 * (high nibble). The word reaches one byte into the next block, so the last block, which
 * may end the data, is read bytewise. When the blocks follow each other (two signals, the
 * MIT-BIH layout), four blocks at a time are read as three aligned words instead
 * (`lookupQuads212`), which takes about half the time of a DataView read per block.
 */
export function lookupPair212(bytes: Uint8Array, s: number, step: number, n: number, outA: Float64Array, outB: Float64Array, at: number, tableA: Float64Array, tableB: Float64Array): void {
  if (n <= 0) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blockStep = (step / 2) * 3;
  let b = (s / 2) * 3;
  const end = at + n;
  if (step === 2 && LITTLE_ENDIAN) {
    // Blocks are 3 bytes, so one of the next four starts on a 4-byte boundary: the blocks
    // before it go one at a time.
    let lead = 0;
    while ((bytes.byteOffset + b + 3 * lead) % 4 !== 0) lead++;
    for (const stop = Math.min(end, at + lead); at < stop; at++, b += 3) {
      outA[at] = tableA[first212(view, b)]!;
      outB[at] = tableB[second212(view, b)]!;
    }
    const quads = Math.floor((end - at) / 4);
    if (quads > 0) {
      lookupQuads212(new Uint32Array(bytes.buffer, bytes.byteOffset + b, quads * 3), quads, outA, outB, at, tableA, tableB);
      at += quads * 4;
      b += quads * 12;
    }
    if (at === end) return;
  }
  for (const last = end - 1; at < last; at++, b += blockStep) {
    const w = view.getUint32(b, true);
    outA[at] = tableA[(w & 0xfff) ^ 0x800]!;
    outB[at] = tableB[(((w >>> 16) & 0xff) | ((w >>> 4) & 0xf00)) ^ 0x800]!;
  }
  outA[at] = tableA[first212(view, b)]!;
  outB[at] = tableB[second212(view, b)]!;
}

/**
 * `quads` runs of four consecutive blocks (12 bytes, the three little-endian words x y z
 * of `words`) into frames `at`… of outA and outB. Bytes x0 x1 x2 | x3 y0 y1 | y2 y3 z0 |
 * z1 z2 z3 are the four blocks; each sample is a block's low byte (s0: byte 0, s1: byte 2)
 * with a nibble of its middle byte as bits 11..8 (s0: low nibble, s1: high nibble).
 */
function lookupQuads212(words: Uint32Array, quads: number, outA: Float64Array, outB: Float64Array, at: number, tableA: Float64Array, tableB: Float64Array): void {
  for (let q = 0, w = 0; q < quads; q++, w += 3, at += 4) {
    const x = words[w]!;
    const y = words[w + 1]!;
    const z = words[w + 2]!;
    outA[at] = tableA[(x & 0xfff) ^ 0x800]!;
    outB[at] = tableB[(((x >>> 16) & 0xff) | ((x >>> 4) & 0xf00)) ^ 0x800]!;
    outA[at + 1] = tableA[((x >>> 24) | ((y & 0xf) << 8)) ^ 0x800]!;
    outB[at + 1] = tableB[(((y >>> 8) & 0xff) | ((y & 0xf0) << 4)) ^ 0x800]!;
    outA[at + 2] = tableA[((y >>> 16) & 0xfff) ^ 0x800]!;
    outB[at + 2] = tableB[((z & 0xff) | ((y >>> 20) & 0xf00)) ^ 0x800]!;
    outA[at + 3] = tableA[((z >>> 8) & 0xfff) ^ 0x800]!;
    outB[at + 3] = tableB[((z >>> 24) | ((z >>> 12) & 0xf00)) ^ 0x800]!;
  }
}

/**
 * Encodes samples (their low 12 bits; values outside [-2048, 2047] wrap) in format 212.
 * An odd count ends with a 2-byte partial block, as WFDB writes it.
 */
export function encode212(samples: Int32Array): Uint8Array {
  const n = samples.length;
  const out = new Uint8Array(Math.floor(n / 2) * 3 + (n & 1 ? 2 : 0));
  let b = 0;
  for (let i = 0; i + 1 < n; i += 2, b += 3) {
    const s0 = samples[i]! & 0xfff;
    const s1 = samples[i + 1]! & 0xfff;
    out[b] = s0 & 0xff;
    out[b + 1] = (s0 >> 8) | ((s1 >> 4) & 0xf0);
    out[b + 2] = s1 & 0xff;
  }
  if (n & 1) {
    const s0 = samples[n - 1]! & 0xfff;
    out[b] = s0 & 0xff;
    out[b + 1] = s0 >> 8;
  }
  return out;
}
