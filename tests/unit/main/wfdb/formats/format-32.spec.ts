import { describe, expect, it } from 'vitest';
import { decode32, encode32, samplesInBytes32 } from '../../../../../src/main/wfdb/formats/format-32';

// Written by hand from signal(5), format 32: little-endian 32-bit: 0x80000000 = -2147483648 (invalid), 0x12345678, -2.
const BYTES = Uint8Array.of(0x00, 0x00, 0x00, 0x80, 0x78, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff);
const VALUES = [-2147483648, 305419896, -2];

describe('decode32', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode32(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode32(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode32', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode32(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes32', () => {
  it('counts 4 byte(s) per sample', () => {
    expect(samplesInBytes32(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes32(BYTES.length + 4 - 1)).toBe(VALUES.length);
  });
});
