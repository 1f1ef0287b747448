import { describe, expect, it } from 'vitest';
import { decode311, encode311, samplesInBytes311 } from '../../../../../src/main/wfdb/formats/format-311';

// Built by hand from the layout in format-311.ts (WFDB lib/signal.c r311):
// s0 = 341 (0x155), s1 = -1 (0x3ff), s2 = -342 (0x2aa) -> word 0x2aaffd55 -> 55 fd af 2a.
const BLOCK = Uint8Array.of(0x55, 0xfd, 0xaf, 0x2a);

function decode(bytes: Uint8Array, count = 99): number[] {
  const out = new Int32Array(count);
  return Array.from(out.subarray(0, decode311(bytes, count, out, 0)));
}

describe('decode311', () => {
  it('unpacks three 10-bit samples from the low 30 bits of a little-endian word', () => {
    expect(decode(BLOCK)).toEqual([341, -1, -342]);
  });

  it('ignores the top two bits of the word', () => {
    expect(decode(Uint8Array.of(0x55, 0xfd, 0xaf, 0xea))).toEqual([341, -1, -342]);
  });

  it('decodes the invalid code -512 in every slot', () => {
    // 0x200 | 0x200 << 10 | 0x200 << 20 = 0x20080200
    expect(decode(Uint8Array.of(0x00, 0x02, 0x08, 0x20))).toEqual([-512, -512, -512]);
  });

  it('reads one sample from 2 trailing bytes and two from 3', () => {
    expect(decode(BLOCK.subarray(0, 2))).toEqual([341]);
    expect(decode(BLOCK.subarray(0, 3))).toEqual([341, -1]);
    expect(decode(BLOCK.subarray(0, 1))).toEqual([]);
  });
});

describe('encode311', () => {
  it('packs a block as WFDB w311 does', () => {
    expect(Array.from(encode311(Int32Array.of(341, -1, -342)))).toEqual(Array.from(BLOCK));
  });

  it('writes 2 bytes for one leftover sample and 4 for two, as WFDB f311 does', () => {
    expect(Array.from(encode311(Int32Array.of(341)))).toEqual([0x55, 0x01]);
    expect(Array.from(encode311(Int32Array.of(341, -1)))).toEqual([0x55, 0xfd, 0x0f, 0x00]);
  });
});

describe('samplesInBytes311', () => {
  it('counts whole blocks and the samples of a partial block', () => {
    expect(samplesInBytes311(666)).toBe(499);
    expect(samplesInBytes311(1359)).toBe(1019);
  });
});
