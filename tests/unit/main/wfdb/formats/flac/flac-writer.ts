/**
 * Test helper: a small FLAC *encoder* written from the FLAC format specification
 * (RFC 9639), to build streams with known samples that exercise every part of the
 * decoder: CONSTANT, VERBATIM, FIXED (orders 0-4) and LPC subframes, Rice and escaped
 * residual partitions, wasted bits and the three stereo decorrelation modes. It does
 * not search for a good encoding: the caller chooses it. The output is checked against
 * libFLAC (via @wasm-audio-decoders/flac) in flac.spec.ts, so encoder and decoder do
 * not merely agree with each other.
 */

/** MSB-first bit writer. */
class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private nbits = 0;

  /** Appends the low `n` bits of `value` (negative values as two's complement). */
  write(value: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | (Math.floor(value / 2 ** i) & 1);
      if (++this.nbits === 8) {
        this.bytes.push(this.acc);
        this.acc = 0;
        this.nbits = 0;
      }
    }
  }

  unary(zeros: number): void {
    for (let i = 0; i < zeros; i++) this.write(0, 1);
    this.write(1, 1);
  }

  align(): void {
    while (this.nbits !== 0) this.write(0, 1);
  }

  get length(): number {
    return this.bytes.length;
  }

  get data(): number[] {
    return this.bytes;
  }
}

/** CRC with MSB-first polynomial `poly` of `width` bits, initial 0. */
function crc(bytes: number[], start: number, poly: number, width: number): number {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  let c = 0;
  for (let i = start; i < bytes.length; i++) {
    c ^= bytes[i]! << (width - 8);
    for (let k = 0; k < 8; k++) c = c & top ? ((c << 1) ^ poly) & mask : (c << 1) & mask;
  }
  return c;
}

/**
 * Rewrites the CRC-8 that ends a frame header (bytes[start, end), CRC at bytes[end]), so a
 * test that alters a header field reaches the check of that field rather than the CRC's.
 */
export function resealFrameHeader(bytes: Uint8Array, start: number, end: number): void {
  bytes[end] = crc(Array.from(bytes.subarray(0, end)), start, 0x07, 8);
}

/** How each subframe is coded. */
export type SubframeSpec =
  | { type: 'verbatim' }
  | { type: 'constant' }
  | { type: 'fixed'; order: number }
  | { type: 'lpc'; coefs: number[]; precision: number; shift: number };

/** Options of `encodeFlac`. */
export interface FlacWriterOptions {
  bitsPerSample: number;
  blockSize?: number;
  subframe?: SubframeSpec;
  /** Stereo decorrelation (2 channels only). */
  stereo?: 'independent' | 'left-side' | 'side-right' | 'mid-side';
  /** Declare this many wasted low bits in every subframe (samples must be multiples of 2^k). */
  wastedBits?: number;
  /** Rice parameter of every partition, or 'escape' to store residuals as raw n-bit values. */
  rice?: number | 'escape';
  partitionOrder?: number;
  /** Frame headers defer sample size and rate to STREAMINFO (codes 0), which the spec allows. */
  deferToStreamInfo?: boolean;
  /** STREAMINFO total samples; default the true count (0 = unknown). */
  totalSamples?: number;
}

/** Encodes channels of equal length as a FLAC stream. */
export function encodeFlac(channels: Int32Array[], o: FlacWriterOptions): Uint8Array {
  const blockSize = o.blockSize ?? 4096;
  const n = channels[0]?.length ?? 0;
  const total = o.totalSamples ?? n;
  const w = new BitWriter();
  for (const c of 'fLaC') w.write(c.charCodeAt(0), 8);
  w.write(0x80, 8); // last metadata block, type 0 = STREAMINFO
  w.write(34, 24);
  w.write(blockSize, 16);
  w.write(blockSize, 16);
  w.write(0, 48); // frame sizes unknown
  w.write(96000, 20);
  w.write(channels.length - 1, 3);
  w.write(o.bitsPerSample - 1, 5);
  w.write(Math.floor(total / 2 ** 32), 4);
  w.write(total >>> 0, 32);
  for (let i = 0; i < 4; i++) w.write(0, 32); // MD5 unknown
  for (let frame = 0, start = 0; start < n; frame++, start += blockSize) {
    writeFrame(w, channels.map((c) => c.subarray(start, start + blockSize)), frame, o);
  }
  return Uint8Array.from(w.data);
}

const SIZE_CODES: Record<number, number> = { 8: 1, 12: 2, 16: 4, 20: 5, 24: 6, 32: 7 };
const STEREO_CODES = { 'left-side': 8, 'side-right': 9, 'mid-side': 10 } as const;

function writeFrame(w: BitWriter, block: Int32Array[], frame: number, o: FlacWriterOptions): void {
  const begin = w.length;
  const defer = o.deferToStreamInfo === true;
  const stereo = o.stereo ?? 'independent';
  w.write(0xfff8, 16); // sync, reserved 0, fixed block size
  w.write(7, 4); // block size - 1 follows as 16 bits
  w.write(defer ? 0 : 0xb, 4); // sample rate from STREAMINFO, or 96 kHz (as WFDB writes)
  w.write(stereo === 'independent' ? block.length - 1 : STEREO_CODES[stereo], 4);
  w.write(defer ? 0 : SIZE_CODES[o.bitsPerSample]!, 3);
  w.write(0, 1);
  writeCodedNumber(w, frame);
  w.write(block[0]!.length - 1, 16);
  w.write(crc(w.data, begin, 0x07, 8), 8);
  decorrelated(block, stereo).forEach(({ samples, extraBit }) => writeSubframe(w, samples, o.bitsPerSample + extraBit, o));
  w.align();
  w.write(crc(w.data, begin, 0x8005, 16), 16);
}

