import { describe, expect, it } from 'vitest';
import { decode160, encode160, samplesInBytes160 } from '../../../../../src/main/wfdb/formats/format-160';

// Written by hand from signal(5), format 160: little-endian offset binary, word - 32768: 0x0000 = -32768 (invalid), 0x8000 = 0, 0xffff = 32767.
const BYTES = Uint8Array.of(0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0x34, 0x92);
const VALUES = [-32768, 0, 32767, 4660];

describe('decode160', () => {
  it('decodes the documented byte layout', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode160(BYTES, VALUES.length, out, 0)).toBe(VALUES.length);
    expect(Array.from(out)).toEqual(VALUES);
  });

  it('decodes only whole samples when the input is truncated', () => {
    const out = new Int32Array(VALUES.length);
    expect(decode160(BYTES.subarray(0, BYTES.length - 1), VALUES.length, out, 0)).toBe(VALUES.length - 1);
    expect(Array.from(out.subarray(0, VALUES.length - 1))).toEqual(VALUES.slice(0, -1));
  });
});

describe('encode160', () => {
  it('writes the documented byte layout', () => {
    expect(Array.from(encode160(Int32Array.from(VALUES)))).toEqual(Array.from(BYTES));
  });
});

describe('samplesInBytes160', () => {
  it('counts 2 byte(s) per sample', () => {
    expect(samplesInBytes160(BYTES.length)).toBe(VALUES.length);
    expect(samplesInBytes160(BYTES.length + 2 - 1)).toBe(VALUES.length);
  });
});
