/**
 * Signal quality: marking unreadable stretches of a recording (./mark-noise) and dropping
 * the detected beats inside them (./segments).
 */
export { DEFAULT_QUALITY, markNoise, windowIsNoise, type QualityThresholds } from './mark-noise';
export { dropBeatsInNoise, inNoise, mergeSegments, secondsInNoise, segmentsWithin, type NoiseSegment } from './segments';
export { markRecordNoise, type RecordQualityOptions } from './record';
export { rrFeaturesAcrossGaps } from './rr-across-gaps';
export { windowFeatures, type WindowFeatures } from './window-features';
