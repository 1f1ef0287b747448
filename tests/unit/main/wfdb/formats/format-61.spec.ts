import { describe, expect, it } from 'vitest';
import { decode61, encode61, samplesInBytes61 } from '../../../../../src/main/wfdb/formats/format-61';

// Written by hand from signal(5), format 61: big-endian two's complement: 0x8000 = -32768 (invalid), 0x1234, 0xfffe = -2.
const BYTES = Uint8Array.of(0x80, 0x00, 0x12, 0x34, 0xff, 0xfe);
const VALUES = [-32768, 4660, -2];

describe('decode61', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode61(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode61(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode61', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode61(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes61', () => {
  it('counts 2 byte(s) per sample', () => {
    expect(samplesInBytes61(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes61(BYTES.length + 2 - 1)).toBe(VALUES.length);
  });
});
