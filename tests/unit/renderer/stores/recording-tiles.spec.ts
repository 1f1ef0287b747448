import { describe, expect, it } from 'vitest';
import { RecordingTiles, TILE_SEC, clipPoints, mergeMarks, tilesFor, windowToLanes } from '../../../../src/renderer/src/stores/recording-tiles';
import { flat, pairs } from '../../shared/pairs';
import { FS, fakeApi, recordingInfo, syntheticMarks, syntheticWindow } from './fake-api';

describe('tilesFor', () => {
  it('lists the tiles a page overlaps', () => {
    expect(tilesFor(5, 25, 1800)).toEqual([0, 1, 2]);
    expect(tilesFor(10, 20, 1800)).toEqual([1]);
  });

  it('stops at the last tile of the record', () => {
    expect(tilesFor(1795, 1815, 1800)).toEqual([179]);
  });
});

describe('windowToLanes', () => {
  it('places every sample at its time from the window start frame', () => {
    const lanes = windowToLanes(syntheticWindow(10, 1)).map(pairs);
    expect(lanes).toHaveLength(2);
    expect(lanes[0]?.[0]).toEqual([10, 10]);
    expect(lanes[0]?.[FS - 1]?.[0]).toBeCloseTo(10 + (FS - 1) / FS, 12);
  });

  it('spreads several samples per frame across the frame', () => {
    const w = syntheticWindow(0, 1);
    const signal = { index: 0, name: 'x', units: 'mV', samplesPerFrame: 2, values: [1, 2, 3, 4], decimated: null };
    const [lane] = windowToLanes({ ...w, startFrame: 36, signals: [signal] }).map(pairs);
    const expected = [0, 0.5, 1, 1.5].map((f) => 0.1 + f / FS);
    expect(lane).toHaveLength(4);
    lane?.forEach((p, i) => expect(p[0]).toBeCloseTo(expected[i] as number, 12));
  });

  it('puts the min and max of a decimated bin at the bin centre', () => {
    const w = syntheticWindow(0, 1);
    const signal = { index: 0, name: 'x', units: 'mV', samplesPerFrame: 1, values: [-1, 2], decimated: { framesPerBin: 36 } };
    expect(pairs(windowToLanes({ ...w, startFrame: 0, signals: [signal] })[0] ?? [])).toEqual([[0.05, -1], [0.05, 2]]);
  });

  it('marks an invalid sample as NaN so that the line breaks there', () => {
    const w = syntheticWindow(0, 1);
    const signal = { index: 0, name: 'x', units: 'mV', samplesPerFrame: 1, values: [1, null, 3], decimated: null };
    expect(pairs(windowToLanes({ ...w, signals: [signal] })[0] ?? []).map((p) => p[1])).toEqual([1, NaN, 3]);
  });
});

describe('clipPoints', () => {
  it('keeps one point beyond each edge so the line reaches the border', () => {
    const pts = flat([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(pairs(clipPoints(pts, 1.5, 2.5))).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(pairs(clipPoints(pts, 1, 2))).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(pairs(clipPoints(pts, 5, 6))).toEqual([[4, 4]]);
  });
});

describe('mergeMarks', () => {
  it('drops a mark repeated by two tiles sharing an edge', () => {
    const merged = mergeMarks([syntheticMarks(0, 10.5), syntheticMarks(10, 20)]);
    expect(merged.map((m) => m.timeSec)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('RecordingTiles', () => {
  it('assembles a page that crosses tiles from consecutive samples', async () => {
    const { api } = fakeApi();
    const tiles = new RecordingTiles(api, recordingInfo());
    const page = await tiles.signals(8, 12);
    const times = pairs(page.lanes[0] ?? []).map((p) => p[0]);
    expect(times[0]).toBeLessThanOrEqual(8);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(12);
    times.slice(1).forEach((t, i) => expect(t - (times[i] as number)).toBeCloseTo(1 / FS, 9));
  });

  it('answers a page from its prefetched tiles without another call', async () => {
    const fake = fakeApi();
    const tiles = new RecordingTiles(fake.api, recordingInfo());
    tiles.prefetch(20, 40, 'atr');
    await tiles.signals(20, 40);
    await tiles.marks('atr', 20, 40);
    const windowCalls = fake.calls.filter((c) => c.channel === 'recording:window');
    expect(windowCalls.map((c) => (c.arg as { startSec: number }).startSec)).toEqual([20, 30]);
    expect(fake.calls.filter((c) => c.channel === 'recording:annotations')).toHaveLength(2);
  });

  it('asks for every sample of a tile', async () => {
    const fake = fakeApi();
    await new RecordingTiles(fake.api, recordingInfo()).signals(0, 1);
    const arg = fake.calls[0]?.arg as { maxPoints: number; durationSec: number };
    expect(arg.durationSec).toBe(TILE_SEC);
    expect(arg.maxPoints).toBeGreaterThanOrEqual(TILE_SEC * FS);
  });
});
