/**
 * The properties every signal codec shares, checked over a table of formats: the
 * fixed-width formats against bytes written by hand from signal(5), and the kernels that
 * read one signal out of an interleaved stream (all byte-addressable formats) against
 * the format's own decoder. The packed formats' block rules (212, 310, 311) have their
 * own spec files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as f8 from '../../../../../src/main/wfdb/formats/format-8';
import * as f16 from '../../../../../src/main/wfdb/formats/format-16';
import * as f24 from '../../../../../src/main/wfdb/formats/format-24';
import * as f32 from '../../../../../src/main/wfdb/formats/format-32';
import * as f61 from '../../../../../src/main/wfdb/formats/format-61';
import * as f80 from '../../../../../src/main/wfdb/formats/format-80';
import * as f160 from '../../../../../src/main/wfdb/formats/format-160';
import { decodeSamples, encodeSamples, getFormat, streamKernels } from '../../../../../src/main/wfdb/formats/index';

interface FixedWidthCase {
  format: number;
  decode: (bytes: Uint8Array, count: number, out: Int32Array, outOffset: number) => number;
  encode: (samples: Int32Array) => Uint8Array;
  samplesInBytes: (byteLength: number) => number;
  /** Bytes per sample. */
  width: number;
  /** Bytes written by hand from signal(5), and the samples they hold. */
  bytes: Uint8Array;
  values: number[];
}

const codec = (m: { [k: string]: unknown }, format: number): Pick<FixedWidthCase, 'decode' | 'encode' | 'samplesInBytes'> => ({
  decode: m[`decode${format}`] as FixedWidthCase['decode'],
  encode: m[`encode${format}`] as FixedWidthCase['encode'],
  samplesInBytes: m[`samplesInBytes${format}`] as FixedWidthCase['samplesInBytes'],
});

const FIXED_WIDTH: FixedWidthCase[] = [
  // Int8 first differences: byte 0xff = -1, 0x80 = -128, 0x7f = 127.
  { format: 8, ...codec(f8, 8), width: 1, bytes: Uint8Array.of(0x00, 0x7f, 0x80, 0xff, 0x01), values: [0, 127, -128, -1, 1] },
  // Little-endian two's complement: 0x8000 = -32768 (invalid), 0xfffe = -2.
  { format: 16, ...codec(f16, 16), width: 2, bytes: Uint8Array.of(0x00, 0x80, 0xfe, 0xff, 0x34, 0x12), values: [-32768, -2, 4660] },
  // Little-endian 24-bit: 0x800000 = -8388608 (invalid), 0x123456, 0xfffffe = -2.
  { format: 24, ...codec(f24, 24), width: 3, bytes: Uint8Array.of(0x00, 0x00, 0x80, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff), values: [-8388608, 1193046, -2] },
  // Little-endian 32-bit: 0x80000000 = -2147483648 (invalid), 0x12345678, -2.
  {
    format: 32,
    ...codec(f32, 32),
    width: 4,
    bytes: Uint8Array.of(0x00, 0x00, 0x00, 0x80, 0x78, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff),
    values: [-2147483648, 305419896, -2],
  },
  // Big-endian two's complement: 0x8000 = -32768 (invalid), 0x1234, 0xfffe = -2.
  { format: 61, ...codec(f61, 61), width: 2, bytes: Uint8Array.of(0x80, 0x00, 0x12, 0x34, 0xff, 0xfe), values: [-32768, 4660, -2] },
  // Offset binary, byte - 128: 0x00 = -128 (invalid), 0x80 = 0, 0xff = 127.
  { format: 80, ...codec(f80, 80), width: 1, bytes: Uint8Array.of(0x00, 0x80, 0xff, 0x7f), values: [-128, 0, 127, -1] },
  // Little-endian offset binary, word - 32768: 0x0000 = -32768 (invalid), 0x8000 = 0, 0xffff = 32767.
  { format: 160, ...codec(f160, 160), width: 2, bytes: Uint8Array.of(0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0x34, 0x92), values: [-32768, 0, 32767, 4660] },
];

describe.each(FIXED_WIDTH)('decode$format', ({ decode, bytes, values }) => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(values.length);
    expect(decode(bytes, values.length, out, 0)).toBe(values.length);
    expect(Array.from(out)).toEqual(values);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(values.length);
    expect(decode(bytes.subarray(0, bytes.length - 1), values.length, out, 0)).toBe(values.length - 1);
    expect(Array.from(out.subarray(0, values.length - 1))).toEqual(values.slice(0, -1));
  });
});

