import { describe, expect, it } from 'vitest';
import { decode16, encode16, samplesInBytes16 } from '../../../../../src/main/wfdb/formats/format-16';

// Written by hand from signal(5), format 16: little-endian two's complement: 0x8000 = -32768 (invalid), 0xfffe = -2.
const BYTES = Uint8Array.of(0x00, 0x80, 0xfe, 0xff, 0x34, 0x12);
const VALUES = [-32768, -2, 4660];

describe('decode16', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode16(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode16(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode16', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode16(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes16', () => {
  it('counts 2 byte(s) per sample', () => {
    expect(samplesInBytes16(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes16(BYTES.length + 2 - 1)).toBe(VALUES.length);
  });
});
