import { describe, expect, it } from 'vitest';
import { WfdbError } from '../../../../../../src/shared/errors';
import { BitReader } from '../../../../../../src/main/wfdb/formats/flac/bit-reader';

const reader = (...bytes: number[]) => new BitReader(Uint8Array.from(bytes), 'f.dat');

describe('BitReader.readUint', () => {
  it('reads MSB-first fields across byte boundaries', () => {
    const r = reader(0b10110011, 0b01011100, 0xff);
    expect([r.readUint(3), r.readUint(7), r.readUint(6), r.readUint(8)]).toEqual([0b101, 0b1001101, 0b011100, 0xff]);
  });

  it('reads fields wider than 25 bits', () => {
    const r = reader(0x12, 0x34, 0x56, 0x78, 0x9a);
    r.readUint(4);
    expect(r.readUint(36 - 4)).toBe(0x23456789);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xf0).readUint(36)).toBe(2 ** 36 - 1);
  });

  it('throws wfdb/corrupt-signal naming the file when the bits run out', () => {
    const r = reader(0xab);
    r.readUint(5);
    expect(() => r.readUint(4)).toThrowError(WfdbError);
    expect(() => r.readUint(4)).toThrow(/^f\.dat: FLAC: the stream ends/);
  });
});

describe('BitReader.readSigned', () => {
  it('sign-extends two\'s complement fields', () => {
    const r = reader(0b11110111, 0b10000000);
    expect([r.readSigned(4), r.readSigned(4), r.readSigned(1), r.readSigned(0)]).toEqual([-1, 7, -1, 0]);
  });
});

describe('BitReader.readUnary', () => {
  it('counts zeros up to a one, across bytes', () => {
    const r = reader(0b00010000, 0b00000000, 0b00000001, 0b10000000);
    expect([r.readUnary(), r.readUnary(), r.readUnary()]).toEqual([3, 19, 0]);
  });

  it('throws when no one bit follows', () => {
    expect(() => reader(0, 0).readUnary()).toThrow(/ends inside a unary code/);
  });
});

describe('BitReader.readRice', () => {
  it('decodes zig-zag folded Rice codes', () => {
    // k = 1: u = 0 -> "1 0"; u = 3 (-2) -> "01 1"; u = 4 (2) -> "001 0"; u = 1 (-1) -> "1 1"
    const r = reader(0b10011001, 0b01100000);
    const out = new Int32Array(4);
    r.readRice(out, 0, 4, 1);
    expect(Array.from(out)).toEqual([0, -2, 2, -1]);
  });
});

describe('BitReader.alignToByte', () => {
  it('moves to the next byte boundary only when inside a byte', () => {
    const r = reader(0, 0xab);
    r.alignToByte();
    expect(r.pos).toBe(0);
    r.readUint(1);
    r.alignToByte();
    expect(r.readUint(8)).toBe(0xab);
  });
});
