/**
 * The hot path of every read: each chosen signal's samples go straight from the
 * interleaved stream (a signal file's bytes, or the decoded samples of format 8 and
 * FLAC) into the caller's array, as digital codes or physical values, in one pass. The
 * format's kernels (formats/index.ts) pick one signal out of the stream, so the stream is
 * never decoded into an intermediate array and copied again; it is walked a chunk of
 * frames at a time, small enough to stay in the CPU cache while every signal takes its
 * samples from it. Physical values of a format of at most 16 bits come from a table of
 * every code's value (computed with the same `(digital - baseline) / gain`) when the read
 * is long enough to repay it, which avoids a division per sample; otherwise codes are
 * picked into a small buffer and converted. Two signals whose samples share the format's
 * blocks (the two signals of an MIT-BIH format-212 record) are looked up together by the
 * format's pair kernel, which reads each block once. Outputs are allocated unzeroed
 * (`unwrittenFloat64`): the read writes every element.
 */
import type { PairLookupKernel, StreamKernels } from './formats';

/** Where extracted samples go: digital codes, or physical values. */
export type SampleSink =
  | { kind: 'digital'; out: Int32Array }
  | { kind: 'physical'; out: Float64Array; gain: number; baseline: number; invalid: number | null };

/** The digital codes a format can hold: [min, min + size). */
export interface CodeRange {
  min: number;
  size: number;
}

/** An interleaved sample stream: frames of `frameSize` samples, frame `firstFrame` from sample `origin` of `data`. */
export interface SampleStream<T> {
  data: T;
  kernels: StreamKernels<T>;
  frameSize: number;
  firstFrame: number;
  origin: number;
}

/** Where a chosen signal's samples sit in the stream's frames, and the window asked of it. */
export interface SignalWindow {
  /** Offset of the signal's first sample in a frame, and its samples per frame. */
  offset: number;
  spf: number;
  /** Skew in frames: the signal's frame t is stored in frame t + skew. */
  skew: number;
  /** The window [start, validEnd) in the signal's frames that has data (before the record's end). */
  start: number;
  validEnd: number;
}

/** A window and where its samples go. */
export interface SignalTarget extends SignalWindow {
  sink: SampleSink;
  /** Physical value of every code (from `codes.min`), when the stream's kernels can use one. */
  table: Float64Array | null;
}

/** Stream samples walked per chunk: 16 k samples are at most 64 kB of bytes (format 32). */
const CHUNK_SAMPLES = 16_384;
/** Codes of one signal in a chunk, on their way to physical values. */
const scratch = new Int32Array(CHUNK_SAMPLES);

/**
 * A Float64Array of `n` elements on memory that is not zeroed first, for a read's output,
 * which the read writes whole (every sample of its window, invalid ones included; a read
 * that fails returns nothing). Zeroing reused memory only to overwrite it cost 0.5-0.7 ms
 * of a whole-record read of record 100 (10 MB of outputs). `Buffer.allocUnsafeSlow` gives
 * an ArrayBuffer of exactly that size of its own (not pooled), so the array is its whole
 * buffer, aligned, and a caller may transfer it.
 */
export function unwrittenFloat64(n: number): Float64Array {
  return new Float64Array(Buffer.allocUnsafeSlow(n * Float64Array.BYTES_PER_ELEMENT).buffer, 0, n);
}

/** As `unwrittenFloat64`, for digital outputs. */
export function unwrittenInt32(n: number): Int32Array {
  return new Int32Array(Buffer.allocUnsafeSlow(n * Int32Array.BYTES_PER_ELEMENT).buffer, 0, n);
}

/** The target of `window` writing to `sink`; `codes` is the format's code range when its kernels have a lookup. */
export function signalTarget(window: SignalWindow, sink: SampleSink, codes: CodeRange | null): SignalTarget {
  const count = (window.validEnd - window.start) * window.spf;
  // A table costs one division per code: worth it only when there are more samples.
  const table = sink.kind === 'physical' && codes !== null && count >= codes.size ? physicalTable(sink, codes) : null;
  return { ...window, sink, table };
}

/**
 * Writes to each target the part of its window held by frames [lo, hi) of `stream`,
 * which must hold those frames. Synchronous: the shared scratch buffer is never used by
 * two reads at once.
 */
