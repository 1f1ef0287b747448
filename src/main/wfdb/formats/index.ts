/**
 * WFDB signal formats (signal(5)): one row per format in `FORMATS` and one codec per
 * file. Adding a format means adding its codec file and one row here.
 *
 * Codecs work on the interleaved sample stream of a signal file: frame after frame, each
 * frame holding samplesPerFrame samples of every signal in the file, in signal order. A
 * packed format (212, 310, 311) packs consecutive stream samples regardless of signal.
 */
import { WfdbError } from '../../../shared/errors';
import { decode8, encode8, pick8, samplesInBytes8 } from './format-8';
import { decode16, encode16, lookup16, pick16, samplesInBytes16 } from './format-16';
import { decode24, encode24, pick24, samplesInBytes24 } from './format-24';
import { decode32, encode32, pick32, samplesInBytes32 } from './format-32';
import { decode61, encode61, lookup61, pick61, samplesInBytes61 } from './format-61';
import { decode80, encode80, lookup80, pick80, samplesInBytes80 } from './format-80';
import { decode160, encode160, lookup160, pick160, samplesInBytes160 } from './format-160';
import { decode212, encode212, lookup212, lookupPair212, pick212, samplesInBytes212 } from './format-212';
import { decode310, encode310, lookup310, pick310, samplesInBytes310 } from './format-310';
import { decode311, encode311, lookup311, pick311, samplesInBytes311 } from './format-311';

export { decodeFlacFile } from './flac';

/** What the record layer needs to know about a signal format. */
export interface FormatInfo {
  /** The WFDB format number: 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524. */
  format: number;
  /** Samples in one packed block (212: 2, 310/311: 3, others 1; FLAC: 1). */
  samplesPerBlock: number;
  /** Bytes of that block (212: 3, 310/311: 4, 16: 2, 24: 3, ...; FLAC: 0, not byte-addressable). */
  bytesPerBlock: number;
  /** Digital code of an invalid sample; null for format 8, which has none. */
  invalidValue: number | null;
  /** ADC resolution in bits assumed when the header gives none. */
  defaultAdcResolution: number;
  /** Format 8: the stream holds first differences, integrated per signal by the record layer. */
  isDifference: boolean;
  /** 508/516/524: the file is a FLAC stream, decoded whole by `decodeFlacFile`. */
  isFlac: boolean;
}

/**
 * Copies one signal's codes out of an interleaved sample stream `data` without decoding
 * the rest: the `n` stream samples `s`, `s + step`, `s + 2 step`, ... go to `out[at]`,
 * `out[at + stride]`, ... (`step` is the frame size, `stride` the signal's samples per
 * frame). For a byte format `data` starts at a block boundary and must hold the samples.
 * Reading one signal straight into its array spares a read decoding the whole stream
 * into an intermediate array and copying out of it. Each format has its own loop, with
 * its sample layout inlined: one loop shared by all formats, calling the layout through
 * a function argument, would not be inlined by V8 once several formats are read, and
 * would cost a call per sample.
 */
export type PickKernel<T> = (data: T, s: number, step: number, n: number, out: Int32Array, at: number, stride: number) => void;

/**
 * As `PickKernel`, writing `table[code - min]` for each code, where min is the format's
 * invalid code (its most negative one) and `table` holds the physical value of every
 * code of the format (NaN for the invalid code). Only formats of at most 16 bits have one.
 */
export type LookupKernel<T> = (data: T, s: number, step: number, n: number, out: Float64Array, at: number, stride: number, table: Float64Array) => void;

/**
 * As two `LookupKernel` calls with stride 1, for stream samples `s` and `s + 1` of each
 * frame into `outA` and `outB` (tables `tableA`, `tableB`), where a format packs the two
 * into one block that the kernel reads once. Format 212 has one, for an even `s` and an
 * even `step`: a two-signal record (MIT-BIH) then reads each 3-byte block once instead of
 * twice (record 100 whole: 2.3 ms instead of 3.1 ms measured, outputs already in memory).
 */
export type PairLookupKernel<T> = (
  data: T,
  s: number,
  step: number,
  n: number,
  outA: Float64Array,
  outB: Float64Array,
  at: number,
  tableA: Float64Array,
  tableB: Float64Array,
) => void;

/** The kernels that read one signal (or a pair sharing blocks) out of a stream. */
export interface StreamKernels<T> {
  pick: PickKernel<T>;
  lookup: LookupKernel<T> | null;
  lookupPair: PairLookupKernel<T> | null;
}

/** Decode/encode functions of a byte-addressable format. */
interface Codec extends Omit<StreamKernels<Uint8Array>, 'lookupPair'> {
  lookupPair?: PairLookupKernel<Uint8Array>;
  decode(bytes: Uint8Array, count: number, out: Int32Array, outOffset: number): number;
  encode(samples: Int32Array): Uint8Array;
  samplesInBytes(byteLength: number): number;
}

type Row = FormatInfo & { codec: Codec | null };

function row(format: number, spb: number, bpb: number, invalid: number | null, res: number, codec: Codec | null): Row {
  return {
    format,
    samplesPerBlock: spb,
    bytesPerBlock: bpb,
    invalidValue: invalid,
    defaultAdcResolution: res,
    isDifference: format === 8,
    isFlac: codec === null,
    codec,
  };
}

