/**
 * The WFDB header format (header(5), WFDB Applications Guide 10.7) as data: the types a
 * parsed header has, the field grammar as named-group regexes, the read defaults and the
 * limits beyond which a header is refused as implausible.
 *
 * Decisions (read defaults, header(5) "Signal specification lines"):
 * - A signal field that is absent takes its spec default, so every `SignalSpec` field is a
 *   plain value: samples per frame 1, skew 0, byte offset 0, ADC gain 200 (also when written
 *   as 0: WFDB's "uncalibrated", WFDB_DEFGAIN), baseline = ADC zero, units "mV", ADC
 *   resolution the format's default (also when written as 0), ADC zero 0, initial value =
 *   ADC zero, block size 0, description "". Only the checksum stays `null` when absent:
 *   "no checksum" is not a value.
 * - Record-line fields that are absent stay `null` (number of segments, counter frequency,
 *   base counter, length, base time, base date): their absence means something (a length
 *   of `null` makes the reader size the record from its signal file). The sampling
 *   frequency defaults to 250 Hz (WFDB_DEFFREQ).
 * - `formatHeader` writes every signal field explicitly up to the last one that is not at
 *   its default, so `parseHeader(formatHeader(h))` equals `h`.
 * - Limits refuse a header before anything is allocated from its numbers (10^6 signals,
 *   10^12 samples): see `HEADER_LIMITS`.
 */

/** The record line: the first non-empty, non-comment line. */
export interface RecordLine {
  /** Letters, digits, `_` (and `-`, which PhysioNet record names use). */
  recordName: string;
  /** Number of segments (`name/N`); `null` for an ordinary (single-segment) record. */
  nSeg: number | null;
  /** Number of signals. */
  nSig: number;
  /** Sampling frequency in frames per second (Hz); 250 when absent. */
  fs: number;
  /** Counter frequency (`fs/cf`) in counts per second; `null` when absent (then equal to fs). */
  counterFreq: number | null;
  /** Base counter value (`fs/cf(base)`); `null` when absent (then 0). */
  baseCounter: number | null;
  /** Number of frames ("samples per signal"); `null` when absent. 0 also means unknown. */
  sigLen: number | null;
  /** Base time as written, `HH:MM:SS[.fff]`, `MM:SS` or `SS`; `null` when absent. */
  baseTime: string | null;
  /** Base date as written, `DD/MM/YYYY`; `null` when absent. */
  baseDate: string | null;
}

/** One signal specification line, with read defaults applied (see the file note). */
export interface SignalSpec {
  /** Signal file name, relative to the header's folder; `~` for a null signal (no file). */
  fileName: string;
  /** Format code (signal(5)), e.g. 212; 0 for a null signal. */
  fmt: number;
  /** Samples per frame (`fmt x N`). */
  sampsPerFrame: number;
  /** Skew in frames (`fmt :N`): sample t of this signal is stored in frame t + skew. */
  skew: number;
  /** Byte offset of the first sample in the file (`fmt +N`). */
  byteOffset: number;
  /** ADC units per physical unit. */
  adcGain: number;
  /** Digital value of physical zero (`gain(baseline)`). */
  baseline: number;
  /** Physical units (`gain/units`). */
  units: string;
  /** ADC resolution in bits. */
  adcRes: number;
  /** Digital value of the ADC's mid-range. */
  adcZero: number;
  /** Value of the first sample (the integration start of format 8). */
  initValue: number;
  /** 16-bit sum of all samples; `null` when absent. */
  checksum: number | null;
  /** Block size in bytes (0: not a block device). */
  blockSize: number;
  /** Signal description (may contain spaces); "" when absent. */
  description: string;
}

/** One segment line of a multi-segment header. */
export interface SegmentSpec {
  /** Segment record name; `~` for a null segment (no samples). */
  segName: string;
  /** Frames in the segment; 0 for a layout segment. */
  segLen: number;
}

/** A parsed header file. */
export interface WfdbHeader {
  record: RecordLine;
  /** Signal lines (empty for a multi-segment header). */
  signals: SignalSpec[];
  /** Segment lines; `null` for a single-segment header. */
  segments: SegmentSpec[] | null;
  /** Every comment line, in order: the text after `#`. */
  comments: string[];
  /**
   * Info strings (header(5) "Info strings"): the comment lines after the last specification
   * line, a suffix of `comments`. They usually hold the patient's age, sex and medication.
   */
  info: string[];
}

