import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode212, encode212, lookupPair212, samplesInBytes212 } from '../../../../../src/main/wfdb/formats/format-212';

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

describe('lookupPair212', () => {
  // Every entry distinct, and the two tables apart, so a wrong index or table shows.
  const tableA = Float64Array.from({ length: 4096 }, (_, i) => i * 0.5 + 0.25);
  const tableB = Float64Array.from({ length: 4096 }, (_, i) => -i - 0.125);

  it('writes both samples of each block through their tables, the last block ending the data, at any byte alignment', () => {
    const code = fc.oneof(fc.integer({ min: -2048, max: 2047 }), fc.constantFrom(-2048, -2047, -1, 0, 1, 2046, 2047));
    const placement = fc
      .record({ step: fc.constantFrom(2, 4, 6), frames: fc.integer({ min: 1, max: 40 }), first: fc.nat(39), pair: fc.nat(2), n: fc.nat(40), at: fc.nat(3), shift: fc.nat(3) })
      .chain((p) => fc.record({ p: fc.constant(p), stream: fc.array(code, { minLength: p.step * p.frames, maxLength: p.step * p.frames }) }));
    fc.assert(
      fc.property(placement, ({ p, stream }) => {
        const s = (p.first % p.frames) * p.step + 2 * (p.pair % (p.step / 2));
        const n = Math.min(p.n, Math.floor((stream.length - 1 - s) / p.step) + 1);
        const lastBlock = ((s + (n - 1) * p.step) / 2) * 3;
        // The data stop right after the last block read, and so does their buffer: reading a
        // byte past it would throw. They start `shift` bytes into it, so blocks meet 4-byte
        // word boundaries at every offset.
        const encoded = encode212(Int32Array.from(stream)).subarray(0, n > 0 ? lastBlock + 3 : 0);
        const bytes = new Uint8Array(new ArrayBuffer(p.shift + encoded.length), p.shift);
        bytes.set(encoded);
        const [outA, outB] = [new Float64Array(p.at + n + 2).fill(7), new Float64Array(p.at + n + 2).fill(7)];
        lookupPair212(bytes, s, p.step, n, outA, outB, p.at, tableA, tableB);
        const expectA = Array.from(outA, (_, i) => (i >= p.at && i < p.at + n ? tableA[stream[s + (i - p.at) * p.step]! + 2048]! : 7));
        const expectB = Array.from(outB, (_, i) => (i >= p.at && i < p.at + n ? tableB[stream[s + 1 + (i - p.at) * p.step]! + 2048]! : 7));
        expect(Array.from(outA)).toEqual(expectA);
        expect(Array.from(outB)).toEqual(expectB);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the hand-written blocks', () => {
    const [outA, outB] = [new Float64Array(2), new Float64Array(2)];
    lookupPair212(BLOCKS, 0, 2, 2, outA, outB, 0, tableA, tableB);
    expect(Array.from(outA)).toEqual([tableA[291 + 2048], tableA[-2048 + 2048]]);
    expect(Array.from(outB)).toEqual([tableB[-2 + 2048], tableB[2047 + 2048]]);
  });
});
