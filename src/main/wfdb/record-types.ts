/**
 * The record layer's public types: an open WFDB record and its signals (see
 * `openRecord` in record.ts).
 */
import type { FileProvider } from './file-source';
import type { WfdbHeader } from './header-spec';

/** One signal of an open record, with the header's read defaults applied. */
export interface RecordSignal {
  /** Position in the record (0-based), the index `readDigital` takes. */
  index: number;
  /** The header's description ("" when it gives none). */
  description: string;
  /** Physical units, e.g. "mV". */
  units: string;
  /** ADC units per physical unit. */
  adcGain: number;
  /** Digital value of physical zero. */
  baseline: number;
  /** Signal format (signal(5)); 0 for a null signal or a signal of a layout segment. */
  format: number;
  /** Samples per frame (the signal's rate is frameRateHz × samplesPerFrame). */
  samplesPerFrame: number;
  /** ADC resolution in bits. */
  adcResolution: number;
  /** Digital value of the ADC's mid-range. */
  adcZero: number;
  /** Value of the first sample. */
  initialValue: number;
  /**
   * Digital code that marks an invalid sample in `readDigital` output: the format's code
   * (-2048 for 212, -32768 for 16, ...), -32768 (WFDB_INVALID_SAMPLE) for null signals and
   * for the signals of a variable-layout record, null for format 8 without skew (which has
   * no invalid samples).
   */
  invalidValue: number | null;
  /** Signal file name relative to the header, `~` for a null signal. */
  fileName: string;
}

/** An open record: single-segment, or multi-segment joined into one. */
export interface WfdbRecord {
  /** Record name from the header. */
  readonly name: string;
  /** The header file it was opened from. */
  readonly headerPath: string;
  readonly header: WfdbHeader;
  /** Frames per second (the header's sampling frequency). */
  readonly frameRateHz: number;
  /** Frames in the record: from the header, or from the signal file size when absent. */
  readonly frameCount: number;
  readonly signals: readonly RecordSignal[];
  /**
   * Digital samples of frames [startFrame, endFrame) for the chosen signals (default all),
   * one Int32Array per chosen signal holding samplesPerFrame samples per frame; invalid
   * samples keep their format's invalid code (see `RecordSignal.invalidValue`). Reads only
   * the bytes needed.
   * @throws WfdbError 'wfdb/range' (window or signal index out of range, a window of more
   *   than `MAX_READ_SAMPLES` samples, or `options.into` that does not fit the window),
   *   'wfdb/truncated-signal', 'wfdb/missing-file', 'wfdb/unsupported-format',
   *   'wfdb/header-field' (a segment that does not fit its record).
   */
  readDigital(startFrame: number, endFrame: number, signals?: readonly number[], options?: ReadOptions<Int32Array>): Promise<Int32Array[]>;
  /** Same, in physical units ((digital - baseline) / adcGain), NaN where invalid. */
  readPhysical(startFrame: number, endFrame: number, signals?: readonly number[], options?: ReadOptions<Float64Array>): Promise<Float64Array[]>;
  /** Releases the open files. */
  close(): Promise<void>;
}

/** Options of a read (`readDigital`, `readPhysical`). */
export interface ReadOptions<A extends Int32Array | Float64Array> {
  /**
   * The arrays to write the samples into and return, one per chosen signal, each exactly
   * as long as its window (frames × samplesPerFrame), no two sharing memory; what they
   * hold after a read that throws is unspecified. A caller that reads again and again
   * reuses them, and spares the system faulting in fresh memory: record 100 read whole in
   * physical units fills 10 MB, whose first touch cost up to 6 ms of page faults on a
   * 2-core VM, more than the read itself.
   */
  into?: readonly A[];
}

/** Options of `openRecord`. */
export interface OpenRecordOptions {
  /** Where files come from; the disk (`nodeFiles()`) by default. */
  files?: FileProvider;
}
