import { describe, expect, it } from 'vitest';
import { decode212, encode212, samplesInBytes212 } from '../../../../../src/main/wfdb/formats/format-212';

// Bytes written by hand from signal(5): s0 low byte; s1 high nibble | s0 high nibble; s1 low byte.
// 291 = 0x123, -2 = 0xffe; -2048 = 0x800 (the invalid code), 2047 = 0x7ff.
const BLOCKS = Uint8Array.of(0x23, 0xf1, 0xfe, 0x00, 0x78, 0xff);

function decode(bytes: Uint8Array, count = 99): number[] {
  const out = new Int32Array(count);
  return Array.from(out.subarray(0, decode212(bytes, count, out, 0)));
}

describe('decode212', () => {
  it('unpacks two 12-bit samples from each 3-byte block', () => {
    expect(decode(BLOCKS)).toEqual([291, -2, -2048, 2047]);
  });

  it('reads the lone sample of a 2-byte partial last block', () => {
    expect(decode(BLOCKS.subarray(0, 5))).toEqual([291, -2, -2048]);
  });

  it('yields no sample from a single trailing byte', () => {
    expect(decode(BLOCKS.subarray(0, 4))).toEqual([291, -2]);
  });

  it('stops at count even inside a block', () => {
    expect(decode(BLOCKS, 3)).toEqual([291, -2, -2048]);
  });
});

describe('encode212', () => {
  it('packs pairs as signal(5) lays them out', () => {
    expect(Array.from(encode212(Int32Array.of(291, -2, -2048, 2047)))).toEqual(Array.from(BLOCKS));
  });

  it('writes an odd last sample as two bytes, as WFDB f212 does', () => {
    expect(Array.from(encode212(Int32Array.of(291, -2, -2048)))).toEqual([0x23, 0xf1, 0xfe, 0x00, 0x08]);
  });
});

describe('samplesInBytes212', () => {
  it('counts whole blocks and a trailing 2-byte sample', () => {
    expect(samplesInBytes212(749)).toBe(499);
    expect(samplesInBytes212(1950000)).toBe(1300000);
  });
});