export function extractFrames<T>(stream: SampleStream<T>, lo: number, hi: number, targets: readonly SignalTarget[]): void {
  const { pairs, singles } = pairTargets(stream, targets);
  const size = stream.frameSize;
  const chunk = Math.max(1, Math.floor(CHUNK_SAMPLES / size));
  for (let c0 = lo; c0 < hi; c0 += chunk) {
    const c1 = Math.min(hi, c0 + chunk);
    for (const p of pairs) {
      const { a } = p;
      const f0 = Math.max(c0, a.start + a.skew);
      const f1 = Math.min(c1, a.validEnd + a.skew);
      const s = stream.origin + (f0 - stream.firstFrame) * size + a.offset;
      if (f0 < f1) p.kernel(stream.data, s, size, f1 - f0, p.outA, p.outB, f0 - a.skew - a.start, p.tableA, p.tableB);
    }
    for (const t of singles) {
      const f0 = Math.max(c0, t.start + t.skew);
      const f1 = Math.min(c1, t.validEnd + t.skew);
      for (let k = 0; f0 < f1 && k < t.spf; k++) {
        const s = stream.origin + (f0 - stream.firstFrame) * size + t.offset + k;
        writeSamples(stream, s, f1 - f0, t, (f0 - t.skew - t.start) * t.spf + k);
      }
    }
  }
}

/** Two targets read together by the stream's pair kernel (`a` gives the window of both). */
interface TargetPair<T> {
  a: SignalTarget;
  kernel: PairLookupKernel<T>;
  outA: Float64Array;
  outB: Float64Array;
  tableA: Float64Array;
  tableB: Float64Array;
}

/**
 * Pairs the targets that the stream's pair kernel can read together: physical values by
 * table, one sample per frame, the same window and skew, at frame offsets o and o + 1
 * with o at an even stream sample (the frame size being even, every frame then holds the
 * two in one block). The others are read one by one.
 */
function pairTargets<T>(stream: SampleStream<T>, targets: readonly SignalTarget[]): { pairs: TargetPair<T>[]; singles: SignalTarget[] } {
  const kernel = stream.kernels.lookupPair;
  const pairs: TargetPair<T>[] = [];
  if (kernel === null || stream.frameSize % 2 !== 0) return { pairs, singles: [...targets] };
  const paired = new Set<SignalTarget>();
  for (const a of targets) {
    if (paired.has(a) || (stream.origin + a.offset) % 2 !== 0) continue;
    const b = targets.find((t) => !paired.has(t) && t.offset === a.offset + 1 && t.skew === a.skew && t.start === a.start && t.validEnd === a.validEnd);
    const [sa, sb] = [a.sink, b?.sink];
    if (b && a.spf === 1 && b.spf === 1 && a.table && b.table && sa.kind === 'physical' && sb?.kind === 'physical') {
      pairs.push({ a, kernel, outA: sa.out, outB: sb.out, tableA: a.table, tableB: b.table });
      paired.add(a).add(b);
    }
  }
  return { pairs, singles: targets.filter((t) => !paired.has(t)) };
}

/** Writes `n` ≤ CHUNK_SAMPLES samples of one signal from stream sample `s`, every frame, to `at`, every spf. */
function writeSamples<T>(stream: SampleStream<T>, s: number, n: number, t: SignalTarget, at: number): void {
  const { data, kernels, frameSize: step } = stream;
  const sink = t.sink;
  if (sink.kind === 'digital') {
    kernels.pick(data, s, step, n, sink.out, at, t.spf);
  } else if (t.table !== null && kernels.lookup !== null) {
    kernels.lookup(data, s, step, n, sink.out, at, t.spf, t.table);
  } else {
    kernels.pick(data, s, step, n, scratch, 0, 1);
    convertCodes(scratch, n, sink.out, at, t.spf, sink.gain, sink.baseline, sink.invalid ?? Number.NaN);
  }
}

/**
 * `(code - baseline) / gain` of `n` codes into `out` from `at`, every `stride`; NaN for
 * `invalid` (NaN when the format has none: it never equals a code). Writing the value,
 * then NaN over it when invalid, compiles to faster code than a conditional expression.
 */
function convertCodes(codes: Int32Array, n: number, out: Float64Array, at: number, stride: number, gain: number, baseline: number, invalid: number): void {
  for (let i = 0; i < n; i++, at += stride) {
    const v = codes[i]!;
    out[at] = (v - baseline) / gain;
    if (v === invalid) out[at] = Number.NaN;
  }
}

/** The physical value of every code of `codes` (NaN for the invalid code). */
function physicalTable(sink: Extract<SampleSink, { kind: 'physical' }>, codes: CodeRange): Float64Array {
  const table = new Float64Array(codes.size);
  for (let i = 0; i < codes.size; i++) {
    const v = codes.min + i;
    table[i] = v === sink.invalid ? Number.NaN : (v - sink.baseline) / sink.gain;
  }
  return table;
}

/** Kernels of a stream of decoded samples (format 8 once integrated, FLAC channels). */
export const DECODED_KERNELS: StreamKernels<Int32Array> = {
  pick(data, s, step, n, out, at, stride) {
    if (step === 1 && stride === 1) out.set(data.subarray(s, s + n), at);
    else for (const end = at + n * stride; at < end; at += stride, s += step) out[at] = data[s]!;
  },
  lookup: null,
  lookupPair: null,
};
