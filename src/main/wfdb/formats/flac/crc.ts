/**
 * The two checksums of a FLAC frame (RFC 9639, section 9.1.8 and 9.3): CRC-8 with
 * polynomial x^8 + x^2 + x + 1 (0x07) over the frame header, and CRC-16 with polynomial
 * x^16 + x^15 + x^2 + 1 (0x8005) over the whole frame; both start at 0, MSB first.
 */

function table(poly: number, width: number): Uint16Array {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << (width - 8);
    for (let k = 0; k < 8; k++) c = c & top ? ((c << 1) ^ poly) & mask : (c << 1) & mask;
    t[i] = c;
  }
  return t;
}

const CRC8 = table(0x07, 8);
const CRC16 = table(0x8005, 16);

/** CRC-8 of bytes[start, end). */
export function crc8(bytes: Uint8Array, start: number, end: number): number {
  let c = 0;
  for (let i = start; i < end; i++) c = CRC8[c ^ bytes[i]!]!;
  return c;
}

/** CRC-16 of bytes[start, end). */
export function crc16(bytes: Uint8Array, start: number, end: number): number {
  let c = 0;
  for (let i = start; i < end; i++) c = ((c << 8) & 0xffff) ^ CRC16[(c >> 8) ^ bytes[i]!]!;
  return c;
}
