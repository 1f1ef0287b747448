import { describe, expect, it } from 'vitest';
import { CallError, RecordingTiles, TILE_SEC, clipPoints, frameAtSec, mergeMarks, splitMarks, splitWindow, tilesFor, windowToLanes } from '../../../../src/renderer/src/stores/recording-tiles';
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

describe('frameAtSec', () => {
  it('gives the first frame at or after a time, as the services count frames', () => {
    expect(frameAtSec(10, FS)).toBe(10 * FS);
    expect(frameAtSec(10.001, FS)).toBe(10 * FS + 1);
    expect(frameAtSec(1 / 3, 3)).toBe(1);
    expect(frameAtSec(-1, FS)).toBe(0);
  });
});

describe('splitWindow', () => {
  it('cuts a window of three tiles into the windows of each tile alone', () => {
    const tiles = splitWindow(syntheticWindow(20, 3 * TILE_SEC), 2, 3);
    expect(tiles).toEqual([20, 30, 40].map((start) => syntheticWindow(start, TILE_SEC)));
  });

  it('keeps every sample of a frame together when a signal has several per frame', () => {
    const w = syntheticWindow(0, 2 * TILE_SEC);
    const frames = w.endFrame - w.startFrame;
    const signal = { index: 0, name: 'x', units: 'mV', samplesPerFrame: 2, values: Array.from({ length: 2 * frames }, (_, i) => i), decimated: null };
    const [a, b] = splitWindow({ ...w, signals: [signal] }, 0, 2);
    expect(a?.signals[0]?.values).toHaveLength(2 * TILE_SEC * FS);
    expect(b?.startFrame).toBe(TILE_SEC * FS);
    expect(b?.signals[0]?.values[0]).toBe(2 * TILE_SEC * FS);
  });

  it('gives the last tile what is left at the end of the record', () => {
    const tiles = splitWindow(syntheticWindow(1780, 15), 178, 2);
    expect(tiles.map((t) => [t.startFrame / FS, t.endFrame / FS])).toEqual([[1780, 1790], [1790, 1795]]);
  });

  it('refuses to cut a decimated window', () => {
    const w = syntheticWindow(0, 2 * TILE_SEC);
    const signal = { index: 0, name: 'x', units: 'mV', samplesPerFrame: 1, values: [-1, 2], decimated: { framesPerBin: 7200 } };
    expect(() => splitWindow({ ...w, signals: [signal] }, 0, 2)).toThrow(CallError);
  });
});

describe('splitMarks', () => {
  it('puts each mark in the tile its time falls in, one on an edge in the later tile', () => {
    const tiles = splitMarks(syntheticMarks(10, 30), 1, 2);
    expect(tiles.map((t) => t.map((m) => m.timeSec))).toEqual([syntheticMarks(10, 20), syntheticMarks(20, 30)].map((t) => t.map((m) => m.timeSec)));
  });
});

describe('RecordingTiles', () => {
  it('loads the tiles a page lacks with one call, and only those', async () => {
    const fake = fakeApi();
    const tiles = new RecordingTiles(fake.api, recordingInfo());
    await tiles.signals(35, 42);
    const page = await tiles.signals(15, 42);
    const windows = fake.calls.filter((c) => c.channel === 'recording:window').map((c) => c.arg as { startSec: number; durationSec: number });
    expect(windows.map((w) => [w.startSec, w.durationSec])).toEqual([[30, 20], [10, 20]]);
    // The same points as a page assembled from one tile per call (the old way).
    const times = pairs(page.lanes[1] ?? []).map((p) => p[0]);
    expect(times[0]).toBeLessThanOrEqual(15);
    times.slice(1).forEach((t, i) => expect(t - (times[i] as number)).toBeCloseTo(1 / FS, 9));
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(42);
  });

  it('asks for the rest of the record, no further, at its end', async () => {
    const fake = fakeApi();
    await new RecordingTiles(fake.api, recordingInfo(1795)).signals(1775, 1795);
    expect(fake.calls.map((c) => (c.arg as { durationSec: number }).durationSec)).toEqual([25]);
  });

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
    // One call of each kind for the two tiles, none for the page.
    const windowCalls = fake.calls.filter((c) => c.channel === 'recording:window');
    expect(windowCalls.map((c) => c.arg)).toEqual([expect.objectContaining({ startSec: 20, durationSec: 2 * TILE_SEC })]);
    expect(fake.calls.filter((c) => c.channel === 'recording:annotations')).toHaveLength(1);
  });

  it('asks for every sample of a tile', async () => {
    const fake = fakeApi();
    await new RecordingTiles(fake.api, recordingInfo()).signals(0, 1);
    const arg = fake.calls[0]?.arg as { maxPoints: number; durationSec: number };
    expect(arg.durationSec).toBe(TILE_SEC);
    expect(arg.maxPoints).toBeGreaterThanOrEqual(TILE_SEC * FS);
  });
});
