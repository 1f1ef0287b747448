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
import { copierFor, copyFrames, type CodeRange, type SampleSink, type SignalWindow } from './sample-copy';
import { bytesForSamples, decodeFlacFile, decodeSamples, samplesInBytes, type FormatInfo } from './formats';

export type { SampleSink } from './sample-copy';

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
  byteStart: number;
  /** Bytes asked for (whole blocks). */
  byteLength: number;
  /** Samples before the window in the first block. */
  skip: number;
  /** Samples to decode, `skip` included. */
  need: number;
  /** The window's end frame, for error messages. */
  end: number;
}

/** Samples decoded per chunk: a multiple of every block size (1, 2, 3), 96 kB of int32. */
const CHUNK_SAMPLES = 3 * 2 ** 13;
let chunkScratch = new Int32Array(0);

/** The shared chunk buffer, at least `n` samples long. */
function chunkBuffer(n: number): Int32Array {
  if (chunkScratch.length < n) chunkScratch = new Int32Array(n);
  return chunkScratch;
}

/** The signals of one file and the means to read them. */
export class SignalGroup {
  /** Samples per frame of the whole file. */
  readonly frameSize: number;
  private readonly integrator: DifferenceIntegrator | null;
  private flac: Promise<Int32Array[]> | null = null;
  /** The digital codes the format can hold, for table-driven physical conversion. */
  private readonly codes: CodeRange | null;

  constructor(
    private readonly file: FileSource,
    readonly format: FormatInfo,
    readonly members: readonly GroupMember[],
    private readonly byteOffset: number,
    initialValues: readonly number[],
  ) {
    this.frameSize = members.reduce((n, m) => n + m.spf, 0);
    // Formats of at most 16 bits (all but 8, 24, 32, 524) hold codes from their invalid
    // code, the most negative one, to its negation minus 1.
    const min = format.invalidValue;
    this.codes = !format.isDifference && min !== null && min >= -32768 ? { min, size: -2 * min } : null;
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
   */
  async read(start: number, end: number, frameCount: number, chosen: readonly { member: number; sink: SampleSink }[]): Promise<void> {
    const windows = chosen.map(({ member, sink }) => {
      const m = this.members[member]!;
      const validEnd = Math.max(start, Math.min(end, frameCount - m.skew));
      const count = (validEnd - start) * m.spf;
      return { offset: m.offset, spf: m.spf, skew: m.skew, start, validEnd, count, copy: copierFor(sink, this.codes, count) };
    });
    // File frames [lo, hi) hold every chosen signal's data, skew included.
    const lo = start + Math.min(...windows.map((w) => w.skew));
    const hi = Math.max(...windows.map((w) => w.validEnd + w.skew));
    if (lo < hi) {
      if (this.format.isFlac) await this.readFlac(hi, chosen, windows);
      else if (this.integrator) {
        const data = await this.integrator.read(lo, hi);
        for (const w of windows) copyFrames(data, lo, hi - lo, this.frameSize, w);
      } else {
        const fetched = await this.fetchStream(lo, hi);
        this.decodeChunks(fetched, lo, (data, first, frames) => {
          for (const w of windows) copyFrames(data, first, frames, this.frameSize, w);
        });
      }
    }
    chosen.forEach(({ member, sink }, k) => {
      sink.out.fill(sink.kind === 'digital' ? this.members[member]!.invalid : Number.NaN, windows[k]!.count);
    });
  }

  /** Copies the windows from the decoded FLAC channels (one signal each), which must reach frame `end`. */
  private async readFlac(end: number, chosen: readonly { member: number }[], windows: readonly SignalWindow[]): Promise<void> {
    const channels = await this.flacChannels();
    const short = channels.findIndex((c, j) => c.length < end * this.members[j]!.spf);
    if (short >= 0) {
      throw new WfdbError('wfdb/truncated-signal', this.file.path, `FLAC channel ${short} holds ${channels[short]!.length} samples; frames up to ${end} need ${end * this.members[short]!.spf}`, {
        expectedSamples: end * this.members[short]!.spf,
        foundSamples: channels[short]!.length,
      });
    }
    chosen.forEach(({ member }, k) => {
      const spf = this.members[member]!.spf;
      const channel = channels[member]!;
      // A channel is a stream of frames of this signal alone.
      copyFrames(channel, 0, Math.floor(channel.length / spf), spf, { ...windows[k]!, offset: 0 });
    });
  }

  /** Format 8: the raw differences of file frames [first, end), in a new array. */
  private async decodeDifferences(first: number, end: number): Promise<Int32Array> {
    const fetched = await this.fetchStream(first, end);
    const out = new Int32Array(fetched.need);
    this.decodeChunks(fetched, first, (data, at, frames) => out.set(data.subarray(0, frames * this.frameSize), (at - first) * this.frameSize));
    return out.subarray(0, (end - first) * this.frameSize);
  }

  /** Reads the bytes of file frames [first, end), from the block boundary at or before them. */
  private async fetchStream(first: number, end: number): Promise<FetchedStream> {
    const { samplesPerBlock, bytesPerBlock, format } = this.format;
    const firstSample = first * this.frameSize;
    const block = Math.floor(firstSample / samplesPerBlock);
    const skip = firstSample - block * samplesPerBlock;
    const need = skip + (end - first) * this.frameSize;
    const byteStart = this.byteOffset + block * bytesPerBlock;
    const byteLength = bytesForSamples(format, need);
    return { bytes: await this.file.read(byteStart, byteLength), byteStart, byteLength, skip, need, end };
  }

  /**
   * Decodes fetched bytes a chunk at a time into a small buffer that stays in the CPU
   * cache, calling `visit` with each run of whole frames (first frame `firstFrame`, ...).
   * Synchronous, so the shared buffer is never used by two reads at once.
   * @throws WfdbError 'wfdb/truncated-signal' when the file ends before the frames.
   */
  private decodeChunks(f: FetchedStream, firstFrame: number, visit: (data: Int32Array, first: number, frames: number) => void): void {
    const { format, samplesPerBlock, bytesPerBlock } = this.format;
    const size = this.frameSize;
    const buffer = chunkBuffer(CHUNK_SAMPLES + size);
    let carry = 0; // samples of an incomplete frame kept at the buffer's start
    let frame = firstFrame;
    for (let s = 0; s < f.need; s += CHUNK_SAMPLES) {
      const n = Math.min(CHUNK_SAMPLES, f.need - s);
      const got = decodeSamples(format, f.bytes.subarray((s / samplesPerBlock) * bytesPerBlock), n, buffer, carry);
      if (got < n) throw this.truncated(f);
      const from = s === 0 ? f.skip : 0;
      const frames = Math.floor((carry + n - from) / size);
      visit(buffer.subarray(from), frame, frames);
      frame += frames;
      const used = from + frames * size;
      buffer.copyWithin(0, used, carry + n);
      carry += n - used;
    }
  }

  private truncated(f: FetchedStream): WfdbError {
    // A short read stopped at the end of the file, so the file's size is where it stopped.
    const size = f.byteStart + f.bytes.length;
    return new WfdbError('wfdb/truncated-signal', this.file.path, `the file has ${size} bytes, but frames up to ${f.end} need about ${f.byteStart + f.byteLength}`, {
      expectedBytes: f.byteStart + f.byteLength,
      foundBytes: size,
    });
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
