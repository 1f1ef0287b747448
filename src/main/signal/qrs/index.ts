/**
 * QRS detection: the public surface (see detect.ts for the method and its sources).
 */
export { detectQrs, type QrsDetection, type QrsOptions } from './detect';
export { detectQrsChunked, type ChunkedQrsOptions, type LeadSource } from './chunked';
export { detectRecordQrs, ecgSignalIndices, type RecordQrsDetection, type RecordQrsOptions } from './record';
export { DEFAULT_FEATURE, type FeatureParams } from './feature';
export { DEFAULT_FUSION, type FusionParams } from './fuse';
export { DEFAULT_DECISION, type DecisionParams } from './decide';
