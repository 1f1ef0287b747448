import { describe, expect, it } from 'vitest';
import { decode8, encode8, samplesInBytes8 } from '../../../../../src/main/wfdb/formats/format-8';

// Written by hand from signal(5), format 8: Int8 first differences: byte 0xff = -1, 0x80 = -128, 0x7f = 127.
const BYTES = Uint8Array.of(0x00, 0x7f, 0x80, 0xff, 0x01);
const VALUES = [0, 127, -128, -1, 1];

describe('decode8', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode8(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode8(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode8', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode8(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes8', () => {
  it('counts 1 byte(s) per sample', () => {
    expect(samplesInBytes8(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes8(BYTES.length + 1 - 1)).toBe(VALUES.length);
  });
});