/** WFDB_DEFFREQ: sampling frequency when the record line gives none. */
export const DEFAULT_FS = 250;
/** WFDB_DEFGAIN: ADC gain when a signal line gives none or 0. */
export const DEFAULT_ADC_GAIN = 200;
/** Units when a signal line gives none. */
export const DEFAULT_UNITS = 'mV';
/** WFDB_DEFRES: ADC resolution for a format without one of its own. */
export const DEFAULT_ADC_RES = 12;
/** File name of a null signal and segment name of a null segment. */
export const NULL_NAME = '~';

/** Bounds beyond which a header is refused (wfdb/header-field) as implausible. */
export const HEADER_LIMITS = {
  /** Signals per record (high-density EEG has a few hundred). */
  maxSignals: 4096,
  /** Segments per multi-segment record (MIMIC waveform records have thousands). */
  maxSegments: 1_000_000,
  /** Samples per frame of one signal. */
  maxSampsPerFrame: 1_000_000,
  /** Frames per record or segment: 2^36, about 2 years at 1 kHz. */
  maxFrames: 2 ** 36,
  /** Skew in frames. */
  maxSkew: 2 ** 36,
  /** Byte offset into a signal file. */
  maxByteOffset: 2 ** 48,
  /** Sampling frequency in Hz. */
  maxFs: 1e9,
  /** ADC resolution in bits. */
  maxAdcRes: 32,
  /** Header text length in characters. */
  maxTextLength: 64 * 1024 * 1024,
} as const;

// Numbers as they appear in headers: 360, 62.4725, .5, 1.052e+04, 2.4011e-11.
const NUM = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;

/**
 * First field of the record line. Grammar: `RECORD_NAME[/N_SEG]`.
 */
export const RX_RECORD_NAME = /^(?<recordName>[-\w]+)(?:\/(?<nSeg>\d+))?$/;

/**
 * Frequency field of the record line. Grammar: `FS[/COUNTER_FREQ[(BASE_COUNTER)]]`.
 */
export const RX_FREQUENCY = new RegExp(
  String.raw`^(?<fs>${NUM})(?:\/(?<counterFreq>${NUM})(?:\((?<baseCounter>-?${NUM})\))?)?$`,
);

/**
 * Base time. Grammar: `[[HH:]MM:]SS[.fff]` (header(5): "in HH:MM:SS format").
 */
export const RX_BASE_TIME = /^(?:(?:(?<hours>\d{1,2}):)?(?<minutes>\d{1,2}):)?(?<seconds>\d{1,2}(?:\.\d*)?)$/;

/**
 * Base date. Grammar: `DD/MM/YYYY`.
 */
export const RX_BASE_DATE = /^(?<day>\d{1,2})\/(?<month>\d{1,2})\/(?<year>\d{1,4})$/;

/**
 * Format field of a signal line. Grammar: `FORMAT[xSAMPS_PER_FRAME][:SKEW][+BYTE_OFFSET]`.
 */
export const RX_FORMAT = /^(?<fmt>\d+)(?:x(?<sampsPerFrame>\d+))?(?::(?<skew>\d+))?(?:\+(?<byteOffset>\d+))?$/;

/**
 * Gain field of a signal line. Grammar: `ADC_GAIN[(BASELINE)][/UNITS]` (units: no spaces).
 */
export const RX_GAIN = new RegExp(
  String.raw`^(?<adcGain>-?${NUM})(?:\((?<baseline>-?\d+)\))?(?:\/(?<units>\S+))?$`,
);

/** An unsigned integer field (samples, resolution, block size, segment length). */
export const RX_UNSIGNED = /^\d+$/;

/** A signed integer field (ADC zero, initial value, checksum). */
export const RX_SIGNED = /^-?\d+$/;

/** A signal file name: anything without spaces that does not start a comment. */
export const RX_FILE_NAME = /^[^#\s]\S*$/;

/** A segment name: a record name, or `~` for a null segment. */
export const RX_SEGMENT_NAME = /^(?:[-\w]+|~)$/;
