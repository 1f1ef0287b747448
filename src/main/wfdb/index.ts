/**
 * The WFDB folder's public surface: headers, records, file access and formats. Code
 * outside `wfdb/` imports from here only.
 */

// Headers (header(5)).
export { parseHeader, formatHeader } from './header';
export {
  DEFAULT_ADC_GAIN,
  DEFAULT_ADC_RES,
  DEFAULT_FS,
  DEFAULT_UNITS,
  HEADER_LIMITS,
  NULL_NAME,
  type RecordLine,
  type SegmentSpec,
  type SignalSpec,
  type WfdbHeader,
} from './header-spec';

// Records: single- and multi-segment, windowed reads.
export { openRecord, readHeaderFile, MAX_HEADER_BYTES } from './record';
export type { OpenRecordOptions, ReadOptions, RecordSignal, WfdbRecord } from './record-types';
export { MAX_READ_SAMPLES, WFDB_INVALID_SAMPLE, toPhysical } from './record-window';

// File access.
export { decodeHeaderText, memoryFiles, nodeFiles, siblingPath, type FileProvider, type FileSource } from './file-source';

// Signal formats (signal(5)).
export { getFormat, SUPPORTED_FORMATS, type FormatInfo } from './formats';

// Annotations (MIT format, annotations(5)).
export * from './annotation';
