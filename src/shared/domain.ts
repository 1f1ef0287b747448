/**
 * Plain data exchanged between the services and the renderer. No Electron, Node or DOM
 * types here: this module compiles for both sides. Units are in the names.
 */

/** One signal (channel) of an open recording, as its header describes it. */
export interface SignalInfo {
  /** Position of the signal in the header, from 0. */
  index: number;
  /** Description from the header (e.g. "MLII"), or "signal N" when absent. */
  name: string;
  /** Physical units (e.g. "mV"). */
  units: string;
  /** ADC units per physical unit. */
  adcGain: number;
  baseline: number;
  /** WFDB storage format code (212, 16, …). */
  format: number;
  /** Samples of this signal in each frame (usually 1). */
  samplesPerFrame: number;
  adcResolutionBits: number;
  adcZero: number;
}

/** A count of annotations per annotator file next to the record (e.g. "atr"). */
export interface AnnotatorInfo {
  name: string;
  count: number;
}

/** What the renderer knows of an open recording. */
export interface RecordingInfo {
  /** Opaque handle for later calls; valid until the services restart. */
  id: string;
  recordName: string;
  /** Where the header was read from, for display and the recent list. */
  path: string;
  /** Frames per second. */
  frameRateHz: number;
  /** Number of frames, or null when the header does not say. */
  frameCount: number | null;
  durationSec: number | null;
  /** ISO-like base time and date from the header when present ("HH:MM:SS", "DD/MM/YYYY"). */
  baseTime: string | null;
  baseDate: string | null;
  signals: SignalInfo[];
  comments: string[];
  /** Number of segments of a multi-segment record, null for a single-segment one. */
  segmentCount: number | null;
  annotators: AnnotatorInfo[];
}

/** Samples of some signals over [startFrame, endFrame), in physical units. */
export interface SignalWindow {
  recordingId: string;
  startFrame: number;
  endFrame: number;
  frameRateHz: number;
  signals: WindowSignal[];
}

export interface WindowSignal {
  index: number;
  name: string;
  units: string;
  samplesPerFrame: number;
  /**
   * Physical values, `samplesPerFrame` per frame, null where the sample is invalid.
   * When `decimated` is set, values come in (min, max) pairs, one pair per bin of
   * `framesPerBin` frames, so that peaks survive the reduction.
   */
  values: (number | null)[];
  decimated: { framesPerBin: number } | null;
}

/** Min/max envelope of one signal over the whole recording, for the overview strip. */
export interface SignalOverview {
  recordingId: string;
  signalIndex: number;
  binDurationSec: number;
  min: (number | null)[];
  max: (number | null)[];
}

/** One annotation as the renderer shows it. */
export interface AnnotationMark {
  /** Frame (sample) number from the start of the record. */
  sample: number;
  timeSec: number;
  /** MIT symbol ("N", "V", "+", …). */
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string | null;
}

/** A recording shipped with the app. */
export interface SampleRecording {
  name: string;
  path: string;
  description: string;
}

export interface RecentRecording {
  path: string;
  recordName: string;
  /** ISO 8601 time of the last opening. */
  openedAt: string;
}

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'loopback';
  /** Whether the native open-file dialog exists (Electron only). */
  hasNativeDialog: boolean;
}

/**
 * The TensorFlow.js backend the services use for the models (tfjs-node-gpu, tfjs-node,
 * wasm or cpu), why it was chosen, and why the better ones were not.
 */
export interface MlBackendInfo {
  /** tfjs backend name now active ('tensorflow' for both native packages). */
  name: string;
  reason: string;
  tried: { name: string; ok: boolean; why: string }[];
}

/** Progress of a long task (analysis, training), sent as an event. */
export interface TaskProgress {
  taskId: string;
  label: string;
  /** 0..1, or null when unknown. */
  fraction: number | null;
  message: string;
}
