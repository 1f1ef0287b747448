/**
 * Turns an open WFDB record into the plain `RecordingInfo` the renderer sees.
 */
import type { AnnotatorInfo, RecordingInfo, SignalInfo } from '../../shared/domain';
import type { RecordSignal, WfdbRecord } from '../wfdb';

/** A signal's display name: its header description, or "signal N" when the header has none. */
export function signalName(signal: Pick<RecordSignal, 'description' | 'index'>): string {
  return signal.description.trim() || `signal ${signal.index}`;
}

/** The renderer's description of an open record. */
export function describeRecord(id: string, record: WfdbRecord, annotators: AnnotatorInfo[]): RecordingInfo {
  const header = record.header;
  const signals: SignalInfo[] = record.signals.map((s) => ({
    index: s.index,
    name: signalName(s),
    units: s.units,
    adcGain: s.adcGain,
    baseline: s.baseline,
    format: s.format,
    samplesPerFrame: s.samplesPerFrame,
    adcResolutionBits: s.adcResolution,
    adcZero: s.adcZero,
  }));
  return {
    id,
    recordName: record.name,
    path: record.headerPath,
    frameRateHz: record.frameRateHz,
    frameCount: record.frameCount,
    durationSec: record.frameCount / record.frameRateHz,
    baseTime: header.record.baseTime,
    baseDate: header.record.baseDate,
    signals,
    comments: [...header.comments],
    segmentCount: header.segments ? header.segments.length : null,
    annotators,
  };
}
