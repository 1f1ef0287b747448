/**
 * The hot path of every read: copying one signal's samples out of decoded frames into the
 * caller's array, as digital codes or physical values. The loops are kept monomorphic
 * (one array type each) with a one-sample-per-frame case, so that V8 compiles them to
 * tight code. Physical values of a format of at most 16 bits come from a table of every
 * code's value (computed with the same `(digital - baseline) / gain`) when the window is
 * long enough to repay it, which avoids a division per sample.
 */

/** Where extracted samples go: digital codes, or physical values. */
export type SampleSink =
  | { kind: 'digital'; out: Int32Array }
  | { kind: 'physical'; out: Float64Array; gain: number; baseline: number; invalid: number | null };

/** The digital codes a format can hold: [min, min + size). */
export interface CodeRange {
  min: number;
  size: number;
}

/**
 * Copies `n` samples of one signal, `spf` at a time every `stride` samples of `data` from
 * `from`, into the sink's array from index `at`.
 */
export type Copier = (data: Int32Array, from: number, stride: number, spf: number, n: number, at: number) => void;

/** The copier of a sink that will receive `count` samples; `codes` is the format's code range, if small. */
export function copierFor(sink: SampleSink, codes: CodeRange | null, count: number): Copier {
  if (sink.kind === 'digital') {
    const out = sink.out;
    return (data, from, stride, spf, n, at) => copyDigital(data, from, stride, spf, n, out, at);
  }
  const { out, gain, baseline } = sink;
  if (codes !== null && count >= codes.size) {
    const table = physicalTable(sink, codes);
    return (data, from, stride, spf, n, at) => copyPhysicalTable(data, from, stride, spf, n, out, at, table, codes.min, gain, baseline);
  }
  const invalid = sink.invalid ?? Number.NaN; // NaN never equals a sample
  return (data, from, stride, spf, n, at) => copyPhysical(data, from, stride, spf, n, out, at, gain, baseline, invalid);
}

/** Where a signal's samples sit in decoded frames, and the window asked of it. */
export interface SignalWindow {
  /** Offset of the signal's first sample in a frame, and its samples per frame. */
  offset: number;
  spf: number;
  /** Skew in frames: the signal's frame t is stored in frame t + skew. */
  skew: number;
  /** The window [start, validEnd) in the signal's frames that has data (before the record's end). */
  start: number;
  validEnd: number;
  copy: Copier;
}

/**
 * Copies to a signal the part of its window held by decoded frames [first, first + frames)
 * of `data` (`frameSize` samples per frame).
 */
export function copyFrames(data: Int32Array, first: number, frames: number, frameSize: number, w: SignalWindow): void {
  const f0 = Math.max(first, w.start + w.skew);
  const f1 = Math.min(first + frames, w.validEnd + w.skew);
  if (f1 <= f0) return;
  w.copy(data, (f0 - first) * frameSize + w.offset, frameSize, w.spf, (f1 - f0) * w.spf, (f0 - w.skew - w.start) * w.spf);
}

function copyDigital(data: Int32Array, from: number, stride: number, spf: number, n: number, out: Int32Array, at: number): void {
  if (stride === spf) {
    out.set(data.subarray(from, from + n), at);
  } else if (spf === 1) {
    for (let i = at, src = from, e = at + n; i < e; i++, src += stride) out[i] = data[src]!;
  } else {
    for (let i = at, src = from, e = at + n; i < e; src += stride) {
      for (let k = 0; k < spf; k++) out[i++] = data[src + k]!;
    }
  }
}

/**
 * As copyDigital, converting to physical units; `invalid` is NaN when the format has none.
 * (Writing the value, then NaN over it when invalid, compiles to faster code than a
 * conditional expression.)
 */
function copyPhysical(data: Int32Array, from: number, stride: number, spf: number, n: number, out: Float64Array, at: number, gain: number, baseline: number, invalid: number): void {
  for (let i = at, src = from, e = at + n; i < e; src += stride) {
    for (let k = 0; k < spf; k++, i++) {
      const v = data[src + k]!;
      out[i] = (v - baseline) / gain;
      if (v === invalid) out[i] = Number.NaN;
    }
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

/**
 * As copyPhysical, looking values up in `table` (codes from `min`); a code outside the
 * table (which a decoder never yields) is computed.
 */
function copyPhysicalTable(data: Int32Array, from: number, stride: number, spf: number, n: number, out: Float64Array, at: number, table: Float64Array, min: number, gain: number, baseline: number): void {
  const size = table.length;
  if (spf === 1) {
    for (let i = at, src = from, e = at + n; i < e; i++, src += stride) {
      const v = data[src]!;
      const code = v - min;
      out[i] = code >= 0 && code < size ? table[code]! : (v - baseline) / gain;
    }
    return;
  }
  for (let i = at, src = from, e = at + n; i < e; src += stride) {
    for (let k = 0; k < spf; k++, i++) {
      const v = data[src + k]!;
      const code = v - min;
      out[i] = code >= 0 && code < size ? table[code]! : (v - baseline) / gain;
    }
  }
}
