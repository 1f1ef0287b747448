import { describe, expect, it } from 'vitest';
import { decode310, encode310, samplesInBytes310 } from '../../../../../src/main/wfdb/formats/format-310';

// Built by hand from the layout in format-310.ts (WFDB lib/signal.c r310):
// s0 = 341 (0x155), s1 = -1 (0x3ff), s2 = -342 (0x2aa).
// word 0 = s0 << 1 | (s2 & 0x1f) << 11 = 0x52aa -> aa 52; word 1 = s1 << 1 | (s2 >> 5) << 11 = 0xaffe -> fe af.
const BLOCK = Uint8Array.of(0xaa, 0x52, 0xfe, 0xaf);
// -512 (0x200, the invalid code) in each slot: word 0 = 0x200 << 1 | (0x200 & 0x1f) << 11 = 0x0400,
// word 1 = 0x200 << 1 | (0x200 >> 5) << 11 = 0x8400.
const INVALID = Uint8Array.of(0x00, 0x04, 0x00, 0x84);

function decode(bytes: Uint8Array, count = 99): number[] {
  const out = new Int32Array(count);
  return Array.from(out.subarray(0, decode310(bytes, count, out, 0)));
}

describe('decode310', () => {
  it('unpacks three 10-bit samples from two little-endian words', () => {
    expect(decode(BLOCK)).toEqual([341, -1, -342]);
    expect(decode(INVALID)).toEqual([-512, -512, -512]);
  });

  it('ignores bit 0 of each word', () => {
    expect(decode(Uint8Array.of(0xab, 0x52, 0xff, 0xaf))).toEqual([341, -1, -342]);
  });

  it('reads s0 alone from a 2- or 3-byte partial last block', () => {
    expect(decode(BLOCK.subarray(0, 2))).toEqual([341]);
    expect(decode(BLOCK.subarray(0, 3))).toEqual([341]);
    expect(decode(BLOCK.subarray(0, 1))).toEqual([]);
  });

  it('stops at count inside a block', () => {
    expect(decode(BLOCK, 2)).toEqual([341, -1]);
  });
});

describe('encode310', () => {
  it('packs a block as WFDB w310 does', () => {
    expect(Array.from(encode310(Int32Array.of(341, -1, -342)))).toEqual(Array.from(BLOCK));
  });

  it('writes 2 bytes for one leftover sample and 4 for two, as WFDB f310 does', () => {
    expect(Array.from(encode310(Int32Array.of(341)))).toEqual([0xaa, 0x02]);
    expect(Array.from(encode310(Int32Array.of(341, -1)))).toEqual([0xaa, 0x02, 0xfe, 0x07]);
  });
});

describe('samplesInBytes310', () => {
  it('counts whole blocks and the s0 of a partial block', () => {
    expect(samplesInBytes310(666)).toBe(499);
    expect(samplesInBytes310(1359)).toBe(1018);
  });
});
