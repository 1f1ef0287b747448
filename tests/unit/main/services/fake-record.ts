/**
 * An in-memory WfdbRecord over given physical values, for testing the services' reductions
 * without files. Only what the services use is real; the header is a minimal stand-in.
 */
import type { RecordSignal, WfdbRecord } from '../../../../src/main/wfdb';

/** `values[i]` holds signal i's samples, `samplesPerFrame[i]` per frame (NaN = invalid). */
export function fakeRecord(values: Float64Array[], frameRateHz: number, samplesPerFrame: number[] = values.map(() => 1)): WfdbRecord & { reads: [number, number][] } {
  const frameCount = Math.floor((values[0]?.length ?? 0) / (samplesPerFrame[0] ?? 1));
  const signals: RecordSignal[] = values.map((_, index) => ({
    index,
    description: `s${index}`,
    units: 'mV',
    adcGain: 200,
    baseline: 0,
    format: 16,
    samplesPerFrame: samplesPerFrame[index] ?? 1,
    adcResolution: 16,
    adcZero: 0,
    initialValue: 0,
    invalidValue: -32768,
    fileName: 'fake.dat',
  }));
  const reads: [number, number][] = [];
  const readPhysical = async (start: number, end: number, chosen?: readonly number[]): Promise<Float64Array[]> => {
    reads.push([start, end]);
    return (chosen ?? signals.map((s) => s.index)).map((i) => {
      const spf = samplesPerFrame[i] ?? 1;
      return (values[i] as Float64Array).slice(start * spf, end * spf);
    });
  };
  return {
    name: 'fake',
    headerPath: '/fake/fake.hea',
    header: {} as WfdbRecord['header'],
    frameRateHz,
    frameCount,
    signals,
    readDigital: async () => {
      throw new Error('not used');
    },
    readPhysical,
    close: async () => undefined,
    reads,
  };
}
