/**
 * The signals stored in one signal file (signal(5)): the file holds frame after frame,
 * each frame the samplesPerFrame samples of every signal of the file in header order.
 * A `SignalGroup` reads the frames a window needs, only those bytes (FLAC files, which
 * cannot be addressed by byte, are decoded whole once and kept), and hands each signal its
 * samples with skew applied: sample t of a signal with skew s comes from file frame t + s,
 * and past the record's last frame it is the invalid code (the convention of the
 * reference readings in ../shared/data/reference).
 */
import { WfdbError } from '../../shared/errors';
import { DifferenceIntegrator, type StreamSlot } from './difference-integrator';
import type { FileSource } from './file-source';
import { DECODED_KERNELS, extractFrames, signalTarget, type CodeRange, type SampleSink, type SignalTarget } from './sample-extract';
import { bytesForSamples, decodeFlacFile, decodeSamples, samplesInBytes, streamKernels, type FormatInfo, type StreamKernels } from './formats';

export type { SampleSink } from './sample-extract';

/** A signal of the group. */
export interface GroupMember extends StreamSlot {
  /** Skew in frames. */
  skew: number;
  /** Invalid code written past the end of a skewed signal. */
  invalid: number;
}

/** Bits per sample of the FLAC formats. */
const FLAC_BITS: Readonly<Record<number, number>> = { 508: 8, 516: 16, 524: 24 };

/** Bytes of a window of the stream, read from a block boundary. */
interface FetchedStream {
  bytes: Uint8Array;
  /** Samples before the window in the first block. */
  skip: number;
  /** Samples the window needs, `skip` included (the bytes hold them all). */
  need: number;
}

/** Largest read buffer kept for the next read: 16 MiB, about 4 hours of a 2-signal format-212 record at 360 Hz. */
const SPARE_BYTES_LIMIT = 16 * 2 ** 20;
/**
 * The buffer of the last read, kept for the next one (of any file): reading into it
 * spares each read allocating, and the system faulting in, fresh memory. Null while a
 * read holds it; a read that finds it held, or too small, allocates its own.
 */
let spareReadBuffer: Uint8Array | null = null;

function takeReadBuffer(size: number): Uint8Array {
  const spare = spareReadBuffer;
  if (spare !== null && spare.length >= size) {
    spareReadBuffer = null;
    return spare;
  }
  return Buffer.allocUnsafe(size);
}

/** Keeps `buffer` for the next read, unless a larger one is kept or it is too large to keep. */
function returnReadBuffer(buffer: Uint8Array): void {
  if (buffer.length <= SPARE_BYTES_LIMIT && (spareReadBuffer === null || spareReadBuffer.length < buffer.length)) spareReadBuffer = buffer;
}

/** The signals of one file and the means to read them. */
export class SignalGroup {
  /** Samples per frame of the whole file. */
  readonly frameSize: number;
  private readonly integrator: DifferenceIntegrator | null;
  private flac: Promise<Int32Array[]> | null = null;
  /** The kernels of a byte-addressable format (null for FLAC). */
  private readonly kernels: StreamKernels<Uint8Array> | null;
  /** The digital codes the format can hold, when its kernels can look physical values up. */
  private readonly codes: CodeRange | null;

  constructor(
    private readonly file: FileSource,
    readonly format: FormatInfo,
    readonly members: readonly GroupMember[],
    private readonly byteOffset: number,
    initialValues: readonly number[],
  ) {
    this.frameSize = members.reduce((n, m) => n + m.spf, 0);
    this.kernels = format.isFlac ? null : streamKernels(format.format);
    // The formats with a lookup (those of at most 16 bits but 8) hold codes from their
    // invalid code, the most negative one, to its negation minus 1.
    const min = format.invalidValue;
    this.codes = !format.isDifference && this.kernels?.lookup && min !== null ? { min, size: -2 * min } : null;
    this.integrator = format.isDifference
      ? new DifferenceIntegrator(members, this.frameSize, initialValues, (a, b) => this.decodeDifferences(a, b))
      : null;
  }

  /** Whole frames the file holds (for a header without a length). */
  async frameCapacity(): Promise<number> {
    if (this.format.isFlac) {
      const channels = await this.flacChannels();
      return Math.min(...channels.map((c, j) => Math.floor(c.length / this.members[j]!.spf)));
    }
    const bytes = Math.max(0, (await this.file.size()) - this.byteOffset);
    return Math.floor(samplesInBytes(this.format.format, bytes) / this.frameSize);
  }

  /**
   * Writes frames [start, end) of each chosen member (index into `members`) into its sink.
   * `frameCount` is the record's length: frames at or past it are invalid.
   * @throws WfdbError 'wfdb/truncated-signal' when the file ends before the frames;
   *   'file/read'; 'wfdb/corrupt-signal' (FLAC).
   */
  async read(start: number, end: number, frameCount: number, chosen: readonly { member: number; sink: SampleSink }[]): Promise<void> {
    const targets = chosen.map(({ member, sink }) => {
      const { offset, spf, skew } = this.members[member]!;
      const validEnd = Math.max(start, Math.min(end, frameCount - skew));
      return signalTarget({ offset, spf, skew, start, validEnd }, sink, this.codes);
    });
    // File frames [lo, hi) hold every chosen signal's data, skew included.
    const lo = start + Math.min(...targets.map((t) => t.skew));
    const hi = Math.max(...targets.map((t) => t.validEnd + t.skew));
    if (lo < hi) await this.extract(lo, hi, chosen.map((c) => c.member), targets);
    chosen.forEach(({ member, sink }, k) => {
      // Samples past the record's end (of a skewed signal) are invalid.
      const t = targets[k]!;
      sink.out.fill(sink.kind === 'digital' ? this.members[member]!.invalid : Number.NaN, (t.validEnd - start) * t.spf);
    });
  }