describe.each(FIXED_WIDTH)('encode$format', ({ encode, bytes, values }) => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode(Int32Array.from(values)))).toEqual(Array.from(bytes));
  });
});

describe.each(FIXED_WIDTH)('samplesInBytes$format', ({ samplesInBytes, width, bytes, values }) => {
  it(`counts ${width} byte(s) per sample`, () => {
    expect(samplesInBytes(bytes.length)).toBe(values.length);
    expect(samplesInBytes(bytes.length + width - 1)).toBe(values.length);
  });
});

/** Digital range of each byte-addressable format; the minimum is the invalid code (none for 8). */
const RANGES: [number, number, number][] = [
  [8, -128, 127],
  [16, -32768, 32767],
  [24, -8388608, 8388607],
  [32, -2147483648, 2147483647],
  [61, -32768, 32767],
  [80, -128, 127],
  [160, -32768, 32767],
  [212, -2048, 2047],
  [310, -512, 511],
  [311, -512, 511],
];

/**
 * An interleaved stream of a format's values and one signal's place in it: `n` samples
 * from stream sample `s`, every `step`, written every `stride` from `at` into an array of
 * `size`.
 */
interface Placement {
  stream: Int32Array;
  s: number;
  step: number;
  n: number;
  stride: number;
  at: number;
  size: number;
}

/** Placements in streams of values in [min, max], biased to the ends, where sign and invalid-code bugs live. */
function streamOf(min: number, max: number): fc.Arbitrary<Placement> {
  const value = fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, min + 1, -1, 0, 1, max - 1, max));
  return fc
    .record({ stream: fc.array(value, { minLength: 1, maxLength: 60 }), step: fc.integer({ min: 1, max: 7 }), stride: fc.integer({ min: 1, max: 3 }), at: fc.nat(4), start: fc.nat(), count: fc.nat() })
    .map(({ stream, step, stride, at, start, count }) => {
      const s = start % stream.length;
      const n = count % (Math.floor((stream.length - 1 - s) / step) + 2);
      return { stream: Int32Array.from(stream), s, step, n, stride, at, size: at + n * stride + 2 };
    });
}

/** What a kernel must write: `value(code)` of each picked sample at its place, `sentinel` elsewhere. */
function expected(p: Placement, value: (code: number) => number, sentinel: number): number[] {
  const out = new Array<number>(p.size).fill(sentinel);
  for (let i = 0; i < p.n; i++) out[p.at + i * p.stride] = value(p.stream[p.s + i * p.step]!);
  return out;
}

describe.each(RANGES)('streamKernels(%i).pick', (format, min, max) => {
  it('writes the codes of one signal of the stream to its places and nothing else, as decoding it whole would', () => {
    const { pick } = streamKernels(format);
    fc.assert(
      fc.property(streamOf(min, max), (p) => {
        const bytes = encodeSamples(format, p.stream);
        const decoded = new Int32Array(p.stream.length);
        decodeSamples(format, bytes, p.stream.length, decoded);
        const out = new Int32Array(p.size).fill(7);
        pick(bytes, p.s, p.step, p.n, out, p.at, p.stride);
        expect(Array.from(out)).toEqual(expected({ ...p, stream: decoded }, (code) => code, 7));
        expect(Array.from(decoded)).toEqual(Array.from(p.stream));
      }),
      { numRuns: 150 },
    );
  });
});

describe.each(RANGES)('streamKernels(%i).lookup', (format, min, max) => {
  const invalid = getFormat(format, 'x').invalidValue;
  const { lookup } = streamKernels(format);

  if (invalid === null || max - min >= 65536) {
    it('is absent when the format is wider than 16 bits or has no invalid code', () => {
      expect(lookup).toBeNull();
    });
    return;
  }

  it('writes table[code - invalid code] of one signal of the stream to its places and nothing else', () => {
    expect(invalid).toBe(min);
    // Every entry distinct, so a wrong index shows.
    const table = Float64Array.from({ length: max - min + 1 }, (_, i) => i * 0.5 + 0.25);
    fc.assert(
      fc.property(streamOf(min, max), (p) => {
        const out = new Float64Array(p.size).fill(-1);
        lookup!(encodeSamples(format, p.stream), p.s, p.step, p.n, out, p.at, p.stride, table);
        expect(Array.from(out)).toEqual(expected(p, (code) => table[code - min]!, -1));
      }),
      { numRuns: 150 },
    );
  });
});
