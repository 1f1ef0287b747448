import { describe, expect, it } from 'vitest';
import { decode24, encode24, samplesInBytes24 } from '../../../../../src/main/wfdb/formats/format-24';

// Written by hand from signal(5), format 24: little-endian 24-bit: 0x800000 = -8388608 (invalid), 0x123456, 0xfffffe = -2.
const BYTES = Uint8Array.of(0x00, 0x00, 0x80, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff);
const VALUES = [-8388608, 1193046, -2];

describe('decode24', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode24(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode24(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode24', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode24(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes24', () => {
  it('counts 3 byte(s) per sample', () => {
    expect(samplesInBytes24(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes24(BYTES.length + 3 - 1)).toBe(VALUES.length);
  });
});
