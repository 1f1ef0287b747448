/**
 * detectQrsChunked and detectRecordQrs on CONSTRUCTED signals (synthetic-ecg.ts).
 */
import { describe, expect, it } from 'vitest';
import { detectQrs, detectQrsChunked, detectRecordQrs, ecgSignalIndices } from '../../../../../src/main/signal/qrs';
import type { RecordSignal, WfdbRecord } from '../../../../../src/main/wfdb';
import { matchBeats, syntheticEcg } from './synthetic-ecg';
import { createPrng } from '../../../../../src/main/ml/training/prng';

const FS = 250;

function irregularBeats(durationSec: number, seed: number): number[] {
  const rand = createPrng(seed).next;
  const out: number[] = [];
  for (let t = 0.5; t < durationSec - 0.5; t += 0.5 + rand() * 0.7) out.push(t);
  return out;
}

describe('detectQrsChunked', () => {
  it('finds the same beats as one whole-signal detection', async () => {
    const beats = irregularBeats(600, 11);
    const x = syntheticEcg({ fs: FS, durationSec: 600, beatsSec: beats, noiseMv: 0.03, seed: 4 });
    const whole = detectQrs([x], FS).samples;
    const chunked = await detectQrsChunked(
      { fs: FS, length: x.length, read: (a, b) => Promise.resolve([x.slice(a, b)]) },
      { chunkSec: 90, marginSec: 30 },
    );
    expect(Array.from(chunked.samples)).toEqual(Array.from(whole));
    expect(matchBeats(chunked.samples, beats, FS)).toMatchObject({ missed: 0, extra: 0 });
  });

  it('reads each chunk with its margins only', async () => {
    const x = syntheticEcg({ fs: FS, durationSec: 300, beatsSec: irregularBeats(300, 2) });
    const reads: Array<[number, number]> = [];
    await detectQrsChunked({ fs: FS, length: x.length, read: (a, b) => { reads.push([a, b]); return Promise.resolve([x.slice(a, b)]); } },
      { chunkSec: 100, marginSec: 10 });
    expect(reads).toEqual([[0, 110 * FS], [90 * FS, 210 * FS], [190 * FS, 300 * FS]]);
  });
});

function signal(index: number, description: string, units: string, samplesPerFrame = 1): RecordSignal {
  return { index, description, units, adcGain: 200, baseline: 0, format: 16, samplesPerFrame, adcResolution: 16,
    adcZero: 0, initialValue: 0, invalidValue: -32768, fileName: 'x.dat' };
}

/** A stand-in for an open record: an ECG in µV at 2 samples per frame and a respiration signal. */
function fakeRecord(ecgUv: Float64Array, resp: Float64Array): WfdbRecord {
  const signals = [signal(0, 'RESP', 'l'), signal(1, 'II', 'uV', 2)];
  return {
    name: 'fake', headerPath: 'fake.hea', header: {} as WfdbRecord['header'], frameRateHz: FS / 2,
    frameCount: resp.length, signals,
    readDigital: () => Promise.reject(new Error('not used')),
    readPhysical: (a, b, which = [0, 1]) => Promise.resolve(which.map((i) => (i === 0 ? resp.slice(a, b) : ecgUv.slice(2 * a, 2 * b)))),
    close: () => Promise.resolve(),
  };
}

describe('ecgSignalIndices', () => {
  it('picks leads by name or voltage units and skips others', () => {
    const rec = { signals: [signal(0, 'RESP', 'l'), signal(1, 'MLII', 'mV'), signal(2, 'ABP', 'mmHg'), signal(3, 'x', 'uV')] };
    expect(ecgSignalIndices(rec)).toEqual([1, 3]);
  });
});

describe('detectRecordQrs', () => {
  it('detects on the ECG signal at the frame rate, converted from µV', async () => {
    const beats = irregularBeats(120, 5);
    const ecg = syntheticEcg({ fs: FS, durationSec: 120, beatsSec: beats, noiseMv: 0.02 }).map((v) => v * 1000);
    const resp = new Float64Array(60 * FS).map((_, i) => Math.sin(i / 100));
    const found = await detectRecordQrs(fakeRecord(ecg, resp));
    expect(found.signals).toEqual([1]);
    expect(found.fs).toBe(FS / 2);
    expect(matchBeats(found.samples, beats, FS / 2)).toMatchObject({ missed: 0, extra: 0 });
  });
});
