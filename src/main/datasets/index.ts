/**
 * Public surface of the datasets module: MIT-BIH beats for the models (AAMI classes, the de
 * Chazal split, the loader with its cache, and per-class counts).
 */
export { AAMI_CLASSES, AAMI_MAP, aamiClassOf, aamiIndexOf, countAamiClasses, emptyAamiCounts, totalOf } from './aami';
export type { AamiClass, AamiCounts } from './aami';
export { DS1_RECORDS, DS2_RECORDS, DE_CHAZAL_COUNTS, MITDB_RECORDS, PACED_RECORDS, recordsOf, splitOf } from './splits';
export type { SplitName } from './splits';
export { chooseLead, loadRecordBeats, loadRecords } from './mitdb';
export type { BeatSource, Detector, LoadOptions } from './mitdb';
export { beatAt, beatsOf } from './beat-set';
export type { Beat, BeatSet, MissedBeat } from './beat-set';
export { applyFilter, DEFAULT_FILTER, NO_FILTER } from './filter-config';
export type { FilterConfig } from './filter-config';
export { matchBeats } from './beat-matching';
export type { BeatMatch } from './beat-matching';
export { BEAT_CACHE_VERSION, DEFAULT_BEAT_CACHE_DIR, beatCacheKey, beatCachePath, readBeatCache, writeBeatCache } from './beat-cache';
export { countBeats } from './counts';
export type { BeatCounts } from './counts';
export { wfdbReaders } from './wfdb-readers';
export type { LeadSignal, RecordReaders, SymbolAt } from './wfdb-readers';