/** The channels as stored: left/side, side/right or mid/side; side channels get one more bit. */
function decorrelated(b: Int32Array[], stereo: string): { samples: Int32Array; extraBit: number }[] {
  const plain = (s: Int32Array) => ({ samples: s, extraBit: 0 });
  if (stereo === 'independent') return b.map(plain);
  const [l, r] = b as [Int32Array, Int32Array];
  const side = { samples: l.map((v, i) => v - r[i]!), extraBit: 1 };
  if (stereo === 'left-side') return [plain(l), side];
  if (stereo === 'side-right') return [side, plain(r)];
  return [plain(l.map((v, i) => (v + r[i]!) >> 1)), side];
}

function writeSubframe(w: BitWriter, s: Int32Array, bps: number, o: FlacWriterOptions): void {
  const spec = o.subframe ?? { type: 'verbatim' };
  const wasted = o.wastedBits ?? 0;
  if (s.some((x) => x % 2 ** wasted !== 0)) throw new Error(`samples are not multiples of 2^${wasted}`);
  const v = wasted > 0 ? s.map((x) => x / 2 ** wasted) : s;
  const b = bps - wasted;
  const type = { verbatim: 1, constant: 0, fixed: 8, lpc: 31 }[spec.type];
  w.write(0, 1);
  w.write(spec.type === 'fixed' ? 8 + spec.order : spec.type === 'lpc' ? 31 + spec.coefs.length : type, 6);
  if (wasted > 0) {
    w.write(1, 1);
    w.unary(wasted - 1);
  } else w.write(0, 1);
  if (spec.type === 'constant') return w.write(v[0]!, b);
  if (spec.type === 'verbatim') return v.forEach((x) => w.write(x, b));
  const order = spec.type === 'fixed' ? spec.order : spec.coefs.length;
  for (let i = 0; i < order; i++) w.write(v[i]!, b);
  if (spec.type === 'lpc') {
    w.write(spec.precision - 1, 4);
    w.write(spec.shift, 5);
    spec.coefs.forEach((c) => w.write(c, spec.precision));
  }
  writeResidual(w, residual(v, spec), order, o);
}

const FIXED: number[][] = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]];

/** residual[i] = sample[i] - prediction from the previous samples (i >= order). */
function residual(s: Int32Array, spec: SubframeSpec): number[] {
  const coefs = spec.type === 'fixed' ? FIXED[spec.order]! : spec.type === 'lpc' ? spec.coefs : [];
  const shift = spec.type === 'lpc' ? spec.shift : 0;
  const out: number[] = [];
  for (let i = coefs.length; i < s.length; i++) {
    let sum = 0;
    coefs.forEach((c, j) => (sum += c * s[i - 1 - j]!));
    out.push(s[i]! - Math.floor(sum / 2 ** shift));
  }
  return out;
}

function writeResidual(w: BitWriter, res: number[], order: number, o: FlacWriterOptions): void {
  // The highest order up to the one asked that divides the block (a short last block may need less).
  const size = res.length + order;
  let p = o.partitionOrder ?? 0;
  while (p > 0 && ((size >> p) << p !== size || size >> p < order)) p--;
  const rice = o.rice ?? 4;
  const method = rice !== 'escape' && rice > 14 ? 1 : 0;
  w.write(method, 2);
  w.write(p, 4);
  const per = size >> p;
  for (let part = 0, at = 0; part < 1 << p; part++) {
    const chunk = res.slice(at, at + (part === 0 ? per - order : per));
    at += chunk.length;
    if (rice === 'escape') {
      const bits = Math.max(0, ...chunk.map((r) => (r === 0 ? 0 : Math.ceil(Math.log2(Math.abs(r) + 1)) + 1)));
      w.write(method === 0 ? 15 : 31, method === 0 ? 4 : 5);
      w.write(bits, 5);
      chunk.forEach((r) => w.write(r, bits));
    } else {
      w.write(rice, method === 0 ? 4 : 5);
      for (const r of chunk) {
        const u = r >= 0 ? 2 * r : -2 * r - 1;
        w.unary(Math.floor(u / 2 ** rice));
        w.write(u % 2 ** rice, rice);
      }
    }
  }
}

/** The frame number in FLAC's UTF-8-like code. */
function writeCodedNumber(w: BitWriter, v: number): void {
  if (v < 0x80) return w.write(v, 8);
  const cont: number[] = [];
  let x = v;
  while (x >= 1 << (6 - cont.length)) {
    cont.push(0x80 | (x & 0x3f));
    x = Math.floor(x / 64);
  }
  w.write(((0xff << (7 - cont.length)) & 0xff) | x, 8);
  for (let i = cont.length - 1; i >= 0; i--) w.write(cont[i]!, 8);
}
