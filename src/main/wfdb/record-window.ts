/**
 * What single- and multi-segment records share: checking a read window, building
 * `RecordSignal`s from signal lines, and the conversion to physical units.
 */
import { WfdbError } from '../../shared/errors';
import { getFormat } from './formats';
import { NULL_NAME, type SignalSpec } from './header-spec';
import type { RecordSignal } from './record-types';

/** WFDB_INVALID_SAMPLE: the WFDB library's code for a sample that does not exist. */
export const WFDB_INVALID_SAMPLE = -32768;

/**
 * Most samples (all chosen signals together) one read may return: 2^28, 1 GiB of
 * Int32Array. A larger window is refused rather than allocated; read it in pieces.
 */
export const MAX_READ_SAMPLES = 2 ** 28;

/** The window and signals of a read, checked. */
export interface ReadWindow {
  start: number;
  end: number;
  /** Indices of the chosen signals. */
  chosen: number[];
}

/**
 * Checks a read request against the record.
 * @throws WfdbError 'wfdb/range' naming the record when a frame or signal is out of range
 *   or the window holds more than MAX_READ_SAMPLES samples.
 */
export function checkWindow(
  headerPath: string,
  frameCount: number,
  signals: readonly RecordSignal[],
  start: number,
  end: number,
  requested?: readonly number[],
): ReadWindow {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > frameCount) {
    throw new WfdbError('wfdb/range', headerPath, `frames [${start}, ${end}) are not within the record's ${frameCount} frames`, {
      startFrame: String(start),
      endFrame: String(end),
      frameCount,
    });
  }
  const chosen = requested ? [...requested] : signals.map((s) => s.index);
  let total = 0;
  for (const i of chosen) {
    const signal = Number.isInteger(i) ? signals[i] : undefined;
    if (signal === undefined) {
      throw new WfdbError('wfdb/range', headerPath, `there is no signal ${i}; the record has ${signals.length}`, { signal: String(i) });
    }
    total += (end - start) * signal.samplesPerFrame;
  }
  if (total > MAX_READ_SAMPLES) {
    throw new WfdbError('wfdb/range', headerPath, `frames [${start}, ${end}) hold ${total} samples, more than ${MAX_READ_SAMPLES} in one read; read it in pieces`, {
      samples: total,
    });
  }
  return { start, end, chosen };
}

/**
 * The output arrays of the read `w`: `into`, checked (one array per chosen signal, each
 * as long as the signal's window, no array twice), or new arrays from `make`.
 * @throws WfdbError 'wfdb/range' naming the record when `into` does not fit the window.
 */
export function readOutputs<A extends Int32Array | Float64Array>(
  headerPath: string,
  signals: readonly RecordSignal[],
  w: ReadWindow,
  into: readonly A[] | undefined,
  make: (length: number) => A,
): A[] {
  const lengths = w.chosen.map((i) => (w.end - w.start) * signals[i]!.samplesPerFrame);
  if (into === undefined) return lengths.map(make);
  if (into.length !== lengths.length || into.some((a, k) => a.length !== lengths[k]) || new Set(into).size !== into.length) {
    throw new WfdbError('wfdb/range', headerPath, `the arrays to read into (lengths ${into.map((a) => a.length).join(', ')}) must be ${lengths.length} distinct arrays of lengths ${lengths.join(', ')}`, {
      expected: lengths.join(','),
      found: into.map((a) => a.length).join(','),
    });
  }
  return [...into];
}

/** True for a signal with no samples stored: file `~` or format 0. */
export function isNullSignal(spec: SignalSpec): boolean {
  return spec.fileName === NULL_NAME || spec.fmt === 0;
}

/**
 * The `RecordSignal` of a signal line.
 * @throws WfdbError 'wfdb/unsupported-format' for a stored signal of an unknown format.
 */
export function makeRecordSignal(spec: SignalSpec, index: number, headerPath: string): RecordSignal {
  const format = isNullSignal(spec) ? null : getFormat(spec.fmt, headerPath);
  const invalid = format === null ? WFDB_INVALID_SAMPLE : (format.invalidValue ?? (spec.skew > 0 ? WFDB_INVALID_SAMPLE : null));
  return {
    index,
    description: spec.description,
    units: spec.units,
    adcGain: spec.adcGain,
    baseline: spec.baseline,
    format: spec.fmt,
    samplesPerFrame: spec.sampsPerFrame,
    adcResolution: spec.adcRes,
    adcZero: spec.adcZero,
    initialValue: spec.initValue,
    invalidValue: invalid,
    fileName: spec.fileName,
  };
}

/** (digital - baseline) / gain for each sample, NaN where the sample is `invalid`. */
export function toPhysical(digital: Int32Array, signal: Pick<RecordSignal, 'adcGain' | 'baseline' | 'invalidValue'>): Float64Array {
  const out = new Float64Array(digital.length);
  const { adcGain, baseline } = signal;
  const invalid = signal.invalidValue ?? Number.NaN; // NaN never equals a sample
  for (let i = 0; i < digital.length; i++) {
    const v = digital[i]!;
    out[i] = v === invalid ? Number.NaN : (v - baseline) / adcGain;
  }
  return out;
}
