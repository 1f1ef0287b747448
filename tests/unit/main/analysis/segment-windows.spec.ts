import { describe, expect, it } from 'vitest';
import { alignmentFrames, analysisLead, windowPicked, windowSegment, type WindowingConfig } from '../../../../src/main/analysis/segment-windows';
import { applyFilter, DEFAULT_FILTER } from '../../../../src/main/datasets/filter-config';
import { extractBeatWindows } from '../../../../src/main/signal/beat-windows';
import { fakeRecord, syntheticEcg } from './fake-record';

const CONFIG: WindowingConfig = {
  window: { rateHz: 180, length: 180, placement: { kind: 'centred', beforeSamples: 90 }, normalisation: 'zscore', padding: 'edge' },
  filter: DEFAULT_FILTER,
};

describe('alignmentFrames', () => {
  it('gives the frames per whole number of model samples', () => {
    expect(alignmentFrames(360, 1, 180)).toBe(2);
    expect(alignmentFrames(250, 1, 180)).toBe(25);
    expect(alignmentFrames(360, 2, 180)).toBe(1);
    expect(alignmentFrames(180, 1, 180)).toBe(1);
    expect(alignmentFrames(128.5, 1, 180)).toBe(1);
  });
});

describe('analysisLead', () => {
  it('picks MLII, else the first signal, with its rate', () => {
    const values = new Float64Array(20);
    expect(analysisLead(fakeRecord(360, [{ description: 'V1', values }, { description: 'MLII', values }])).index).toBe(1);
    const lead = analysisLead(fakeRecord(250, [{ description: 'ECG', values, samplesPerFrame: 2 }]));
    expect(lead).toMatchObject({ index: 0, fs: 500, samplesPerFrame: 2 });
  });
});

describe('windowSegment', () => {
  const fs = 360;
  const peaks = Array.from({ length: 70 }, (_, i) => Math.round((0.3 + i * 0.83) * fs));
  const values = syntheticEcg(fs, 60, peaks);
  const record = fakeRecord(fs, [{ description: 'MLII', values }]);
  const whole = extractBeatWindows(applyFilter(values, fs, CONFIG.filter), fs, peaks, CONFIG.window);

  it('cuts from a segment the windows the whole-record loader cuts (interior and record ends)', async () => {
    for (const [from, to] of [[20, 30], [0, 3], [65, 70], [31, 32]] as const) {
      const frames = Int32Array.from(peaks.slice(from, to));
      const { windows } = await windowSegment(record, analysisLead(record), frames, CONFIG);
      const expected = whole.data.subarray(from * 180, to * 180);
      let maxDiff = 0;
      for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(windows[i]! - expected[i]!));
      expect(maxDiff, `beats ${from}..${to}`).toBeLessThan(1e-5);
    }
  });

  it('cuts the neighbour differences the loader cuts, taking the neighbours from beyond the range', async () => {
    const config: WindowingConfig = { ...CONFIG, window: { ...CONFIG.window, difference: { neighbours: 4 } } };
    const loader = extractBeatWindows(applyFilter(values, fs, config.filter), fs, peaks, config.window);
    const all = Int32Array.from(peaks);
    for (const [start, end] of [[20, 30], [0, 3], [65, 70], [31, 32], [0, 70]] as const) {
      const { windows, differences } = await windowSegment(record, analysisLead(record), all, config, { start, end });
      expect(windows).toHaveLength((end - start) * 180);
      const expected = loader.differences!.subarray(start * 180, end * 180);
      let maxDiff = 0;
      for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(differences![i]! - expected[i]!));
      expect(maxDiff, `beats ${start}..${end}`).toBeLessThan(1e-4);
    }
    await expect(windowSegment(record, analysisLead(record), all, config, { start: 5, end: 71 })).rejects.toThrow(/not within the 70 beats/);
  });

  it('cuts picked beats among all their neighbours, leaving out the rows of the beats between them', async () => {
    const config: WindowingConfig = { ...CONFIG, window: { ...CONFIG.window, difference: { neighbours: 4 } } };
    const loader = extractBeatWindows(applyFilter(values, fs, config.filter), fs, peaks, config.window);
    const picks = [20, 22, 27];
    const out = await windowPicked(record, analysisLead(record), Int32Array.from(peaks), config, picks);
    expect(out.windowStarts).toHaveLength(3);
    picks.forEach((beat, k) => {
      const [w, d] = [out.windows.subarray(k * 180, (k + 1) * 180), out.differences!.subarray(k * 180, (k + 1) * 180)];
      w.forEach((v, j) => expect(Math.abs(v - loader.data[beat * 180 + j]!)).toBeLessThan(1e-5));
      d.forEach((v, j) => expect(Math.abs(v - loader.differences![beat * 180 + j]!)).toBeLessThan(1e-4));
      expect(out.windowStarts[k]).toBe(Math.round(peaks[beat]! / 2) - 90);
    });
  });

  it('reads only a segment around the beats, and tells where each window starts at the model rate', async () => {
    const frames = Int32Array.from(peaks.slice(40, 42));
    let read: [number, number] = [0, 0];
    const spy = { ...record, readPhysical: (s: number, e: number, w?: readonly number[]) => ((read = [s, e]), record.readPhysical(s, e, w)) };
    const { windowStarts } = await windowSegment(spy, analysisLead(record), frames, CONFIG);
    expect(read[1] - read[0]).toBeLessThan(12 * fs);
    expect(read[0] % 2).toBe(0);
    expect([...windowStarts]).toEqual([...frames].map((f) => Math.round(f / 2) - 90));
  });

  it('gives nothing for no beats', async () => {
    const out = await windowSegment(record, analysisLead(record), new Int32Array(0), CONFIG);
    expect(out.windows.length).toBe(0);
  });
});