/** The format table. Invalid codes and resolutions per signal(5) and WFDB `lib/signal.c`. */
const FORMATS: Readonly<Record<number, Row>> = {
  8: row(8, 1, 1, null, 8, { decode: decode8, encode: encode8, samplesInBytes: samplesInBytes8, pick: pick8, lookup: null }),
  16: row(16, 1, 2, -32768, 16, { decode: decode16, encode: encode16, samplesInBytes: samplesInBytes16, pick: pick16, lookup: lookup16 }),
  24: row(24, 1, 3, -8388608, 24, { decode: decode24, encode: encode24, samplesInBytes: samplesInBytes24, pick: pick24, lookup: null }),
  32: row(32, 1, 4, -2147483648, 32, { decode: decode32, encode: encode32, samplesInBytes: samplesInBytes32, pick: pick32, lookup: null }),
  61: row(61, 1, 2, -32768, 16, { decode: decode61, encode: encode61, samplesInBytes: samplesInBytes61, pick: pick61, lookup: lookup61 }),
  80: row(80, 1, 1, -128, 8, { decode: decode80, encode: encode80, samplesInBytes: samplesInBytes80, pick: pick80, lookup: lookup80 }),
  160: row(160, 1, 2, -32768, 16, { decode: decode160, encode: encode160, samplesInBytes: samplesInBytes160, pick: pick160, lookup: lookup160 }),
  212: row(212, 2, 3, -2048, 12, { decode: decode212, encode: encode212, samplesInBytes: samplesInBytes212, pick: pick212, lookup: lookup212, lookupPair: lookupPair212 }),
  310: row(310, 3, 4, -512, 10, { decode: decode310, encode: encode310, samplesInBytes: samplesInBytes310, pick: pick310, lookup: lookup310 }),
  311: row(311, 3, 4, -512, 10, { decode: decode311, encode: encode311, samplesInBytes: samplesInBytes311, pick: pick311, lookup: lookup311 }),
  508: row(508, 1, 0, -128, 8, null),
  516: row(516, 1, 0, -32768, 16, null),
  524: row(524, 1, 0, -8388608, 24, null),
};

/** Every supported format number, ascending. */
export const SUPPORTED_FORMATS: readonly number[] = Object.keys(FORMATS).map(Number).sort((a, b) => a - b);

/**
 * The description of `format`. `file` names the header or signal file for the error.
 * @throws WfdbError 'wfdb/unsupported-format' for a format not in the table.
 */
export function getFormat(format: number, file: string): FormatInfo {
  const r = FORMATS[format];
  if (r === undefined) {
    throw new WfdbError('wfdb/unsupported-format', file, `signal format ${format} is not supported`, { format });
  }
  const { codec: _codec, ...info } = r;
  return info;
}

function codecOf(format: number): Codec {
  const codec = FORMATS[format]?.codec;
  if (!codec) {
    const why = FORMATS[format] ? 'is FLAC: use decodeFlacFile' : 'is not supported';
    throw new WfdbError('wfdb/unsupported-format', `format ${format}`, `signal format ${format} ${why}`, { format });
  }
  return codec;
}

/**
 * Decodes `count` samples of the interleaved sample stream of a non-FLAC format from
 * `bytes` (which start at a block boundary) into `out` from `outOffset`; returns the
 * samples decoded, fewer when the bytes run out (a partial trailing block yields the
 * whole samples it holds). Format 8 yields the raw signed differences: the record layer
 * integrates them per signal. `out` must have room for the samples.
 * @throws WfdbError 'wfdb/unsupported-format' for FLAC or unknown formats.
 */
export function decodeSamples(format: number, bytes: Uint8Array, count: number, out: Int32Array, outOffset = 0): number {
  return codecOf(format).decode(bytes, Math.max(0, Math.min(count, out.length - outOffset)), out, outOffset);
}

/**
 * The kernels that read one signal out of a stream of `format` (format 8: its raw
 * differences, which the record layer integrates instead).
 * @throws WfdbError 'wfdb/unsupported-format' for FLAC or unknown formats.
 */
export function streamKernels(format: number): StreamKernels<Uint8Array> {
  const { pick, lookup, lookupPair } = codecOf(format);
  return { pick, lookup, lookupPair: lookupPair ?? null };
}

/**
 * Encodes samples of the interleaved stream in `format`, the inverse of `decodeSamples`
 * (values are truncated to the format's bit width). A partial last block is written as
 * WFDB writes it (212: 2 bytes for a lone sample; 310/311: see their codecs).
 * @throws WfdbError 'wfdb/unsupported-format' for FLAC or unknown formats.
 */
export function encodeSamples(format: number, samples: Int32Array): Uint8Array {
  return codecOf(format).encode(samples);
}

/**
 * Number of whole stream samples that `byteLength` bytes of `format` hold, counting the
 * samples of a partial last block (e.g. to size a record whose header gives no length).
 * @throws WfdbError 'wfdb/unsupported-format' for FLAC or unknown formats.
 */
export function samplesInBytes(format: number, byteLength: number): number {
  return codecOf(format).samplesInBytes(Math.max(0, byteLength));
}

/**
 * Bytes to read, from a block boundary, to decode `count` stream samples of `format`:
 * whole blocks rounded up (it never reads past what `decodeSamples` needs by more than
 * one block; the file may end earlier).
 * @throws WfdbError 'wfdb/unsupported-format' for FLAC or unknown formats.
 */
export function bytesForSamples(format: number, count: number): number {
  codecOf(format);
  const r = FORMATS[format]!;
  return Math.ceil(count / r.samplesPerBlock) * r.bytesPerBlock;
}