  /** Writes to the targets (of the members `chosen`) their samples in file frames [lo, hi). */
  private async extract(lo: number, hi: number, chosen: readonly number[], targets: readonly SignalTarget[]): Promise<void> {
    const frameSize = this.frameSize;
    if (this.format.isFlac) {
      const channels = await this.flacChannelsTo(hi);
      targets.forEach((t, k) => {
        // A channel is a stream of frames of its signal alone.
        const stream = { data: channels[chosen[k]!]!, kernels: DECODED_KERNELS, frameSize: t.spf, firstFrame: 0, origin: 0 };
        extractFrames(stream, t.start + t.skew, t.validEnd + t.skew, [{ ...t, offset: 0 }]);
      });
    } else if (this.integrator) {
      const data = await this.integrator.read(lo, hi);
      extractFrames({ data, kernels: DECODED_KERNELS, frameSize, firstFrame: lo, origin: 0 }, lo, hi, targets);
    } else {
      const kernels = this.kernels!;
      await this.withStream(lo, hi, (f) => extractFrames({ data: f.bytes, kernels, frameSize, firstFrame: lo, origin: f.skip }, lo, hi, targets));
    }
  }

  /** Format 8: the raw differences of file frames [first, end), in a new array. */
  private decodeDifferences(first: number, end: number): Promise<Int32Array> {
    return this.withStream(first, end, (f) => {
      const out = new Int32Array(f.need);
      decodeSamples(this.format.format, f.bytes, f.need, out);
      return out.subarray(f.skip);
    });
  }

  /**
   * Reads the bytes of file frames [first, end), from the block boundary at or before
   * them, and hands them to `use` (synchronously: the buffer serves later reads).
   * @throws WfdbError 'wfdb/truncated-signal' when the file ends before the frames.
   */
  private async withStream<T>(first: number, end: number, use: (f: FetchedStream) => T): Promise<T> {
    const { samplesPerBlock, bytesPerBlock, format } = this.format;
    const firstSample = first * this.frameSize;
    const block = Math.floor(firstSample / samplesPerBlock);
    const skip = firstSample - block * samplesPerBlock;
    const need = skip + (end - first) * this.frameSize;
    const byteStart = this.byteOffset + block * bytesPerBlock;
    const byteLength = bytesForSamples(format, need);
    const buffer = takeReadBuffer(byteLength);
    try {
      const bytes = await this.file.read(byteStart, byteLength, buffer);
      if (samplesInBytes(format, bytes.length) < need) {
        // A short read stopped at the end of the file, so the file's size is where it stopped.
        const size = byteStart + bytes.length;
        throw new WfdbError('wfdb/truncated-signal', this.file.path, `the file has ${size} bytes, but frames up to ${end} need about ${byteStart + byteLength}`, {
          expectedBytes: byteStart + byteLength,
          foundBytes: size,
        });
      }
      return use({ bytes, skip, need });
    } finally {
      returnReadBuffer(buffer);
    }
  }

  /**
   * The decoded FLAC channels (one signal each), which must reach frame `end`.
   * @throws WfdbError 'wfdb/truncated-signal' when a channel is shorter.
   */
  private async flacChannelsTo(end: number): Promise<Int32Array[]> {
    const channels = await this.flacChannels();
    const short = channels.findIndex((c, j) => c.length < end * this.members[j]!.spf);
    if (short >= 0) {
      throw new WfdbError('wfdb/truncated-signal', this.file.path, `FLAC channel ${short} holds ${channels[short]!.length} samples; frames up to ${end} need ${end * this.members[short]!.spf}`, {
        expectedSamples: end * this.members[short]!.spf,
        foundSamples: channels[short]!.length,
      });
    }
    return channels;
  }

  /** The decoded channels of the FLAC file, decoded on first use and kept. */
  private flacChannels(): Promise<Int32Array[]> {
    if (this.flac) return this.flac;
    const decoding = (async () => {
      const size = await this.file.size();
      const bytes = await this.file.read(this.byteOffset, Math.max(0, size - this.byteOffset));
      const bitsPerSample = FLAC_BITS[this.format.format] ?? 16;
      return decodeFlacFile(bytes, this.file.path, { channels: this.members.length, bitsPerSample });
    })();
    this.flac = decoding;
    // A failed decode (a read error, say) is not kept: the next read tries again.
    decoding.catch(() => {
      if (this.flac === decoding) this.flac = null;
    });
    return decoding;
  }

  /** Releases the file and forgets decoded FLAC data. */
  async close(): Promise<void> {
    this.flac = null;
    await this.file.close();
  }
}
