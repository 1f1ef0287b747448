/**
 * MSB-first bit reader over a whole FLAC file, as the FLAC format (RFC 9639, section 5)
 * stores every field: big-endian, most significant bit first, not byte-aligned inside a
 * frame. Reading past the end throws a WfdbError naming the file and the byte offset, so
 * that truncated or corrupt input can never yield made-up samples.
 */
import { WfdbError } from '../../../../shared/errors';

/** Bit-level cursor; `pos` is the index of the next bit to read. */
export class BitReader {
  pos = 0;
  readonly bitLength: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {
    this.bitLength = bytes.length * 8;
  }

  /** Byte offset of the next bit (rounded down). */
  get byteOffset(): number {
    return Math.floor(this.pos / 8);
  }

  /** Bits left to read. */
  get remaining(): number {
    return this.bitLength - this.pos;
  }

  /** Throws WfdbError 'wfdb/corrupt-signal' naming the file and the current byte offset. */
  fail(problem: string): never {
    const byteOffset = this.byteOffset;
    throw new WfdbError('wfdb/corrupt-signal', this.file, `FLAC: ${problem} (at byte ${byteOffset})`, { byteOffset });
  }

  /** Reads `n` bits (0..53) as an unsigned integer. */
  readUint(n: number): number {
    if (n === 0) return 0;
    if (this.pos + n > this.bitLength) this.fail('the stream ends inside a frame or block');
    if (n > 25) {
      // The 32-bit window below serves at most 25 bits at any bit alignment.
      const low = Math.min(n - 1, 24);
      const high = this.readUint(n - low);
      return high * 2 ** low + this.readUint(low);
    }
    const b = this.bytes;
    const i = this.pos >>> 3;
    const window = ((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    const value = (window << (this.pos & 7)) >>> (32 - n);
    this.pos += n;
    return value;
  }

  /** Reads `n` bits (0..32) as a two's complement integer. */
  readSigned(n: number): number {
    if (n === 0) return 0;
    const u = this.readUint(n);
    return u >= 2 ** (n - 1) ? u - 2 ** n : u;
  }

  /** Counts 0 bits up to the next 1 bit, consuming both (FLAC's unary code). */
  readUnary(): number {
    const b = this.bytes;
    let count = 0;
    for (;;) {
      const i = this.pos >>> 3;
      if (i >= b.length) this.fail('the stream ends inside a unary code');
      const shift = this.pos & 7;
      const bits = (b[i]! << shift) & 0xff;
      if (bits !== 0) {
        const zeros = Math.clz32(bits) - 24;
        this.pos += zeros + 1;
        return count + zeros;
      }
      count += 8 - shift;
      this.pos += 8 - shift;
    }
  }

  /**
   * Reads `count` Rice-coded residuals with parameter `k` into `out` from `at`: each is a
   * unary quotient, then `k` low bits, then zig-zag folded (0, -1, 1, -2, ...) back to a
   * signed value (RFC 9639, section 9.2.7.3).
   */
  readRice(out: Int32Array, at: number, count: number, k: number): void {
    const scale = 2 ** k;
    for (let i = 0; i < count; i++) {
      const u = this.readUnary() * scale + this.readUint(k);
      out[at + i] = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    }
  }

  /** Skips to the next byte boundary. */
  alignToByte(): void {
    this.pos = Math.ceil(this.pos / 8) * 8;
  }
}
