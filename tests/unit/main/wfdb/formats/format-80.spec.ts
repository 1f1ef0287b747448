import { describe, expect, it } from 'vitest';
import { decode80, encode80, samplesInBytes80 } from '../../../../../src/main/wfdb/formats/format-80';

// Written by hand from signal(5), format 80: offset binary, byte - 128: 0x00 = -128 (invalid), 0x80 = 0, 0xff = 127.
const BYTES = Uint8Array.of(0x00, 0x80, 0xff, 0x7f);
const VALUES = [-128, 0, 127, -1];

describe('decode80', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode80(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode80(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode80', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode80(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes80', () => {
  it('counts 1 byte(s) per sample', () => {
    expect(samplesInBytes80(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes80(BYTES.length + 1 - 1)).toBe(VALUES.length);
  });
});
