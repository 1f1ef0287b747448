import { describe, expect, it } from 'vitest';
import { crc16, crc8 } from '../../../../../../src/main/wfdb/formats/flac/crc';

// Check values of the catalogued CRCs over ASCII "123456789": CRC-8 (poly 0x07, init 0,
// "CRC-8/SMBUS") = 0xf4 and CRC-16/UMTS (poly 0x8005, init 0, unreflected) = 0xfee8.
const CHECK = new TextEncoder().encode('123456789');

describe('crc8', () => {
  it('matches the CRC-8/SMBUS check value', () => {
    expect(crc8(CHECK, 0, CHECK.length)).toBe(0xf4);
  });

  it('covers only bytes [start, end)', () => {
    const padded = Uint8Array.of(0xaa, ...CHECK, 0x55);
    expect(crc8(padded, 1, padded.length - 1)).toBe(0xf4);
  });
});

describe('crc16', () => {
  it('matches the CRC-16/UMTS check value', () => {
    expect(crc16(CHECK, 0, CHECK.length)).toBe(0xfee8);
  });
});
